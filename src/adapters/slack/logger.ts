import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { format } from 'node:util';
import type { Logger } from '../../core/ports/logger.js';

/**
 * Bolt (and its Web API and Socket Mode clients) log through this: one pino line per call, at the
 * app's LOG_LEVEL. Bolt's own calls to setLevel are ignored: it would raise every app to `info`.
 * The SDK redacts tokens from what it logs at debug level; the app's pino redaction is the backstop.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const slack = logger.child({ component: 'slack' });
  return {
    debug: (...msg: unknown[]) => slack.debug(format(...msg)),
    info: (...msg: unknown[]) => slack.info(format(...msg)),
    warn: (...msg: unknown[]) => slack.warn(format(...msg)),
    error: (...msg: unknown[]) => slack.error(format(...msg)),
    setLevel: () => undefined,
    getLevel: () => levelOf(slack.level),
    setName: () => undefined,
  };
}

function levelOf(level: string): LogLevel {
  if (level === 'trace' || level === 'debug') return LogLevel.DEBUG;
  if (level === 'info') return LogLevel.INFO;
  if (level === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}
