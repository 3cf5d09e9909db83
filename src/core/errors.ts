import type { Day, IsoWeek } from './types.js';

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

/** What a read found missing: any usage at all, or the week asked for (`covers`: the days the store does hold). */
export type MissingData = { kind: 'no_usage' } | { kind: 'no_week'; week: IsoWeek; covers: { first: Day; last: Day } | null };

/**
 * A week is asked for that the store has no usage for. The message is for the log; people read
 * `missing` as templates/<platform>/no-data.hbs words it.
 */
export class NoDataError extends TokenbriefError {
  readonly code = 'no_data';

  constructor(readonly missing: MissingData) {
    super(missing.kind === 'no_usage' ? 'no usage data stored' : `no usage data for ${missing.week}`);
  }
}
