import type { webApi } from '@slack/bolt';
import type { Brief } from '../../core/types.js';
import { briefMessages } from '../../render/slack-blocks.js';
import { deliveryError, SlackDeliveryError } from './errors.js';
import type { Pacer } from './pacer.js';

export interface PostedBrief {
  /** The channel id Slack posted to. */
  channel: string;
  /** The brief's message. */
  ts: string;
  /** Continuation messages, posted as thread replies when the brief is too big for one message. */
  replies: string[];
}

/**
 * Posts the weekly brief to a Slack channel (an id like `C0123`, not the platform-qualified key) as
 * Block Kit. Transient failures were already retried by the Web API client (its retryConfig honours
 * Retry-After); what is left surfaces as a SlackDeliveryError saying whether a retry can help.
 * `pacer` must be the one every other post to Slack goes through (the app's, `SlackApp.pacer`): the
 * ~1 message/s/channel budget holds only when all posters share it.
 */
export async function postBrief(client: webApi.WebClient, channel: string, brief: Brief, pacer: Pacer): Promise<PostedBrief> {
  const posted: string[] = [];
  let postedTo = channel;
  try {
    for (const message of briefMessages(brief)) {
      await pacer.wait(channel);
      const result = await client.chat.postMessage({
        channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(posted[0] === undefined ? {} : { thread_ts: posted[0] }),
        // The source line names openrouter.ai: a link preview card would bury the brief.
        unfurl_links: false,
        unfurl_media: false,
      });
      if (result.ts === undefined) throw new SlackDeliveryError('Slack accepted the post but returned no ts', 'no_ts', false, posted);
      posted.push(result.ts);
      postedTo = result.channel ?? postedTo;
    }
  } catch (error) {
    throw deliveryError(error, posted) ?? error;
  }
  const [ts = '', ...replies] = posted;
  return { channel: postedTo, ts, replies };
}
