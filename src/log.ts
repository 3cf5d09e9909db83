import pino from 'pino';
import type { LogLevel } from './config.js';
import type { Logger } from './core/ports/logger.js';

// One JSON object per line on stderr: stdout belongs to the CLI's output (a brief, JSON).
// Secrets are redacted by key name as a second line of defence; code never logs them on purpose.
export function createLogger(level: LogLevel): Logger {
  return pino(
    {
      level,
      base: { app: 'tokenbrief' },
      redact: { paths: ['apiKey', '*.apiKey', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
