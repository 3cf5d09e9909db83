import { z } from 'zod';
import { parseChannelRef, type ChannelRef } from '../../core/channel.js';
import { ScheduleSchema, type Schedule } from '../../core/schedule/schedule.js';
import type { AlertRecord } from '../../core/alerts/decide.js';
import type { Delivery, RefreshRecord, Subscription } from '../../core/ports/schedule.js';

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

export const DeliveryRow = z
  .object({
    channel: z.string(),
    slot: z.string(),
    kind: z.enum(['scheduled', 'manual']),
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
