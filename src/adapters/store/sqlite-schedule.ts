import type { Database } from 'better-sqlite3';
import { formatChannelRef } from '../../core/channel.js';
import type { SchedulerStore } from '../../core/ports/schedule.js';
import { AlertRecordRow, BaselineRow, DeliveryRow, HEAD_COLUMNS, parseLedgerHeadRow, parseSubscriptionRow, REFRESH_LOG_KEPT, RefreshRow, SubscriptionRow } from './schedule-rows.js';
import { cachedSubscriptions, VersionRow } from './subscription-cache.js';

// The scheduler's tables on SQLite (migration 5). Every claim is ONE statement: an insert that, on a
// conflict, takes the row over only when it is a claim whose lease has run out. SQLite runs one
// writer at a time, so of any number of claimers exactly one sees a changed row.
// Statements are prepared on first use: their tables exist only once `migrate()` has run.

const iso = (date: Date): string => date.toISOString();
const SUBSCRIPTION_COLUMNS = 'channel, weekday, time, zone, alerts, subscribed_by, active_since, paused_reason, paused_at';
const DELIVERY_COLUMNS = 'channel, slot, kind, state, week, at, claimed_by, lease_until, message_ids, reason, delayed';

/** `intact` is called before every write: it throws when the file is no longer the one opened. */
export function sqliteSchedule(db: Database, intact: () => void): SchedulerStore {
  let prepared: Statements | undefined;
  const st = () => (prepared ??= prepare(db));
  const write = () => {
    intact();
    return st();
  };

  return {
    subscribe: async ({ channel, schedule, subscribedBy, at }) =>
      SubscriptionRow.parse(write().subscribe.get(formatChannelRef(channel), schedule.weekday, schedule.time, schedule.zone, subscribedBy, iso(at))),
    unsubscribe: async (channel) => write().unsubscribe.run(formatChannelRef(channel)).changes > 0,
    subscription: async (channel) => {
      const row = st().one.get(formatChannelRef(channel));
      return row === undefined ? null : SubscriptionRow.parse(row);
    },
    subscriptions: cachedSubscriptions(
      async () => VersionRow.parse(st().version.get()),
      async () => st().all.all().map(parseSubscriptionRow),
    ),
    setAlerts: async (channel, on) => write().setAlerts.run(on ? 1 : 0, formatChannelRef(channel)).changes > 0,
    pauseSubscription: async (channel, reason, at) => {
      write().pause.run(reason, iso(at), formatChannelRef(channel));
    },

    claimSlot: async (input) =>
      write().claim.run({
        channel: formatChannelRef(input.channel),
        slot: input.slot,
        kind: input.kind,
        week: input.week,
        at: iso(input.at),
        by: input.by,
        leaseUntil: iso(input.leaseUntil),
        delayed: input.delayed ? 1 : 0,
      }).changes === 1,
    markSent: async (input) =>
      write().settle.run({ ...keyOf(input), state: 'sent', messageIds: JSON.stringify(input.messageIds), reason: null, at: iso(input.at), by: input.by })
        .changes === 1,
    markFailed: async (input) =>
      write().settle.run({ ...keyOf(input), state: 'failed', messageIds: JSON.stringify(input.messageIds), reason: input.reason, at: iso(input.at), by: input.by })
        .changes === 1,
    markSkipped: async (input) => {
      // `by` null matches no claim: without a holder, an existing entry is never overwritten.
      write().skip.run({ ...keyOf(input), reason: input.reason, at: iso(input.at), by: input.by ?? null });
    },
    deliveries: async (from, channels) => {
      const rows = channels === undefined ? st().since.all(iso(from)) : st().sinceFor.all(iso(from), JSON.stringify(channels.map(formatChannelRef)));
      return rows.map((row) => DeliveryRow.parse(row));
    },
    lastSent: async (channel) => {
      const row = st().lastSent.get(formatChannelRef(channel));
      return row === undefined ? null : DeliveryRow.parse(row);
    },
    delivery: async (channel, slot) => {
      const row = st().entry.get(formatChannelRef(channel), slot);
      return row === undefined ? null : DeliveryRow.parse(row);
    },
    ledgerHeads: async () => new Map((st().heads.all() as unknown[][]).map(parseLedgerHeadRow)),

    alertHistory: async (channel) => {
      const key = formatChannelRef(channel);
      const row = st().baseline.get(key);
      return {
        baselineAt: row === undefined ? null : BaselineRow.parse(row).baseline_at,
        records: st().history.all(key).map((r) => AlertRecordRow.parse(r)),
      };
    },
    recordAlerts: async (channel, input) => {
      write().recordAlerts.immediate(formatChannelRef(channel), input);
    },

    recordRefresh: async (r) => {
      write().recordRefresh.immediate(r);
    },
    lastRefresh: async () => {
      const row = st().lastRefresh.get();
      return row === undefined ? null : RefreshRow.parse(row);
    },
  };
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database) {
  const subscribe = db.prepare(
    `INSERT INTO subscriptions (${SUBSCRIPTION_COLUMNS}) VALUES (?, ?, ?, ?, 1, ?, ?, NULL, NULL)
     ON CONFLICT (channel) DO UPDATE SET weekday = excluded.weekday, time = excluded.time, zone = excluded.zone,
       subscribed_by = excluded.subscribed_by, active_since = excluded.active_since, paused_reason = NULL, paused_at = NULL
     RETURNING ${SUBSCRIPTION_COLUMNS}`,
  );
  const unsubscribe = db.prepare('DELETE FROM subscriptions WHERE channel = ?');
  const one = db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE channel = ?`);
  const all = db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions ORDER BY channel`);
  const setAlerts = db.prepare('UPDATE subscriptions SET alerts = ? WHERE channel = ?');
  const pause = db.prepare('UPDATE subscriptions SET paused_reason = ?, paused_at = ? WHERE channel = ?');

  const claim = db.prepare(
    `INSERT INTO deliveries (${DELIVERY_COLUMNS}) VALUES (@channel, @slot, @kind, 'claimed', @week, @at, @by, @leaseUntil, '[]', NULL, @delayed)
     ON CONFLICT (channel, slot) DO UPDATE SET kind = excluded.kind, week = excluded.week, at = excluded.at,
       claimed_by = excluded.claimed_by, lease_until = excluded.lease_until, delayed = excluded.delayed
     WHERE deliveries.state = 'claimed' AND deliveries.lease_until <= excluded.at`,
  );
  const settle = db.prepare(
    `UPDATE deliveries SET state = @state, message_ids = @messageIds, reason = @reason, at = @at, lease_until = NULL
     WHERE channel = @channel AND slot = @slot AND state = 'claimed' AND claimed_by = @by`,
  );
  const skip = db.prepare(
    `INSERT INTO deliveries (${DELIVERY_COLUMNS}) VALUES (@channel, @slot, 'scheduled', 'skipped', NULL, @at, NULL, NULL, '[]', @reason, 0)
     ON CONFLICT (channel, slot) DO UPDATE SET state = 'skipped', reason = excluded.reason, at = excluded.at, lease_until = NULL
     WHERE deliveries.state = 'claimed' AND deliveries.claimed_by = @by`,
  );
  const since = db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE at >= ? ORDER BY at, channel, slot`);
  const sinceFor = db.prepare(
    `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE at >= ? AND channel IN (SELECT value FROM json_each(?)) ORDER BY at, channel, slot`,
  );
  const lastSent = db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE channel = ? AND state = 'sent' AND kind <> 'alerts' ORDER BY at DESC LIMIT 1`);
  const entry = db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE channel = ? AND slot = ?`);
  // Arrays, not objects: a fraction of the cost for the ten thousand rows a tick reads.
  const heads = db.prepare(`SELECT ${HEAD_COLUMNS.join(', ')} FROM delivery_heads`).raw();
  const version = db.prepare('SELECT n FROM subscriptions_version');

  const baseline = db.prepare('SELECT baseline_at FROM alert_baselines WHERE channel = ?');
  const history = db.prepare('SELECT identity, topic, state, at FROM alert_history WHERE channel = ? ORDER BY at, identity');
  const setBaseline = db.prepare('INSERT INTO alert_baselines (channel, baseline_at) VALUES (?, ?) ON CONFLICT (channel) DO NOTHING');
  const record = db.prepare(
    `INSERT INTO alert_history (channel, identity, topic, state, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (channel, identity) DO UPDATE SET topic = excluded.topic, state = excluded.state, at = excluded.at`,
  );
  const recordAlerts = db.transaction((channel: string, input: Parameters<SchedulerStore['recordAlerts']>[1]) => {
    if (input.baselineAt) setBaseline.run(channel, iso(input.baselineAt));
    for (const r of input.records) record.run(channel, r.identity, r.topic, r.state, iso(r.at));
  });

  const addRefresh = db.prepare('INSERT INTO refresh_log (started_at, finished_at, ok, summary, as_of) VALUES (?, ?, ?, ?, ?)');
  const trimRefreshes = db.prepare('DELETE FROM refresh_log WHERE id <= (SELECT max(id) FROM refresh_log) - ?');
  const lastRefresh = db.prepare('SELECT started_at, finished_at, ok, summary, as_of FROM refresh_log ORDER BY id DESC LIMIT 1');
  const recordRefresh = db.transaction((r: Parameters<SchedulerStore['recordRefresh']>[0]) => {
    addRefresh.run(iso(r.startedAt), iso(r.finishedAt), r.ok ? 1 : 0, r.summary, r.asOf);
    trimRefreshes.run(REFRESH_LOG_KEPT);
  });

  return { subscribe, unsubscribe, one, all, version, setAlerts, pause, claim, settle, skip, since, sinceFor, lastSent, entry, heads, baseline, history, recordAlerts, recordRefresh, lastRefresh };
}

const keyOf = (input: { channel: Parameters<typeof formatChannelRef>[0]; slot: string }) => ({ channel: formatChannelRef(input.channel), slot: input.slot });
