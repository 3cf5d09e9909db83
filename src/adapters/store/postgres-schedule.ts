import { formatChannelRef, type ChannelRef } from '../../core/channel.js';
import type { SchedulerStore } from '../../core/ports/schedule.js';
import type { Sql, Tx } from './postgres-db.js';
import { AlertRecordRow, BaselineRow, DeliveryRow, HEAD_COLUMNS, parseLedgerHeadRow, parseSubscriptionRow, REFRESH_LOG_KEPT, RefreshRow, SubscriptionRow } from './schedule-rows.js';
import { cachedSubscriptions, VersionRow } from './subscription-cache.js';

// The scheduler's tables on Postgres (migration 5), the coordination engine when replicas share one
// database. Every claim is ONE statement: an insert that, on a conflict, takes the row over only when
// it is a claim whose lease has run out. Postgres locks the conflicting row for the ON CONFLICT
// update and re-checks the WHERE on its newest version, so of any number of replicas exactly one
// gets a row back.

const SUBSCRIPTION_COLUMNS = 'channel, weekday, time, zone, alerts, subscribed_by, active_since, paused_reason, paused_at';
const DELIVERY_COLUMNS = 'channel, slot, kind, state, week, at, claimed_by, lease_until, message_ids, reason, delayed';

const CLAIM = `
  INSERT INTO deliveries AS d (${DELIVERY_COLUMNS}) VALUES ($1, $2, $3, 'claimed', $4, $5, $6, $7, '[]', NULL, $8)
  ON CONFLICT (channel, slot) DO UPDATE SET kind = excluded.kind, week = excluded.week, at = excluded.at,
    claimed_by = excluded.claimed_by, lease_until = excluded.lease_until, delayed = excluded.delayed
  WHERE d.state = 'claimed' AND d.lease_until <= excluded.at
  RETURNING 1`;

const SETTLE = `
  UPDATE deliveries SET state = $4, message_ids = $5, reason = $6, at = $7, lease_until = NULL
  WHERE channel = $1 AND slot = $2 AND state = 'claimed' AND claimed_by = $3
  RETURNING 1`;

// `$5` null matches no claim: without a holder, an existing entry is never overwritten.
const SKIP = `
  INSERT INTO deliveries AS d (${DELIVERY_COLUMNS}) VALUES ($1, $2, 'scheduled', 'skipped', NULL, $4, NULL, NULL, '[]', $3, false)
  ON CONFLICT (channel, slot) DO UPDATE SET state = 'skipped', reason = excluded.reason, at = excluded.at, lease_until = NULL
  WHERE d.state = 'claimed' AND d.claimed_by = $5`;

const SUBSCRIBE = `
  INSERT INTO subscriptions (${SUBSCRIPTION_COLUMNS}) VALUES ($1, $2, $3, $4, true, $5, $6, NULL, NULL)
  ON CONFLICT (channel) DO UPDATE SET weekday = excluded.weekday, time = excluded.time, zone = excluded.zone,
    subscribed_by = excluded.subscribed_by, active_since = excluded.active_since, paused_reason = NULL, paused_at = NULL
  RETURNING ${SUBSCRIPTION_COLUMNS}`;

const key = (channel: ChannelRef) => formatChannelRef(channel);

export function postgresSchedule(sql: Sql, tx: Tx): SchedulerStore {
  const changed = async (text: string, values: readonly unknown[]) => (await sql.query(text, values)).length > 0;
  const settle = (input: { channel: ChannelRef; slot: string; by: string; messageIds: readonly string[]; at: Date }, state: 'sent' | 'failed', reason: string | null) =>
    changed(SETTLE, [key(input.channel), input.slot, input.by, state, JSON.stringify(input.messageIds), reason, input.at]);

  return {
    subscribe: async ({ channel, schedule, subscribedBy, at }) => {
      const [row] = await sql.query(SUBSCRIBE, [key(channel), schedule.weekday, schedule.time, schedule.zone, subscribedBy, at]);
      return SubscriptionRow.parse(row);
    },
    unsubscribe: (channel) => changed('DELETE FROM subscriptions WHERE channel = $1 RETURNING 1', [key(channel)]),
    subscription: async (channel) => {
      const [row] = await sql.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE channel = $1`, [key(channel)]);
      return row === undefined ? null : SubscriptionRow.parse(row);
    },
    subscriptions: cachedSubscriptions(
      async () => VersionRow.parse((await sql.query('SELECT n FROM subscriptions_version'))[0]),
      async () => (await sql.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions ORDER BY channel`)).map(parseSubscriptionRow),
    ),
    setAlerts: (channel, on) => changed('UPDATE subscriptions SET alerts = $2 WHERE channel = $1 RETURNING 1', [key(channel), on]),
    pauseSubscription: async (channel, reason, at) => {
      await sql.query('UPDATE subscriptions SET paused_reason = $2, paused_at = $3 WHERE channel = $1', [key(channel), reason, at]);
    },

    claimSlot: (input) =>
      changed(CLAIM, [key(input.channel), input.slot, input.kind, input.week, input.at, input.by, input.leaseUntil, input.delayed]),
    markSent: (input) => settle(input, 'sent', null),
    markFailed: (input) => settle(input, 'failed', input.reason),
    markSkipped: async (input) => {
      await sql.query(SKIP, [key(input.channel), input.slot, input.reason, input.at, input.by ?? null]);
    },
    deliveries: async (since, channels) => {
      const rows =
        channels === undefined
          ? await sql.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE at >= $1 ORDER BY at, channel, slot`, [since])
          : await sql.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE at >= $1 AND channel = ANY($2) ORDER BY at, channel, slot`, [
              since,
              channels.map(key),
            ]);
      return rows.map((row) => DeliveryRow.parse(row));
    },
    lastSent: async (channel) => {
      const [row] = await sql.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE channel = $1 AND state = 'sent' AND kind <> 'alerts' ORDER BY at DESC LIMIT 1`, [
        key(channel),
      ]);
      return row === undefined ? null : DeliveryRow.parse(row);
    },
    delivery: async (channel, slot) => {
      const [row] = await sql.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE channel = $1 AND slot = $2`, [key(channel), slot]);
      return row === undefined ? null : DeliveryRow.parse(row);
    },
    ledgerHeads: async () => {
      const rows = (await sql.query(`SELECT ${HEAD_COLUMNS.join(', ')} FROM delivery_heads`)) as Record<string, unknown>[];
      return new Map(rows.map((row) => parseLedgerHeadRow(HEAD_COLUMNS.map((column) => row[column]))));
    },

    alertHistory: async (channel) => {
      const [baseline] = await sql.query('SELECT baseline_at FROM alert_baselines WHERE channel = $1', [key(channel)]);
      const records = await sql.query('SELECT identity, topic, state, at FROM alert_history WHERE channel = $1 ORDER BY at, identity', [key(channel)]);
      return { baselineAt: baseline === undefined ? null : BaselineRow.parse(baseline).baseline_at, records: records.map((r) => AlertRecordRow.parse(r)) };
    },
    recordAlerts: (channel, input) =>
      tx(async (client) => {
        if (input.baselineAt) {
          await client.query('INSERT INTO alert_baselines (channel, baseline_at) VALUES ($1, $2) ON CONFLICT (channel) DO NOTHING', [key(channel), input.baselineAt]);
        }
        for (const r of input.records) {
          await client.query(
            `INSERT INTO alert_history (channel, identity, topic, state, at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (channel, identity) DO UPDATE SET topic = excluded.topic, state = excluded.state, at = excluded.at`,
            [key(channel), r.identity, r.topic, r.state, r.at],
          );
        }
      }),

    recordRefresh: (r) =>
      tx(async (client) => {
        await client.query('INSERT INTO refresh_log (started_at, finished_at, ok, summary, as_of) VALUES ($1, $2, $3, $4, $5)', [
          r.startedAt,
          r.finishedAt,
          r.ok,
          r.summary,
          r.asOf,
        ]);
        await client.query('DELETE FROM refresh_log WHERE id <= (SELECT max(id) FROM refresh_log) - $1', [REFRESH_LOG_KEPT]);
      }),
    lastRefresh: async () => {
      const [row] = await sql.query('SELECT started_at, finished_at, ok, summary, as_of FROM refresh_log ORDER BY id DESC LIMIT 1');
      return row === undefined ? null : RefreshRow.parse(row);
    },
  };
}
