import cron from 'node-cron';
import type { Logger } from './core/ports/logger.js';
import { settlesBy } from './lifecycle.js';

// One node-cron task ticks every minute; what is due is decided from the store at each tick (not one
// cron task per subscription). node-cron's `noOverlap` skips a tick while the last one runs, and so
// does the guard here, which also covers ticks run by hand (at start, in tests). node-cron's
// `distributed` option is not used: replicas coordinate through the store's claims.

export interface Scheduler {
  /** Runs one tick now, unless one is running: resolves false then. */
  tick(): Promise<boolean>;
  /** Stops ticking and waits for the tick in flight until `deadline` (epoch ms). */
  stop(deadline: number): Promise<void>;
}

export interface SchedulerOptions {
  /** One tick's work, at `now`. It should not throw; if it does, the error is logged. */
  work: (now: Date) => Promise<void>;
  clock: () => Date;
  logger: Logger;
  /** Start the minute task (false in tests that drive ticks by hand). Default true. */
  cron?: boolean;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { logger } = options;
  let current: Promise<void> | null = null;
  let stopped = false;

  const tick = async (): Promise<boolean> => {
    if (current || stopped) {
      if (current) logger.debug('tick skipped: the previous one is still running');
      return false;
    }
    const now = options.clock();
    current = options.work(now).catch((error: unknown) => logger.error({ err: error instanceof Error ? error.message : String(error) }, 'tick failed'));
    try {
      await current;
    } finally {
      current = null;
    }
    return true;
  };

  const task =
    options.cron === false
      ? null
      : cron.schedule('* * * * *', () => tick(), {
          name: 'tokenbrief-tick',
          noOverlap: true,
          // A late minute is caught up by the next tick's decision from the store, so node-cron's
          // warning about it is noise.
          suppressMissedWarning: true,
          logger: cronLogger(logger),
        });

  return {
    tick,
    stop: async (deadline) => {
      stopped = true;
      await task?.destroy();
      if (current) await settlesBy(current, deadline);
    },
  };
}

function cronLogger(logger: Logger) {
  const text = (message: string | Error) => (message instanceof Error ? message.message : message);
  return {
    info: (message: string) => logger.debug({ cron: true }, message),
    warn: (message: string) => logger.warn({ cron: true }, message),
    error: (message: string | Error, err?: Error) => logger.error({ cron: true, err: err?.message }, text(message)),
    debug: (message: string | Error) => logger.debug({ cron: true }, text(message)),
  };
}
