import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscordAPIError, HTTPError, REST, Routes, type APIChannel, type APIMessage, type APIUser, type RESTOptions, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { ChannelRef } from '../../core/channel.js';
import type { ChartImage } from '../../core/ports/charts.js';
import { DeliveryError, stoppedPost, type BriefPoster, type BriefPostOptions, type Notice } from '../../core/ports/poster.js';
import type { Brief } from '../../core/types.js';
import { briefMessages, splitContent, type DiscordMessage } from '../../render/discord-embeds.js';
import { deliveryLines, renderNotice } from '../../render/notices.js';
import { restAgent } from './agent.js';
import { chartFile, withChartImage } from './chart.js';
import { perBrief } from '../../render/per-brief.js';

// Posting into a channel. discord.js already waits out rate limits (it reads the bucket headers and
// sleeps through a 429), so a failure that reaches us is either permanent (the channel is gone or
// closed to the bot: retrying only burns Discord's invalid-request budget) or transient (Discord or
// the network failed: worth another try later).
//
// Exactly-once on Discord. Every message of a ledger slot is sent with a `nonce` derived from the
// channel, the slot and the message's place in it, and `enforce_nonce: true`: Discord then creates
// no second message for the same nonce within a few minutes, it returns the first one. So any resend
// soon after (discord.js's own retry of a timed-out request, a replica taking over a claim) is
// harmless; a transient failure of a slot's message is therefore retried here with the same nonce.
// Discord's history does not return nonces; for a resend after longer, the slot is written
// at the end of every brief embed's footer ("… · slot 2026-03-09") or as a small last line of a
// notice, and `findPosted` reads the bot's messages in the channel for it: newest first, a page
// `before` the last, down to a time the slot cannot be older than (a busy channel can hold many
// messages after the slot's).

/** Messages per page of history (Discord's maximum). */
const HISTORY_WINDOW = 100;
/** Pages of history read at most: past that many messages since the slot's time, the slot counts as not posted. */
const HISTORY_PAGES = 10;
/** How far Discord's clock (message timestamps) may be behind ours: the history is read back this much further. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Discord accepts nonces of up to 25 characters. */
const NONCE_LENGTH = 25;

/** The nonce of one message of a slot: stable across processes and restarts, unique per channel, slot and part. */
export function deliveryNonce(channelId: string, slot: string, part: number): string {
  return createHash('sha256').update(`${channelId}\n${slot}\n${part}`).digest('hex').slice(0, NONCE_LENGTH);
}

/** What marks a slot's messages where a person reads them; `findPosted` looks for it. */
export const slotMark = (slot: string): string => `slot ${slot}`;

/** A message as Discord's create-message body; nothing in it may ping anyone. */
function messageBody(message: DiscordMessage, nonce: string | undefined): RESTPostAPIChannelMessageJSONBody {
  return {
    ...(message.content === '' ? {} : { content: message.content }),
    embeds: message.embeds,
    allowed_mentions: { parse: [] },
    ...(nonce === undefined ? {} : { nonce, enforce_nonce: true }),
  };
}

/**
 * Sorts a failed call. `reason` is Discord's JSON error code (10003 Unknown Channel, 50001 Missing
 * Access, 50013 Missing Permissions, 50007 Cannot send messages to this user, …), else
 * `http_<status>`, else `request_failed`.
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
 * Posts through a REST client (as many messages as Discord's limits need, in order). Sharing the
 * bot's `client.rest` shares its rate-limit buckets; rejects with a DeliveryError whose `posted`
 * holds the ids of the messages that made it. With a chart, the first message carries it as an
 * attachment its first embed shows (`attachment://`).
 */
export function discordPoster(rest: REST): BriefPoster {
  let me: Promise<string> | null = null;
  const botId = (): Promise<string> => {
    me ??= (rest.get(Routes.user()) as Promise<APIUser>).then(
      (user) => user.id,
      (error: unknown) => {
        me = null;
        throw error;
      },
    );
    return me;
  };
  return {
    platform: 'discord',
    post: (channel, brief, options = {}) => {
      const messages = briefOf(brief, options);
      return options.chart
        ? postMessages(rest, channel, withChartImage(messages, options.chart), options, chartUpload(options.chart))
        : postMessages(rest, channel, messages, options);
    },
    postNotice: (channel, notice, options) => postMessages(rest, channel, noticeOf(notice, options?.slot), options),
    findPosted: (channel, slot, since) => findPosted(rest, channel, { slot, since }, botId),
    notifyUser: (workspace, userId, notice) => notifyUser(rest, workspace, userId, notice),
  };
}

/** A poster with a REST client of its own: HTTPS calls with the bot token, no gateway connection. */
export function createDiscordPoster(options: { apiUrl: string; token: string; rest?: Partial<RESTOptions> }): BriefPoster {
  return discordPoster(new REST({ ...options.rest, api: options.apiUrl, agent: restAgent() }).setToken(options.token));
}

function briefOf(brief: Brief, options: BriefPostOptions): readonly DiscordMessage[] {
  return laidOut(brief, JSON.stringify([deliveryLines(options, 'discord'), options.slot ?? null]));
}

const laidOut = perBrief((brief, key): readonly DiscordMessage[] => {
  const [note, slot] = JSON.parse(key) as [string, string | null];
  return briefMessages(brief, { ...(note === '' ? {} : { note }), ...(slot === null ? {} : { footerMark: slotMark(slot) }) });
});

/** A notice's text; one posted for a slot ends with the slot as Discord's small grey subtext. */
function noticeOf(notice: Notice, slot: string | undefined): DiscordMessage[] {
  const text = renderNotice(notice, 'discord');
  return splitContent(slot === undefined ? text : `${text}\n-# ${slotMark(slot)}`);
}

/** Attempts for one message of a slot: its nonce makes a resend after a lost answer safe. */
const SLOT_ATTEMPTS = 3;
const RETRY_BASE_MS = 500;

/**
 * Messages in order; `upload` (a chart) goes with the first. Once `signal` is aborted no request
 * starts, and one waiting in discord.js's queue or in flight is abandoned (a resend carries the same nonce).
 */
async function postMessages(
  rest: REST,
  channel: ChannelRef,
  messages: readonly DiscordMessage[],
  { slot, signal }: { slot?: string | undefined; signal?: AbortSignal | undefined } = {},
  upload: ReturnType<typeof chartUpload> | null = null,
): Promise<{ messageIds: string[] }> {
  const messageIds: string[] = [];
  for (const [part, message] of messages.entries()) {
    const nonce = slot === undefined ? undefined : deliveryNonce(channel.channel, slot, part);
    for (let attempt = 1; ; attempt += 1) {
      if (signal?.aborted) throw stoppedPost(channel, messageIds);
      try {
        const body = messageBody(message, nonce);
        const request = part === 0 && upload ? { body: { ...body, attachments: upload.attachments }, files: upload.files } : { body };
        const created = (await rest.post(Routes.channelMessages(channel.channel), { ...request, signal })) as APIMessage;
        messageIds.push(created.id);
        break;
      } catch (error) {
        if (signal?.aborted) throw stoppedPost(channel, messageIds, error);
        const failure = deliveryError(error, channel, messageIds);
        if (nonce === undefined || failure.permanent || attempt >= SLOT_ATTEMPTS) throw failure;
        await sleep(RETRY_BASE_MS * 2 ** (attempt - 1));
      }
    }
  }
  return { messageIds };
}

/** The bot's messages since `since` that carry the slot's mark, oldest first. */
async function findPosted(rest: REST, channel: ChannelRef, where: { slot: string; since: Date }, botId: () => Promise<string>): Promise<string[] | null> {
  const mark = slotMark(where.slot);
  const oldest = where.since.getTime() - CLOCK_SKEW_MS;
  const marked = (message: APIMessage): boolean =>
    message.embeds.some((embed) => embed.footer?.text.endsWith(` · ${mark}`) ?? false) || message.content.endsWith(`\n-# ${mark}`);
  try {
    const me = await botId();
    const ids: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const query = new URLSearchParams({ limit: String(HISTORY_WINDOW), ...(before === undefined ? {} : { before }) });
      const recent = (await rest.get(Routes.channelMessages(channel.channel), { query })) as APIMessage[];
      const since = recent.filter((message) => Date.parse(message.timestamp) >= oldest);
      ids.push(...since.filter((message) => message.author.id === me && marked(message)).map((message) => message.id));
      before = recent.at(-1)?.id;
      if (recent.length < HISTORY_WINDOW || since.length < recent.length) break;
    }
    // Newest first from Discord; a brief reads oldest first.
    return ids.length === 0 ? null : ids.reverse();
  } catch (error) {
    throw deliveryError(error, channel, []);
  }
}

/** A direct message: `POST /users/@me/channels` opens (or finds) the DM channel with the user. */
async function notifyUser(rest: REST, workspace: string, userId: string, notice: Notice): Promise<void> {
  const ref: ChannelRef = { platform: 'discord', workspace, channel: userId };
  let dm: APIChannel;
  try {
    dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
  } catch (error) {
    throw deliveryError(error, ref, []);
  }
  await postMessages(rest, { ...ref, channel: dm.id }, noticeOf(notice, undefined));
}
