import type { ChannelRef } from '../channel.js';
import { TokenbriefError } from '../errors.js';
import type { Brief } from '../types.js';

/**
 * Posts a weekly brief into a channel of one platform, laid out the platform's way (Block Kit,
 * embeds), in as many messages as its limits need. A poster talks to the platform's Web API only:
 * creating one opens no gateway or socket, and one poster serves any number of channels, so a
 * scheduler can build a brief per channel and fan them out through it.
 */
export interface BriefPoster {
  readonly platform: ChannelRef['platform'];
  /** Resolves with the ids of the posted messages, in order; rejects with a DeliveryError. */
  post(channel: ChannelRef, brief: Brief): Promise<{ messageIds: string[] }>;
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
