import { DiscordAPIError, HTTPError, Routes, type APIMessage, type Client, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Brief } from '../../core/types.js';
import { briefMessages, type DiscordMessage } from '../../render/discord-embeds.js';
import type { ChartImage } from '../chart/render.js';
import { chartFile, withChartImage } from './chart.js';

// Posting the weekly brief into a channel. discord.js already waits out rate limits (it reads the
// bucket headers and sleeps through a 429), so a failure that reaches us is either permanent (the
// channel is gone or closed to the bot: retrying only burns Discord's invalid-request budget) or
// transient (Discord or the network failed: worth another try later).

export interface DeliveryFailure {
  /** True when retrying cannot help: unknown channel, no access, no permission, bad token, a refused payload. */
  permanent: boolean;
  channelId: string;
  /** Discord's JSON error code (10003, 50001, 50013, …), null when there was none. */
  code: number | null;
  /** HTTP status, null when no answer came (network failure, timeout). */
  status: number | null;
  /** Messages of the brief already posted before the failure. */
  posted: number;
}

export class DiscordDeliveryError extends Error {
  override readonly name = 'DiscordDeliveryError';
  constructor(
    message: string,
    readonly detail: DeliveryFailure,
  ) {
    super(message);
  }
}

/** A message as Discord's create-message body; nothing in it may ping anyone. */
function messageBody(message: DiscordMessage): RESTPostAPIChannelMessageJSONBody {
  return { ...(message.content === '' ? {} : { content: message.content }), embeds: message.embeds, allowed_mentions: { parse: [] } };
}

export function deliveryError(error: unknown, channelId: string, posted: number): DiscordDeliveryError {
  const base = { channelId, posted };
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : null;
    // Unknown Channel (10003, 404), Missing Access (50001, 403), Missing Permissions (50013, 403), a bad
    // token (401) and any other 4xx are refused again on retry; 429 and 5xx may pass later.
    const permanent = error.status !== 429 && error.status < 500;
    return new DiscordDeliveryError(`Discord refused the post to channel ${channelId}: ${error.message}${code ? ` (${code})` : ''}`, {
      ...base,
      permanent,
      code,
      status: error.status,
    });
  }
  if (error instanceof HTTPError) {
    return new DiscordDeliveryError(`Discord failed the post to channel ${channelId}: HTTP ${error.status}`, {
      ...base,
      permanent: error.status === 401,
      code: null,
      status: error.status,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new DiscordDeliveryError(`Could not reach Discord to post to channel ${channelId}: ${reason}`, { ...base, permanent: false, code: null, status: null });
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
 * Posts a brief (as many messages as Discord's limits need, in order); throws DiscordDeliveryError.
 * With `chart`, the first message carries it as an attachment its first embed shows.
 */
export async function postBrief(client: Client, channelId: string, brief: Brief, chart: ChartImage | null = null): Promise<{ messageIds: string[] }> {
  const messageIds: string[] = [];
  const upload = chart ? chartUpload(chart) : null;
  for (const message of chart ? withChartImage(briefMessages(brief), chart) : briefMessages(brief)) {
    try {
      const first = messageIds.length === 0 && upload;
      const request = first
        ? { body: { ...messageBody(message), attachments: upload.attachments }, files: upload.files }
        : { body: messageBody(message) };
      const created = (await client.rest.post(Routes.channelMessages(channelId), request)) as APIMessage;
      messageIds.push(created.id);
    } catch (error) {
      throw deliveryError(error, channelId, messageIds.length);
    }
  }
  return { messageIds };
}
