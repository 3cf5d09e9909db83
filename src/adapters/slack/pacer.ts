import { setTimeout as sleep } from 'node:timers/promises';

/** Slack allows about one message per second per channel; bursts beyond that get 429s. */
const CHANNEL_POST_INTERVAL_MS = 1000;

/**
 * Spaces posts to the same channel; callers sharing one pacer share the budget. It is per process and
 * needs to be no more: with several replicas, the scheduler's ledger gives each slot's brief for a
 * channel to one replica (its claim), so no two replicas post a fan-out to one channel at once; a
 * command answer (`/brief post`) is one user's one post.
 */
export interface Pacer {
  /** Resolves when a message may be posted to `channel` (reserving that slot). */
  wait(channel: string): Promise<void>;
}

export function createPacer(
  intervalMs = CHANNEL_POST_INTERVAL_MS,
  clock: { now: () => number; sleep: (ms: number) => Promise<unknown> } = { now: Date.now, sleep },
): Pacer {
  const nextSlot = new Map<string, number>();
  return {
    async wait(channel) {
      const now = clock.now();
      for (const [key, slot] of nextSlot) if (slot <= now) nextSlot.delete(key);
      const start = Math.max(now, nextSlot.get(channel) ?? now);
      nextSlot.set(channel, start + intervalMs);
      if (start > now) await clock.sleep(start - now);
    },
  };
}
