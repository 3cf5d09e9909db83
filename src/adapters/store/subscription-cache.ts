import { z } from 'zod';
import type { Subscription } from '../../core/ports/schedule.js';

// The minute tick reads every subscription every minute; they change only when an admin subscribes,
// changes or pauses one. A trigger bumps a version on every write to the table (from any process or
// replica), so the list is re-read only when that version moved: one tiny row per tick otherwise.

/** Postgres hands a bigint back as text; SQLite as a number. */
export const VersionRow = z.object({ n: z.union([z.number().int(), z.string().regex(/^\d+$/)]) }).transform((row) => String(row.n));

const frozen = (s: Subscription): Subscription =>
  Object.freeze({ ...s, channel: Object.freeze({ ...s.channel }), schedule: Object.freeze({ ...s.schedule }), paused: s.paused && Object.freeze({ ...s.paused }) });

/** `subscriptions()` over a versioned table: the same frozen list while the version stands. */
export function cachedSubscriptions(version: () => Promise<string>, read: () => Promise<Subscription[]>): () => Promise<readonly Subscription[]> {
  let cached: { version: string; list: readonly Subscription[] } | null = null;
  return async () => {
    // Version first: a write landing between the two reads leaves a newer list under the older
    // version, which the next call reads again; never an older list under a newer version.
    const current = await version();
    if (cached?.version === current) return cached.list;
    const list = Object.freeze((await read()).map(frozen));
    cached = { version: current, list };
    return list;
  };
}
