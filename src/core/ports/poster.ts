import type { ChannelRef } from '../channel.js';
import { TokenbriefError } from '../errors.js';
import type { Brief } from '../types.js';
import type { ChartImage } from './charts.js';

export interface PostOptions {
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

/**
 * Posts a weekly brief into a channel of one platform, laid out the platform's way (Block Kit,
 * embeds), in as many messages as its limits need. A poster talks to the platform's Web API only:
 * creating one opens no gateway or socket, and one poster serves any number of channels, so a
 * scheduler can build a brief per channel and fan them out through it.
 */
export interface BriefPoster {
  readonly platform: ChannelRef['platform'];
  /** Resolves with the ids of the posted messages, in order; rejects with a DeliveryError when the brief did not (wholly) go out. */
  post(channel: ChannelRef, brief: Brief, options?: PostOptions): Promise<PostedBrief>;
}

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

  constructor(
    message: string,
    detail: { channel: ChannelRef; permanent: boolean; reason: string; posted: readonly string[]; cause?: unknown },
  ) {
    super(message, { cause: detail.cause });
    this.channel = detail.channel;
    this.permanent = detail.permanent;
    this.reason = detail.reason;
    this.posted = [...detail.posted];
  }
}
