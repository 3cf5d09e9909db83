import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { ChannelSettingsSchema, type ChannelSettings } from '../../core/thresholds.js';

const Row = z.object({ thresholds: z.string(), watchlist: z.string() });

export interface SqliteChannels {
  get(channel: string): ChannelSettings | null;
  save(channel: string, settings: ChannelSettings): void;
}

export function sqliteChannels(db: Database): SqliteChannels {
  const select = db.prepare('SELECT thresholds, watchlist FROM channel_settings WHERE channel = ?');
  const upsert = db.prepare(
    `INSERT INTO channel_settings (channel, thresholds, watchlist, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (channel) DO UPDATE SET thresholds = excluded.thresholds, watchlist = excluded.watchlist, updated_at = excluded.updated_at`,
  );
  return {
    get(channel) {
      const raw = select.get(channel);
      if (raw === undefined) return null;
      const row = Row.parse(raw);
      // Stored JSON is re-validated: a row from an older version with a since-removed threshold fails here, loudly.
      return ChannelSettingsSchema.parse({ thresholds: JSON.parse(row.thresholds), watchlist: JSON.parse(row.watchlist) });
    },
    save(channel, settings) {
      const valid = ChannelSettingsSchema.parse(settings);
      upsert.run(channel, JSON.stringify(valid.thresholds), JSON.stringify(valid.watchlist), new Date().toISOString());
    },
  };
}
