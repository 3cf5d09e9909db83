import { z } from 'zod';
import { parseChannelRef, type ChannelRef } from '../../core/channel.js';
import { ScheduleSchema, type Schedule } from '../../core/schedule/schedule.js';
import type { AlertRecord } from '../../core/alerts/decide.js';
import type { Delivery, LedgerHead, RefreshRecord, Subscription } from '../../core/ports/schedule.js';
import type { LedgerState } from '../../core/schedule/due.js';

// The scheduler's rows as either store hands them back, parsed into domain shapes. SQLite answers
// text times, 0/1 flags and JSON text; Postgres answers Dates, booleans and parsed JSON: each column
// accepts both, so the two stores share one definition of what a valid row is.

const time = z.union([z.date(), z.string()]).pipe(z.coerce.date()).refine((date) => !Number.isNaN(date.getTime()), 'not a time');
const flag = z.union([z.boolean(), z.literal(0).transform(() => false), z.literal(1).transform(() => true)]);
const jsonArray = z.union([z.string().transform((text): unknown => JSON.parse(text)), z.array(z.unknown())]).pipe(z.array(z.string()));

// Thousands of rows share a handful of schedules and each channel recurs in the ledger: the checks
// (a zone lookup, a key split) run once per distinct value, so a minute tick reads 10,000
// subscriptions cheaply. Both caches are bounded by what is stored.
const schedules = new Map<string, Schedule>();
const channels = new Map<string, ChannelRef>();
const MAX_CACHED = 100_000;

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (cache.size >= MAX_CACHED) cache.clear();
  const made = make();
  cache.set(key, made);
  return made;
}

/** Parsed once per key; callers get a copy, so a caller changing it cannot change it for others. */
const channelOf = (key: string): ChannelRef => ({ ...cached(channels, key, () => parseChannelRef(key)) });
const scheduleOf = (weekday: string, time: string, zone: string): Schedule => ({
  ...cached(schedules, `${weekday} ${time} ${zone}`, () => ScheduleSchema.parse({ weekday, time, zone })),
});

export const SubscriptionRow = z
  .object({
    channel: z.string(),
    weekday: z.string(),
    time: z.string(),
    zone: z.string(),
    alerts: flag,
    subscribed_by: z.string(),
    active_since: time,
    paused_reason: z.string().nullable(),
    paused_at: time.nullable(),
  })
  .transform(
    (row): Subscription => ({
      channel: channelOf(row.channel),
      schedule: scheduleOf(row.weekday, row.time, row.zone),
      alerts: row.alerts,
      subscribedBy: row.subscribed_by,
      activeSince: row.active_since,
      paused: row.paused_reason !== null && row.paused_at !== null ? { reason: row.paused_reason, at: row.paused_at } : null,
    }),
  );

/**
 * Subscription rows are read by the ten thousand: plain checks build them, and a row those do not
 * accept goes through the schema, which names what is wrong (or accepts a form the checks missed).
 * The channel key and the schedule are still checked by their schemas, once per distinct value.
 */
export function parseSubscriptionRow(row: unknown): Subscription {
  return quickSubscription(row) ?? SubscriptionRow.parse(row);
}

function quickSubscription(row: unknown): Subscription | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const r = row as Record<string, unknown>;
  const { channel, weekday, time, zone, subscribed_by: subscribedBy, paused_reason: reason } = r;
  if (typeof channel !== 'string' || typeof weekday !== 'string' || typeof time !== 'string' || typeof zone !== 'string' || typeof subscribedBy !== 'string') return undefined;
  const alerts = flagOf(r.alerts);
  const activeSince = timeOf(r.active_since);
  if (alerts === undefined || activeSince === undefined) return undefined;
  let paused: Subscription['paused'] = null;
  if (reason !== null || r.paused_at !== null) {
    const at = timeOf(r.paused_at);
    if (typeof reason !== 'string' || at === undefined) return undefined;
    paused = { reason, at };
  }
  return { channel: channelOf(channel), schedule: scheduleOf(weekday, time, zone), alerts, subscribedBy, activeSince, paused };
}

const flagOf = (value: unknown): boolean | undefined => (value === true || value === 1 ? true : value === false || value === 0 ? false : undefined);

/** A time as either store answers it (a Date, or ISO text), or undefined when it is not one. */
function timeOf(value: unknown): Date | undefined {
  const date = value instanceof Date ? new Date(value.getTime()) : typeof value === 'string' ? new Date(value) : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}

const STATES: ReadonlySet<unknown> = new Set<LedgerState>(['claimed', 'sent', 'failed', 'skipped']);
const optionalText = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** The columns of `delivery_heads`, in the order `parseLedgerHeadRow` reads them. */
export const HEAD_COLUMNS = ['channel', 'slot', 'state', 'at', 'week', 'sent_week'] as const;

const LedgerHeadRow = z.tuple([
  z.string(),
  z.string().nullable(),
  z.enum(['claimed', 'sent', 'failed', 'skipped']).nullable(),
  time.nullable(),
  z.string().nullable(),
  z.string().nullable(),
]);

/**
 * One row of `delivery_heads` as an array in HEAD_COLUMNS order (read every minute, one per channel,
 * so SQLite hands back arrays): plain checks; a row they refuse goes through the schema, which names
 * the problem (its output passes the checks).
 */
export function parseLedgerHeadRow(row: readonly unknown[]): [string, LedgerHead] {
  const head = quickHead(row) ?? quickHead(LedgerHeadRow.parse(row));
  if (head === undefined) throw new Error('a ledger head row the schema accepted failed the plain checks');
  return head;
}

function quickHead(row: readonly unknown[]): [string, LedgerHead] | undefined {
  if (row.length !== HEAD_COLUMNS.length) return undefined;
  const [channel, slot, state, rawAt, week, sentWeek] = row;
  const at = rawAt === null ? null : timeOf(rawAt);
  if (typeof channel !== 'string' || !optionalText(slot) || !(state === null || STATES.has(state)) || at === undefined || !optionalText(week) || !optionalText(sentWeek)) return undefined;
  const newest = slot !== null && state !== null && at !== null ? { slot, state: state as LedgerState, at, week } : null;
  return [channel, { newest, sentWeek }];
}

export const DeliveryRow = z
  .object({
    channel: z.string(),
    slot: z.string(),
    kind: z.enum(['scheduled', 'manual', 'alerts']),
    state: z.enum(['claimed', 'sent', 'failed', 'skipped']),
    week: z.string().nullable(),
    at: time,
    claimed_by: z.string().nullable(),
    lease_until: time.nullable(),
    message_ids: jsonArray,
    reason: z.string().nullable(),
    delayed: flag,
  })
  .transform(
    (row): Delivery => ({
      channel: channelOf(row.channel),
      slot: row.slot,
      kind: row.kind,
      state: row.state,
      week: row.week,
      at: row.at,
      claimedBy: row.claimed_by,
      leaseUntil: row.lease_until,
      messageIds: row.message_ids,
      reason: row.reason,
      delayed: row.delayed,
    }),
  );

export const AlertRecordRow = z
  .object({ identity: z.string(), topic: z.string(), state: z.enum(['sent', 'baseline', 'cooldown']), at: time })
  .transform((row): AlertRecord => ({ identity: row.identity, topic: row.topic, state: row.state, at: row.at }));

export const BaselineRow = z.object({ baseline_at: time });

export const RefreshRow = z
  .object({ started_at: time, finished_at: time, ok: flag, summary: z.string(), as_of: z.string().nullable() })
  .transform((row): RefreshRecord => ({ startedAt: row.started_at, finishedAt: row.finished_at, ok: row.ok, summary: row.summary, asOf: row.as_of }));

/** How many refreshes the log keeps: enough for `/status` and a look back over a month. */
export const REFRESH_LOG_KEPT = 100;
