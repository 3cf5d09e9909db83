import type { ChannelSettings, ThresholdName, Thresholds } from './thresholds.js';
import type { ChartData } from './charts.js';
import type { Brief } from './types.js';
import type { Answer } from './answers.js';
import type { InputError } from './problems.js';
import type { Delivery, RefreshRecord, Subscription } from './ports/schedule.js';
import type { Schedule } from './schedule/schedule.js';
import type { IsoWeek } from './types.js';

/**
 * What a command produces, for any platform. `visibility` is decided here, once, so Slack and
 * Discord behave alike: answers people share go to the channel, everything personal or failing
 * only to the asker.
 */
export type Reply = { visibility: 'channel' | 'asker' } & (
  | { kind: 'answer'; answer: Answer }
  /**
   * `/brief`: the brief as this channel's thresholds and watchlist make it, with how many signals the
   * default thresholds (and no watchlist) would fire, so the preview can say what the settings change.
   */
  | { kind: 'brief_preview'; brief: Brief; settings: ChannelSettings; defaultSignals: number }
  /** `/brief post`: the brief went into the channel (recorded in the delivery ledger). */
  | { kind: 'brief_posted'; week: IsoWeek; messageIds: string[] }
  /** `/brief post` of a week this channel already got: it needs `/brief post force`. */
  | { kind: 'already_delivered'; delivery: Delivery }
  | { kind: 'subscribed'; schedule: Schedule; next: Date; previous: Schedule | null; alerts: boolean }
  | { kind: 'unsubscribed'; was: boolean }
  | { kind: 'alerts_switched'; on: boolean; subscribed: boolean }
  | { kind: 'status'; status: ChannelStatus }
  /** `/chart`: the chart's data; the platform adapter draws it. */
  | { kind: 'chart'; chart: ChartData }
  | { kind: 'settings'; thresholds: Thresholds; settings: ChannelSettings; change: SettingsChange | null }
  /** Only an admin may do `action`: the refusal names it. */
  | { kind: 'forbidden'; action: AdminAction }
  /** Input that can't be understood: what is wrong with it, and the command's usage. */
  | ({ kind: 'usage' } & InputError)
);

/** What only an admin may do, as a refusal names it (templates/<platform>/forbidden.hbs words each). */
export const ADMIN_ACTIONS = ['post_brief', 'change_alerts', 'subscribe', 'unsubscribe', 'alerts_on', 'alerts_off'] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** The replies of the subscription commands and of `/brief post` as the ledger records it: rendered together. */
export const SCHEDULE_REPLY_KINDS = ['brief_posted', 'already_delivered', 'subscribed', 'unsubscribed', 'alerts_switched', 'status'] as const;
export type ScheduleReply = Extract<Reply, { kind: (typeof SCHEDULE_REPLY_KINDS)[number] }>;

/**
 * The replies only the chat apps give: their commands (`/alerts`, `/brief post`, `/chart`, the
 * schedule's) act on a channel, and the CLI, which has none, offers none of them.
 */
export const CHAT_ONLY_REPLY_KINDS = [...SCHEDULE_REPLY_KINDS, 'settings', 'forbidden', 'chart'] as const;
export type ChatOnlyReply = Extract<Reply, { kind: (typeof CHAT_ONLY_REPLY_KINDS)[number] }>;

export const isScheduleReply = (reply: Reply): reply is ScheduleReply => (SCHEDULE_REPLY_KINDS as readonly string[]).includes(reply.kind);
export const isChatOnlyReply = (reply: Reply): reply is ChatOnlyReply => (CHAT_ONLY_REPLY_KINDS as readonly string[]).includes(reply.kind);

/** What an admin just changed, for the confirmation line. */
export type SettingsChange =
  | { action: 'set'; name: ThresholdName; value: number }
  | { action: 'reset'; name: ThresholdName | null }
  | { action: 'watch' | 'unwatch'; model: string }
  | { action: 'charts'; on: boolean };

/** `/status`: what the bot knows and does for one channel. */
export interface ChannelStatus {
  /** Where the data comes from and its newest `as_of`; null without data. */
  data: { source: string; asOf: string | null; week: IsoWeek } | null;
  lastRefresh: RefreshRecord | null;
  subscription: Subscription | null;
  /** The next brief, in the subscription's zone; null when not subscribed or paused. */
  next: Date | null;
  /** The newest ledger entry here that was sent or failed. */
  lastDelivery: Delivery | null;
  /** Slots recorded as skipped (missed while the bot was down), newest first. */
  skipped: Delivery[];
}
