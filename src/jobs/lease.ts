import type { LeaseStore } from '../core/ports/lease.js';
import type { Logger } from '../core/ports/logger.js';
import { systemTimers, within, type Timers } from './deadline.js';

// Runs some work (the Discord gateway) on one replica at a time: the replica holding a lease in the
// shared store runs it and renews the lease; the others stand by and retry. A holder stops its work
// the moment it cannot show it still holds the lease — a renewal refused, failed, or answered too late
// — because a standby may take the lease over once it runs out, and two copies of the work must never
// overlap. It counts the lease's time from when it asked, so its own count ends before the store's.

/** Time as this module needs it: a monotonic `now` in ms, and timers. Injected so tests can drive it. */
export interface Clock extends Timers {
  now(): number;
}

export const systemClock: Clock = {
  // Monotonic: a wall-clock jump (NTP, a VM resumed) must not stretch or shorten the lease.
  now: () => performance.now(),
  ...systemTimers,
};

export interface LeaseTiming {
  /** How long a lease lasts unless renewed: how long a dead holder keeps the work from everyone. */
  ttlMs: number;
  /** How often the holder renews. Its own count of the lease ends this long before the store's. */
  renewEveryMs: number;
  /** How often a standby tries to take the lease. */
  pollEveryMs: number;
}

/**
 * Timing for a lease of `ttlMs`: renewed every third of it, tried by standbys every sixth, so a standby
 * takes over between 2/3 and 7/6 of `ttlMs` after its holder died (20–35 s for the default 30 s).
 */
export const leaseTiming = (ttlMs: number): LeaseTiming => ({ ttlMs, renewEveryMs: Math.floor(ttlMs / 3), pollEveryMs: Math.floor(ttlMs / 6) });

export const GATEWAY_LEASE: LeaseTiming = leaseTiming(30_000);

export interface LeaseKeeperOptions {
  leases: LeaseStore;
  name: string;
  /** This replica (`replicaId()`), as recorded in the store. */
  holder: string;
  timing: LeaseTiming;
  logger: Logger;
  clock?: Clock;
  /** Starts the work once the lease is held; resolves to the function that stops it. */
  start(): Promise<() => Promise<void>>;
}

export interface LeaseKeeper {
  /** True while this replica holds the lease (its work is running or starting). */
  holding(): boolean;
  /**
   * Settles after the first try: once the work is running when the lease was free, at once when another
   * replica holds it. Rejects when the work failed to start on that first try (the keeper then stops):
   * a bad token should stop start-up as it would without a lease, not leave a replica retrying it.
   */
  started: Promise<void>;
  /** Stops the work, then releases the lease so a standby takes over without waiting for it to run out. */
  stop(): Promise<void>;
}

export function keepLease(options: LeaseKeeperOptions): LeaseKeeper {
  const { leases, name, holder, timing } = options;
  if (timing.ttlMs <= 2 * timing.renewEveryMs) throw new RangeError(`lease ${name}: ttlMs must exceed twice renewEveryMs, to leave a renewal to spare`);
  const clock = options.clock ?? systemClock;
  const logger = options.logger.child({ lease: name, holder });

  let held = false;
  let stopped = false;
  let stopWork: (() => Promise<void>) | null = null;
  let next: unknown;
  let expiry: unknown;
  // Starting and stopping the work, one after another in the order decided.
  let transitions: Promise<void> = Promise.resolve();
  const then = (step: () => Promise<void>): Promise<void> => (transitions = transitions.then(step));

  let first = true;
  let settleStarted: (error?: unknown) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => (settleStarted = (error) => (error === undefined ? resolve() : reject(error))));

  const lose = (reason: string): void => {
    if (!held) return;
    held = false;
    clock.clearTimeout(expiry);
    logger.warn({ reason }, 'lease lost: stopping what it guards');
    void then(halt);
  };

  async function halt(): Promise<void> {
    const stop = stopWork;
    stopWork = null;
    if (stop) await stop().catch((error: unknown) => logger.error({ err: error }, 'stopping the leased work failed'));
  }

  async function begin(isFirst: boolean): Promise<void> {
    if (!held || stopWork) {
      if (isFirst) settleStarted();
      return;
    }
    try {
      stopWork = await options.start();
      if (isFirst) settleStarted();
    } catch (error) {
      held = false;
      clock.clearTimeout(expiry);
      await leases.release(name, holder).catch(() => undefined);
      if (isFirst) {
        stopped = true;
        clock.clearTimeout(next);
        settleStarted(error);
      } else {
        logger.error({ err: error }, 'the leased work failed to start: lease released, trying again later');
      }
    }
  }

  async function attempt(): Promise<void> {
    const asked = clock.now();
    let got = false;
    try {
      got = await leases.tryAcquire(name, holder, timing.ttlMs);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (held) lose(`renewal failed: ${message}`);
      else logger.warn({ err: message }, 'could not try the lease');
    }
    if (stopped) return;
    // Of the lease just granted, only what is left after the safety margin counts: an answer that took
    // longer (a stalled connection) may come after a standby was already allowed to take over.
    const safeUntil = asked + timing.ttlMs - timing.renewEveryMs;
    if (got && clock.now() < safeUntil) {
      clock.clearTimeout(expiry);
      expiry = clock.setTimeout(() => lose('no renewal answered in time'), safeUntil - clock.now());
      if (!held) {
        held = true;
        logger.info('lease acquired: starting what it guards');
        const isFirst = first;
        void then(() => begin(isFirst));
      }
    } else if (held) {
      lose(got ? 'renewal answered too late' : 'another replica holds it');
    }
    const wasFirst = first;
    first = false;
    if (wasFirst && !held) {
      logger.info('standing by: another replica holds the lease');
      settleStarted();
    }
    if (!stopped) next = clock.setTimeout(tick, held ? timing.renewEveryMs : timing.pollEveryMs);
  }

  const tick = (): void => void attempt();
  tick();

  return {
    holding: () => held,
    started,
    async stop() {
      stopped = true;
      clock.clearTimeout(next);
      clock.clearTimeout(expiry);
      held = false;
      await then(halt);
      // Whether or not this replica holds it now: releasing a lease held by another does nothing. A
      // database that does not answer must not hold up shutdown: the lease then runs out by itself.
      const released = await within(clock, timing.renewEveryMs, leases.release(name, holder).then(() => true), false).catch(() => false);
      if (released) logger.info('lease released');
      else logger.warn('could not release the lease; it runs out by itself');
    },
  };
}
