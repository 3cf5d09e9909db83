import { z } from 'zod';
import { ChannelSettingsSchema, type ChannelSettings } from '../../core/thresholds.js';
import type { Sql, Tx } from './postgres-db.js';

const Row = z.object({ thresholds: z.unknown(), watchlist: z.unknown(), charts: z.boolean().nullable() });

// Stored JSON is re-validated: a row from an older version with a since-removed threshold fails here, loudly.
// A NULL `charts` was never set: the channel follows the default, so the setting stays absent.
const settingsOf = (raw: unknown): ChannelSettings => {
  const { charts, ...row } = Row.parse(raw);
  return ChannelSettingsSchema.parse(charts === null ? row : { ...row, charts });
};

export async function channelSettings(sql: Sql, channel: string): Promise<ChannelSettings | null> {
  const [row] = await sql.query('SELECT thresholds, watchlist, charts FROM channel_settings WHERE channel = $1', [channel]);
  return row === undefined ? null : settingsOf(row);
}

// Locks the channel's row before reading it, creating it with empty settings when missing, so two
// admins changing one channel at once queue on that row and the second reads the first's change; a
// plain SELECT … FOR UPDATE could not lock a row that does not exist yet. The no-op SET is there only
// to take the lock and make RETURNING answer the stored row. When the update fails, the rollback
// removes a row it created.
const LOCK_ROW = `
  INSERT INTO channel_settings AS c (channel, thresholds, watchlist, updated_at) VALUES ($1, '{}', '[]', now())
  ON CONFLICT (channel) DO UPDATE SET channel = c.channel
  RETURNING thresholds, watchlist, charts`;

export function updateChannelSettings(tx: Tx, channel: string, change: (current: ChannelSettings) => ChannelSettings): Promise<ChannelSettings> {
  return tx(async (sql) => {
    const [locked] = await sql.query(LOCK_ROW, [channel]);
    const next = ChannelSettingsSchema.parse(change(settingsOf(locked)));
    await sql.query('UPDATE channel_settings SET thresholds = $2, watchlist = $3, charts = $4, updated_at = now() WHERE channel = $1', [
      channel,
      JSON.stringify(next.thresholds),
      JSON.stringify(next.watchlist),
      next.charts ?? null,
    ]);
    return next;
  });
}
