import type { ChannelRef } from '../channel.js';
import type { Schedule } from '../schedule/schedule.js';
import type { AlertRecord } from '../alerts/decide.js';
import type { LedgerState } from '../schedule/due.js';
import type { IsoWeek } from '../types.js';

// The scheduler's persistence: which channels get the Monday brief, and the delivery ledger that
// makes each slot's brief go out once however often (and by however many replicas) it is seen.
// Every store (SQLite, Postgres) implements these and passes test/adapters/store/contract.ts.
// Channels are keyed by `formatChannelRef` (`slack:T1:C1`), like the channel settings.

/** A channel's subscription to the weekly brief. */
export interface Subscription {
  channel: ChannelRef;
  schedule: Schedule;
  /** Alerts between briefs (`/alerts on|off`); on by default. */
  alerts: boolean;
  /** The admin who subscribed: told when delivery pauses or the data goes stale. */
  subscribedBy: string;
  /** The newest of: subscribed, schedule changed, resumed. Slots before it are never due. */
  activeSince: Date;
  /** Set when a permanent delivery error paused it (channel gone, bot removed, token revoked). */
  paused: { reason: string; at: Date } | null;
}

export interface SubscriptionStore {
  /** Subscribes, or changes the schedule of, a channel; clears a pause; `activeSince` becomes `at`. */
  subscribe(input: { channel: ChannelRef; schedule: Schedule; subscribedBy: string; at: Date }): Promise<Subscription>;
  /** Resolves false when the channel was not subscribed. */
  unsubscribe(channel: ChannelRef): Promise<boolean>;
  subscription(channel: ChannelRef): Promise<Subscription | null>;
  /**
   * Every subscription, paused ones included, by channel key. Read every minute: a store may hand back
   * the same (frozen) list while nothing changed, so callers never modify it.
   */
  subscriptions(): Promise<readonly Subscription[]>;
  /** Resolves false when the channel is not subscribed. */
  setAlerts(channel: ChannelRef, on: boolean): Promise<boolean>;
  pauseSubscription(channel: ChannelRef, reason: string, at: Date): Promise<void>;
}

/** What a ledger entry delivered: a brief (scheduled or by `/brief post`), or one refresh's alerts. */
export type DeliveryKind = 'scheduled' | 'manual' | 'alerts';

/** One slot of one channel in the ledger. Unique per (channel, slot). */
export interface Delivery {
  channel: ChannelRef;
  /** A scheduled slot's local date (`2026-03-09`), `manual:<week>` for `/brief post`, `alerts:<data>` for the alerts on some data (see jobs/alerts.ts). */
  slot: string;
  kind: DeliveryKind;
  state: LedgerState;
  /**
   * The week posted (or about to be); for a "no new week" line, the week already delivered that it
   * points back to (so the newest sent entry always names the newest week the channel has); null for a skip.
   */
  week: IsoWeek | null;
  /** When the state last changed. */
  at: Date;
  /** Who holds a claim (a replica id) and until when; other replicas may take it over after. */
  claimedBy: string | null;
  leaseUntil: Date | null;
  messageIds: string[];
  /** Why it failed or was skipped; null otherwise. */
  reason: string | null;
  /** Posted late, after downtime (the brief says "delayed"). */
  delayed: boolean;
}

export interface DeliveryLedger {
  /**
   * Claims a slot before anything is sent: true when this caller now holds it. False when the slot
   * is already sent/skipped, or claimed by someone whose lease has not run out (an expired claim is
   * taken over, atomically, by exactly one caller).
   */
  claimSlot(input: { channel: ChannelRef; slot: string; kind: DeliveryKind; week: IsoWeek | null; by: string; at: Date; leaseUntil: Date; delayed: boolean }): Promise<boolean>;
  /** Marks a claimed slot sent with its message ids (only by the claim holder: false otherwise). */
  markSent(input: { channel: ChannelRef; slot: string; by: string; messageIds: readonly string[]; at: Date }): Promise<boolean>;
  markFailed(input: { channel: ChannelRef; slot: string; by: string; reason: string; messageIds: readonly string[]; at: Date }): Promise<boolean>;
  /**
   * Records a slot that will never be posted (missed beyond the grace window). Idempotent. It never
   * overwrites an entry, except a claim held by `by` (a recovered claim found unsent and too old to post).
   */
  markSkipped(input: { channel: ChannelRef; slot: string; reason: string; at: Date; by?: string }): Promise<void>;
  /** Entries of the given channels (all when omitted) with `at` on or after `since`, oldest first. */
  deliveries(since: Date, channels?: readonly ChannelRef[]): Promise<Delivery[]>;
  /** The newest brief (not alerts) sent to a channel, or null. */
  lastSent(channel: ChannelRef): Promise<Delivery | null>;
  /** One entry, or null. */
  delivery(channel: ChannelRef, slot: string): Promise<Delivery | null>;
  /**
   * Every channel's ledger head, keyed by channel key: what a minute tick decides from, one small row
   * per channel however long the ledger has grown.
   */
  ledgerHeads(): Promise<ReadonlyMap<string, LedgerHead>>;
}

/** What the ledger holds for one channel, in short. */
export interface LedgerHead {
  /** Its scheduled entry with the newest slot (manual posts never settle a slot), or null. */
  newest: { slot: string; state: LedgerState; at: Date; week: IsoWeek | null } | null;
  /** The newest week sent to it, by a scheduled or a manual post, or null. */
  sentWeek: IsoWeek | null;
}

/** Alert history, per channel: what was already told (see core/alerts/decide.ts). */
export interface AlertLog {
  alertHistory(channel: ChannelRef): Promise<{ baselineAt: Date | null; records: AlertRecord[] }>;
  /** Records a baseline (first run) and/or sent alerts, in one transaction. */
  recordAlerts(channel: ChannelRef, input: { baselineAt?: Date; records: readonly AlertRecord[] }): Promise<void>;
}

/** How the last refreshes went, for `/status` and the admin notice. */
export interface RefreshRecord {
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  /** A one-line summary: rows and snapshots stored, gates, or the error. */
  summary: string;
  /** Newest `as_of` stored after the refresh, or null. */
  asOf: string | null;
}

export interface RefreshLog {
  recordRefresh(record: RefreshRecord): Promise<void>;
  lastRefresh(): Promise<RefreshRecord | null>;
}

/** Everything the scheduler keeps. */
export interface SchedulerStore extends SubscriptionStore, DeliveryLedger, AlertLog, RefreshLog {}
