// The slice of pino the sources use, so tests and other callers need not construct a pino logger.
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

const ignore = (): void => {};

export const silentLogger: Logger = { info: ignore, warn: ignore, error: ignore, debug: ignore };
