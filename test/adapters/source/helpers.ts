import type { Logger } from '../../../src/core/ports/logger.js';

/** A clock that only moves when the code under test sleeps, so waits are recorded instead of slept. */
export function fakeClock(start = '2026-03-09T12:00:00Z') {
  let time = Date.parse(start);
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(time),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

/** A logger that keeps every call, to assert on warnings and on what must never be logged. */
export function captureLogger(): Logger & { lines: Array<{ level: string; obj: object; msg?: string }> } {
  const lines: Array<{ level: string; obj: object; msg?: string }> = [];
  const at = (level: string) => (obj: object | string, msg?: string) => void lines.push(typeof obj === 'string' ? { level, obj: {}, msg: obj } : { level, obj, msg });
  const logger = { lines, level: 'debug', info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug'), child: () => logger };
  return logger;
}
