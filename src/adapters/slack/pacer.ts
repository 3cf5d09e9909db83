import { setTimeout as sleep } from 'node:timers/promises';

/** Slack allows about one message per second per channel; bursts beyond that get 429s. */
const CHANNEL_POST_INTERVAL_MS = 1000;
/**
 * Above the per-channel limit Slack limits an app's posts to a whole workspace to "several hundred
 * messages per minute" (chat.postMessage docs, no exact figure): 300 stays inside it.
 */
export const WORKSPACE_POSTS_PER_MINUTE = 300;

/**
 * Spaces posts to the same channel and across the workspace; callers sharing one pacer share the
 * budget. It is per process and needs to be no more: with several replicas, only the holder of the
 * `fanout:slack` lease posts scheduled briefs and alerts (see replicas.ts), so one pacer spaces every
 * fan-out; a command answer (`/brief post`) is one user's one post.
 */
export interface Pacer {
  /** Resolves when a message may be posted to `channel` (reserving that slot). */
  wait(channel: string): Promise<void>;
}

export interface PacerOptions {
  /** Between two posts to one channel. */
  channelIntervalMs?: number;
  /** Posts per minute to the workspace, spread evenly (a fan-out to many channels never bursts). */
  workspacePerMinute?: number;
  clock?: { now: () => number; sleep: (ms: number) => Promise<unknown> };
}

/**
 * The workspace's time is cut into slots `60 s / workspacePerMinute` long, one post each; a post takes
 * the first free slot once its channel allows it, so a channel's next message, reserved a second
 * ahead, never holds up posts to other channels meanwhile.
 */
export function createPacer(options: PacerOptions = {}): Pacer {
  const intervalMs = options.channelIntervalMs ?? CHANNEL_POST_INTERVAL_MS;
  const spacingMs = 60_000 / (options.workspacePerMinute ?? WORKSPACE_POSTS_PER_MINUTE);
  const clock = options.clock ?? { now: Date.now, sleep };
  const nextSlot = new Map<string, number>();
  const taken = new Set<number>();
  return {
    async wait(channel) {
      const now = clock.now();
      for (const [key, slot] of nextSlot) if (slot <= now) nextSlot.delete(key);
      for (const slot of taken) if ((slot + 1) * spacingMs <= now) taken.delete(slot);
      let slot = Math.ceil(Math.max(now, nextSlot.get(channel) ?? now) / spacingMs);
      while (taken.has(slot)) slot += 1;
      taken.add(slot);
      const start = Math.max(now, slot * spacingMs);
      nextSlot.set(channel, start + intervalMs);
      if (start > now) await clock.sleep(start - now);
    },
  };
}
