import { DiscordAPIError, HTTPError, REST, Routes, type APIMessage, type RESTOptions, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { ChannelRef } from '../../core/channel.js';
import type { ChartImage } from '../../core/ports/charts.js';
import { DeliveryError, type BriefPoster, type PostedBrief } from '../../core/ports/poster.js';
import type { Brief } from '../../core/types.js';
import { briefMessages, type DiscordMessage } from '../../render/discord-embeds.js';
import { chartFile, withChartImage } from './chart.js';

// Posting the weekly brief into a channel. discord.js already waits out rate limits (it reads the
// bucket headers and sleeps through a 429), so a failure that reaches us is either permanent (the
// channel is gone or closed to the bot: retrying only burns Discord's invalid-request budget) or
// transient (Discord or the network failed: worth another try later).

/** A message as Discord's create-message body; nothing in it may ping anyone. */
function messageBody(message: DiscordMessage): RESTPostAPIChannelMessageJSONBody {
  return { ...(message.content === '' ? {} : { content: message.content }), embeds: message.embeds, allowed_mentions: { parse: [] } };
}

/**
 * Sorts a failed create-message call. `reason` is Discord's JSON error code (10003 Unknown Channel,
 * 50001 Missing Access, 50013 Missing Permissions, …), else `http_<status>`, else `request_failed`.
 */
function deliveryError(error: unknown, channel: ChannelRef, posted: readonly string[]): DeliveryError {
  const fail = (message: string, permanent: boolean, reason: string) => new DeliveryError(message, { channel, permanent, reason, posted, cause: error });
  const id = channel.channel;
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : null;
    // Unknown Channel (10003, 404), Missing Access (50001, 403), Missing Permissions (50013, 403), a bad
    // token (401) and any other 4xx are refused again on retry; 429 and 5xx may pass later.
    const permanent = error.status !== 429 && error.status < 500;
    return fail(`Discord refused the post to channel ${id}: ${error.message}${code ? ` (${code})` : ''}`, permanent, code ? String(code) : `http_${error.status}`);
  }
  if (error instanceof HTTPError) return fail(`Discord failed the post to channel ${id}: HTTP ${error.status}`, error.status === 401, `http_${error.status}`);
  const reason = error instanceof Error ? error.message : String(error);
  return fail(`Could not reach Discord to post to channel ${id}: ${reason}`, false, 'request_failed');
}

/** The chart as a multipart file of the first message; `attachments` carries its alt text. */
function chartUpload(image: ChartImage) {
  const file = chartFile(image);
  return {
    attachments: [{ id: 0, filename: file.name, description: file.description }],
    files: [{ name: file.name, data: file.attachment, contentType: 'image/png' }],
  };
}

/**
 * Posts briefs through a REST client (as many messages as Discord's limits need, in order). Sharing
 * the bot's `client.rest` shares its rate-limit buckets; rejects with a DeliveryError whose `posted`
 * holds the ids of the messages that made it. With a chart, the first message carries it as an
 * attachment its first embed shows (`attachment://`).
 */
export function discordPoster(rest: REST): BriefPoster {
  return { platform: 'discord', post: (channel, brief, options = {}) => postBrief(rest, channel, brief, options.chart ?? null) };
}

/** A poster with a REST client of its own: HTTPS calls with the bot token, no gateway connection. */
export function createDiscordPoster(options: { apiUrl: string; token: string; rest?: Partial<RESTOptions> }): BriefPoster {
  return discordPoster(new REST({ ...options.rest, api: options.apiUrl }).setToken(options.token));
}

async function postBrief(rest: REST, channel: ChannelRef, brief: Brief, chart: ChartImage | null): Promise<PostedBrief> {
  const messageIds: string[] = [];
  const upload = chart ? chartUpload(chart) : null;
  for (const message of chart ? withChartImage(briefMessages(brief), chart) : briefMessages(brief)) {
    try {
      const first = messageIds.length === 0 && upload;
      const request = first
        ? { body: { ...messageBody(message), attachments: upload.attachments }, files: upload.files }
        : { body: messageBody(message) };
      const created = (await rest.post(Routes.channelMessages(channel.channel), request)) as APIMessage;
      messageIds.push(created.id);
    } catch (error) {
      throw deliveryError(error, channel, messageIds);
    }
  }
  return { messageIds };
}
