import type { webApi } from '@slack/bolt';
import type { Brief } from '../../core/types.js';
import { briefMessages } from '../../render/slack-blocks.js';
import type { ChartImage } from '../chart/render.js';
import { uploadChart } from './chart.js';
import { deliveryError, SlackDeliveryError } from './errors.js';
import type { Pacer } from './pacer.js';

export interface PostedBrief {
  /** The channel id Slack posted to. */
  channel: string;
  /** The brief's message. */
  ts: string;
  /** Continuation messages, posted as thread replies when the brief is too big for one message. */
  replies: string[];
  /** The chart shared in the brief's thread: its file id, or why it could not be shared (the brief stands without it). */
  chart: { fileId: string | null } | { error: SlackDeliveryError } | null;
}

/**
 * Posts the weekly brief to a Slack channel (an id like `C0123`, not the platform-qualified key) as
 * Block Kit. Transient failures were already retried by the Web API client (its retryConfig honours
 * Retry-After); what is left surfaces as a SlackDeliveryError saying whether a retry can help.
 * `pacer` must be the one every other post to Slack goes through (the app's, `SlackApp.pacer`): the
 * ~1 message/s/channel budget holds only when all posters share it.
 */
export async function postBrief(
  client: webApi.WebClient,
  channel: string,
  brief: Brief,
  pacer: Pacer,
  chart: ChartImage | null = null,
): Promise<PostedBrief> {
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
  return { channel: postedTo, ts, replies, chart: chart && (await shareChart(client, postedTo, chart, pacer, ts)) };
}

/** The chart goes in the brief's thread once the brief is out; failing it must not fail (and so repost) the brief. */
async function shareChart(client: webApi.WebClient, channel: string, chart: ChartImage, pacer: Pacer, threadTs: string): Promise<NonNullable<PostedBrief['chart']>> {
  try {
    return { fileId: await uploadChart(client, channel, chart, pacer, { threadTs }) };
  } catch (error) {
    if (error instanceof SlackDeliveryError) return { error };
    throw error;
  }
}
