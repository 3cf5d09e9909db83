import type { Schedule } from './schedule.js';
import { latestSlotAtOrBefore, previousSlot, type Slot } from './slots.js';

// What a minute tick should do, per subscription, from the schedules and the delivery ledger
// alone. Pure and cheap: the tick reads the store, asks this, then claims and sends.

export type LedgerState = 'claimed' | 'sent' | 'failed' | 'skipped';

/** One row of the delivery ledger: a subscription's slot (by local-date key) and what became of it. */
export interface LedgerEntry {
  slot: string;
  state: LedgerState;
  /** When the row last changed state (a claim's age decides whether its sender is presumed dead). */
  at: Date;
}

export interface DueSubscription {
  id: string;
  schedule: Schedule;
  /**
   * Since when slots count: the subscription's creation, or its last schedule change or resume,
   * whichever is newest. Slots before it are never due, never skipped.
   */
  activeSince: Date;
  paused: boolean;
}

export interface DueOptions {
  /** A missed slot older than this is recorded as skipped, never posted. Default 24 h. */
  graceMs?: number;
  /**
   * Since when the scheduler has been ticking without a gap (this process's start, or the oldest
   * live replica's). A slot before it happened while nobody was ticking: it was missed.
   */
  tickingSince: Date;
  /** A start-up this long after a slot still counts as on time. Default 5 min. */
  onTimeToleranceMs?: number;
  /** A claim this old that never became sent or failed belongs to a sender that died. Default 10 min. */
  claimTimeoutMs?: number;
  /** At most this many older missed slots are recorded per subscription. Default 8. */
  maxSkipped?: number;
}

export const DEFAULT_GRACE_MS = 24 * 3_600_000;
const DEFAULT_ON_TIME_TOLERANCE_MS = 5 * 60_000;
const DEFAULT_CLAIM_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_SKIPPED = 8;

export type DueAction =
  /** The slot is due now: claim it and post. */
  | { kind: 'post'; subscriptionId: string; slot: Slot }
  /** The most recent slot was missed while nobody was ticking: post it once, marked delayed. */
  | { kind: 'post-delayed'; subscriptionId: string; slot: Slot; lateMs: number }
  /**
   * A claim whose sender is presumed dead: find out whether the post went out (the slot key rides on
   * the message) and resend only if it did not; `withinGrace` false means record it skipped instead.
   */
  | { kind: 'recover'; subscriptionId: string; slot: Slot; claimedAt: Date; withinGrace: boolean }
  /** A missed slot to record as skipped (shown by /status), never posted. */
  | { kind: 'skip'; subscriptionId: string; slot: Slot; reason: 'missed' | 'beyond-grace' };

export interface DueInput {
  now: Date;
  subscriptions: readonly DueSubscription[];
  /** Each subscription's ledger rows; only its newest few are needed. */
  ledger: ReadonlyMap<string, readonly LedgerEntry[]>;
  options: DueOptions;
}

/** Thousands of channels share a handful of schedules: the zone maths runs once per schedule. */
function latestSlots(now: Date): (schedule: Schedule) => Slot {
  // Keyed zone first, then weekday and time: no long key string built per subscription per tick.
  const byZone = new Map<string, Map<string, Slot>>();
  return (schedule) => {
    let slots = byZone.get(schedule.zone);
    if (!slots) byZone.set(schedule.zone, (slots = new Map()));
    const key = schedule.weekday + schedule.time;
    let slot = slots.get(key);
    if (!slot) slots.set(key, (slot = latestSlotAtOrBefore(schedule, now)));
    return slot;
  };
}

/**
 * Every action due at `now`: at most one post (on time, delayed or recovered) per subscription and
 * the older missed slots as skips, newest first. A slot already in the ledger is settled, and so
 * is every slot older than the newest ledger row: catching up never reaches past what was done.
 */
export function decideDue({ now, subscriptions, ledger, options }: DueInput): DueAction[] {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const onTimeSince = options.tickingSince.getTime() - (options.onTimeToleranceMs ?? DEFAULT_ON_TIME_TOLERANCE_MS);
  const claimTimeoutMs = options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
  const maxSkipped = options.maxSkipped ?? DEFAULT_MAX_SKIPPED;
  const latest = latestSlots(now);
  const actions: DueAction[] = [];

  for (const sub of subscriptions) {
    if (sub.paused) continue;
    const slot = latest(sub.schedule);
    const since = sub.activeSince.getTime();
    if (slot.instant.getTime() < since) continue;

    const entries = ledger.get(sub.id) ?? [];
    const newest = newestEntry(entries);
    if (newest && newest.slot >= slot.key) {
      if (newest.slot === slot.key && newest.state === 'claimed' && now.getTime() - newest.at.getTime() >= claimTimeoutMs) {
        actions.push({ kind: 'recover', subscriptionId: sub.id, slot, claimedAt: newest.at, withinGrace: now.getTime() - slot.instant.getTime() <= graceMs });
      }
      continue;
    }

    const lateMs = now.getTime() - slot.instant.getTime();
    if (lateMs > graceMs) actions.push({ kind: 'skip', subscriptionId: sub.id, slot, reason: 'beyond-grace' });
    else if (slot.instant.getTime() >= onTimeSince) actions.push({ kind: 'post', subscriptionId: sub.id, slot });
    else actions.push({ kind: 'post-delayed', subscriptionId: sub.id, slot, lateMs });

    let older = previousSlot(sub.schedule, slot);
    for (let n = 0; n < maxSkipped && older.instant.getTime() >= since && (!newest || older.key > newest.slot); n++) {
      actions.push({ kind: 'skip', subscriptionId: sub.id, slot: older, reason: 'missed' });
      older = previousSlot(sub.schedule, older);
    }
  }
  return actions;
}

/** The entry with the newest slot key (keys are `YYYY-MM-DD`, so text order is date order). */
function newestEntry(entries: readonly LedgerEntry[]): LedgerEntry | undefined {
  let newest: LedgerEntry | undefined;
  for (const entry of entries) if (!newest || entry.slot > newest.slot) newest = entry;
  return newest;
}
