import { webApi } from '@slack/bolt';
import type { ChannelRef } from '../../core/channel.js';
import type { Logger } from '../../core/ports/logger.js';
import type { ChartImage } from '../../core/ports/charts.js';
import { DeliveryError, type BriefPoster, type PostedBrief } from '../../core/ports/poster.js';
import type { Brief } from '../../core/types.js';
import { briefMessages } from '../../render/slack-blocks.js';
import { uploadChart } from './chart.js';
import { DEFAULT_CLIENT_OPTIONS } from './client-options.js';
import { deliveryError } from './errors.js';
import { boltLogger } from './logger.js';
import { createPacer, type Pacer } from './pacer.js';

/**
 * Posts weekly briefs through a Web API client as Block Kit: the brief's message, then continuation
 * messages as thread replies when it is too big for one, then its chart (if given) in the brief's
 * thread. `messageIds` are the messages' `ts`.
 * Transient failures were already retried by the client (its retryConfig honours Retry-After); what
 * is left surfaces as a DeliveryError saying whether a retry can help. `pacer` must be the one every
 * other post through this client goes through: the ~1 message/s/channel budget holds only when all
 * posters share it (`SlackApp.poster` is the app's).
 */
export function slackPoster(client: webApi.WebClient, pacer: Pacer): BriefPoster {
  return {
    platform: 'slack',
    post: async (channel, brief, options = {}) => {
      const posted = await postBrief(client, channel, brief, pacer);
      const [threadTs] = posted.messageIds;
      if (!options.chart || threadTs === undefined) return posted;
      return { ...posted, ...(await shareChart(client, channel, options.chart, pacer, threadTs)) };
    },
  };
}

/**
 * A poster with a Web API client of its own: plain HTTPS calls, no Socket Mode connection and no
 * HTTP receiver, so a scheduler can post without running the app. The token is one workspace's.
 */
export function createSlackPoster(options: { botToken: string; apiUrl: string; logger: Logger; clientOptions?: webApi.WebClientOptions }): BriefPoster {
  const client = new webApi.WebClient(options.botToken, {
    ...DEFAULT_CLIENT_OPTIONS,
    slackApiUrl: options.apiUrl,
    logger: boltLogger(options.logger),
    ...options.clientOptions,
  });
  return slackPoster(client, createPacer());
}

async function postBrief(client: webApi.WebClient, ref: ChannelRef, brief: Brief, pacer: Pacer): Promise<PostedBrief> {
  const { channel } = ref;
  const posted: string[] = [];
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
      if (result.ts === undefined) {
        throw new DeliveryError('Slack accepted the post but returned no ts', { channel: ref, permanent: false, reason: 'no_ts', posted });
      }
      posted.push(result.ts);
    }
  } catch (error) {
    throw deliveryError(error, ref, posted) ?? error;
  }
  return { messageIds: posted };
}

/** The chart goes in the brief's thread once the brief is out; failing it must not fail (and so repost) the brief. */
async function shareChart(client: webApi.WebClient, channel: ChannelRef, chart: ChartImage, pacer: Pacer, threadTs: string): Promise<Pick<PostedBrief, 'chartError'>> {
  try {
    await uploadChart(client, channel, chart, pacer, { threadTs });
    return {};
  } catch (error) {
    if (error instanceof DeliveryError) return { chartError: error };
    throw error;
  }
}
