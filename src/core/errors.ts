/**
 * The base of every error tokenbrief throws on purpose. `code` is stable and machine-readable (logs,
 * metrics, a caller's switch); the message is for people. `cause` keeps the underlying failure
 * (an SDK error, a zod issue) so a log line can show what really went wrong.
 */
export abstract class TokenbriefError extends Error {
  abstract readonly code: string;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/** A week is asked for that the store has no usage for. */
export class NoDataError extends TokenbriefError {
  readonly code = 'no_data';
}
