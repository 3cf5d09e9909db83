// The logger every layer is handed. pino's loggers satisfy it (src/log.ts makes one); tests and
// library-style callers use `silentLogger` instead of building pino.

export interface LogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  /** The lowest level written (`debug`, `info`, …, or `silent`). */
  readonly level: string;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger adding `bindings` to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

const ignore = (): void => {};

export const silentLogger: Logger = {
  level: 'silent',
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  child: () => silentLogger,
};
