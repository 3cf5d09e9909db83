import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { ChannelSettingsSchema, EMPTY_CHANNEL_SETTINGS, type ChannelSettings } from '../../core/thresholds.js';

const Row = z.object({ thresholds: z.string(), watchlist: z.string(), charts: z.union([z.literal(0), z.literal(1), z.null()]) });

export interface SqliteChannels {
  get(channel: string): ChannelSettings | null;
  update(channel: string, change: (current: ChannelSettings) => ChannelSettings): ChannelSettings;
}

export function sqliteChannels(db: Database): SqliteChannels {
  const select = db.prepare('SELECT thresholds, watchlist, charts FROM channel_settings WHERE channel = ?');
  const upsert = db.prepare(
    `INSERT INTO channel_settings (channel, thresholds, watchlist, charts, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (channel) DO UPDATE SET thresholds = excluded.thresholds, watchlist = excluded.watchlist, charts = excluded.charts,
       updated_at = excluded.updated_at`,
  );
  const get = (channel: string): ChannelSettings | null => {
    const raw = select.get(channel);
    if (raw === undefined) return null;
    const row = Row.parse(raw);
    // Stored JSON is re-validated: a row from an older version with a since-removed threshold fails here, loudly.
    return ChannelSettingsSchema.parse({
      thresholds: JSON.parse(row.thresholds),
      watchlist: JSON.parse(row.watchlist),
      ...(row.charts === null ? {} : { charts: row.charts === 1 }),
    });
  };
  // IMMEDIATE takes the write lock before the read, so another connection (a second process on the
  // same file) cannot change the row between this read and this write.
  // A copy of the empty settings: an update that mutated its argument would otherwise change them for everyone.
  const update = db.transaction((channel: string, change: (current: ChannelSettings) => ChannelSettings): ChannelSettings => {
    const next = ChannelSettingsSchema.parse(change(get(channel) ?? structuredClone(EMPTY_CHANNEL_SETTINGS)));
    const charts = next.charts === undefined ? null : Number(next.charts);
    upsert.run(channel, JSON.stringify(next.thresholds), JSON.stringify(next.watchlist), charts, new Date().toISOString());
    return next;
  });
  return { get, update: (channel, change) => update.immediate(channel, change) };
}
