import cron from 'node-cron';
import type { Logger } from './core/ports/logger.js';
import { settlesBy } from './lifecycle.js';

// One node-cron task ticks every minute; what is due is decided from the store at each tick (not one
// cron task per subscription). node-cron's `noOverlap` skips a tick while the last one runs, and so
// does the guard here, which also covers ticks run by hand (at start, in tests). node-cron's
// `distributed` option is not used: replicas coordinate through the store's claims. A tick may ask
// for one more before the next minute (a claim left open by a dead replica runs out then).

export interface Scheduler {
  /** Runs one tick now, unless one is running: resolves false then. */
  tick(): Promise<boolean>;
  /** Stops ticking and waits for the tick in flight until `deadline` (epoch ms). */
  stop(deadline: number): Promise<void>;
}

export interface SchedulerOptions {
  /**
   * One tick's work, at `now`; it may resolve with a time to tick again before the next minute. It
   * should not throw; if it does, the error is logged.
   */
  work: (now: Date) => Promise<Date | null | void>;
  clock: () => Date;
  logger: Logger;
  /** Start the minute task (false in tests that drive ticks by hand). Default true. */
  cron?: boolean;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { logger } = options;
  let current: Promise<void> | null = null;
  let stopped = false;
  // One extra tick at most is pending: the earliest asked for.
  let extra: { at: number; timer: ReturnType<typeof setTimeout> } | null = null;

  const again = (at: Date): void => {
    if (stopped || (extra && extra.at <= at.getTime())) return;
    if (extra) clearTimeout(extra.timer);
    const timer = setTimeout(() => {
      extra = null;
      // A tick running now decided before this moment: the extra one follows it.
      void (current ?? Promise.resolve()).then(tick);
    }, Math.max(0, at.getTime() - options.clock().getTime()));
    extra = { at: at.getTime(), timer };
  };

  const tick = async (): Promise<boolean> => {
    if (current || stopped) {
      if (current) logger.debug('tick skipped: the previous one is still running');
      return false;
    }
    const now = options.clock();
    current = options.work(now).then(
      (next) => (next ? again(next) : undefined),
      (error: unknown) => logger.error({ err: error instanceof Error ? error.message : String(error) }, 'tick failed'),
    );
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
      if (extra) clearTimeout(extra.timer);
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
