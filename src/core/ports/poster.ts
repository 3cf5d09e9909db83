import type { ChannelRef } from '../channel.js';
import { TokenbriefError } from '../errors.js';
import type { Signal } from '../signals.types.js';
import type { Brief, IsoWeek } from '../types.js';
import type { ChartImage } from './charts.js';

/**
 * Posts a weekly brief into a channel of one platform, laid out the platform's way (Block Kit,
 * embeds), in as many messages as its limits need. A poster talks to the platform's Web API only:
 * creating one opens no gateway or socket, and one poster serves any number of channels, so a
 * scheduler can build a brief per channel and fan them out through it.
 */
export interface BriefPoster {
  readonly platform: ChannelRef['platform'];
  /** Resolves with the ids of the posted messages, in order; rejects with a DeliveryError when the brief did not (wholly) go out. */
  post(channel: ChannelRef, brief: Brief, options?: BriefPostOptions): Promise<PostedBrief>;
  /** Posts a short message that is not a brief (alerts, "no new week"); one message. Rejects with a DeliveryError. */
  postNotice(channel: ChannelRef, notice: Notice, options?: PostOptions): Promise<{ messageIds: string[] }>;
  /**
   * The ids of messages already posted in `channel` for ledger `slot`, or null when there are none:
   * how a claim left by a crash is resumed without a second post. `since` is a time no message of the
   * slot can be older than (the slot's own time): the channel's history is read back to it, page by
   * page however busy the channel was since, up to a bound each poster sets.
   */
  findPosted(channel: ChannelRef, slot: string, since: Date): Promise<string[] | null>;
  /** Tells one user privately (a DM), e.g. the admin who subscribed. Rejects with a DeliveryError. */
  notifyUser(workspace: string, userId: string, notice: Notice): Promise<void>;
}

/** How one post is delivered. */
export interface PostOptions {
  /** The ledger slot this post delivers: carried with the message (Slack metadata, Discord nonce) so a resend can be recognised. */
  slot?: string;
  /** Posted late, after the bot was down at the slot: the brief says so. */
  delayed?: boolean;
  /** Shown as a "data as of …" line: the data is fixed (sample, file) or stale. */
  dataAsOf?: string | null;
  /**
   * Once aborted, no further request of this post starts (see `stoppedPost`): a scheduled post runs
   * only within the first half of its ledger claim, so it can never land after another process may
   * have taken the claim over.
   */
  signal?: AbortSignal;
}

/** How one brief is delivered. */
export interface BriefPostOptions extends PostOptions {
  /** The brief's chart, shown with it the platform's way (Slack: in its thread; Discord: in its first embed). */
  chart?: ChartImage | null | undefined;
}

export interface PostedBrief {
  /** The ids of the posted messages, in order. */
  messageIds: string[];
  /**
   * Set when the brief went out but its chart did not (Slack shares it after the brief): the brief
   * stands without it, and posting it again would repeat the brief.
   */
  chartError?: DeliveryError;
}

/** The messages that are not briefs. Rendered from templates like everything users read. */
export type Notice =
  | { kind: 'alerts'; signals: Signal[]; modelNames: Record<string, string>; asOf: string | null }
  | { kind: 'no_new_week'; week: IsoWeek; asOf: string | null }
  | { kind: 'stale_data'; channel: ChannelRef; newestDay: string; asOf: string | null }
  | { kind: 'delivery_paused'; channel: ChannelRef; reason: string }
  /** A refresh failed (the source down or its answer malformed): the last good data keeps being served. */
  | { kind: 'refresh_failed'; source: string; reason: string; asOf: string | null };

/**
 * A brief that did not (wholly) reach its channel, the same for every platform. `permanent` says
 * whether posting it again can succeed (a channel gone, no access, a revoked token: no); `posted`
 * holds the ids of the messages that made it before the failure, so a caller can resume or clean up.
 */
export class DeliveryError extends TokenbriefError {
  readonly code = 'delivery_failed';
  readonly channel: ChannelRef;
  readonly permanent: boolean;
  /** The platform's short reason: Slack's error (`not_in_channel`), Discord's JSON code (`50013`), `http_502`, `request_failed`. */
  readonly reason: string;
  readonly posted: readonly string[];
  /** How long the platform asked to wait before trying again (a 429's Retry-After), when it said. */
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    detail: { channel: ChannelRef; permanent: boolean; reason: string; posted: readonly string[]; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super(message, { cause: detail.cause });
    this.channel = detail.channel;
    this.permanent = detail.permanent;
    this.reason = detail.reason;
    this.posted = [...detail.posted];
    this.retryAfterMs = detail.retryAfterMs ?? null;
  }
}

/**
 * A post its `signal` stopped before it finished: transient (the ledger's recovery asks the platform
 * what went out before sending again), carrying the messages already posted.
 */
export function stoppedPost(channel: ChannelRef, posted: readonly string[], cause?: unknown): DeliveryError {
  return new DeliveryError('the post was stopped: its claim ran short of time', { channel, permanent: false, reason: 'stopped', posted, cause });
}
