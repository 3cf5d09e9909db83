import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import type { ChannelRef } from '../../core/channel.js';
import type { Logger } from '../../core/ports/logger.js';
import type { ChartImage } from '../../core/ports/charts.js';
import { DeliveryError, stoppedPost, type BriefPoster, type Notice, type PostedBrief } from '../../core/ports/poster.js';
import { deliveryLines, renderNotice } from '../../render/notices.js';
import { briefMessages, textMessages, type SlackMessage } from '../../render/slack-blocks.js';
import { perBrief } from '../../render/per-brief.js';
import { TEMPLATES } from '../../render/templates.js';
import { uploadChart } from './chart.js';
import { DEFAULT_CLIENT_OPTIONS } from './client-options.js';
import { deliveryError } from './errors.js';
import { boltLogger } from './logger.js';
import { createPacer, type Pacer, type PacerOptions } from './pacer.js';

// Exactly-once on Slack. Every message of a ledger slot carries message metadata
// `{event_type: 'tokenbrief_delivery', event_payload: {slot, part}}`, which Slack keeps with the
// message and returns from conversations.history / conversations.replies with include_all_metadata.
// A slot's messages go out through a client that never retries on its own: a request that timed out
// or died after Slack accepted it would otherwise be posted twice by the SDK's retry. When such an
// ambiguous failure happens, the channel's recent history is searched for the part's metadata
// before it is sent again; a 429 (nothing was posted) is simply retried after its Retry-After.
// History is read newest first down to a time the slot cannot be older than (`oldest`), following
// `next_cursor` page by page: a busy channel can hold many messages after the slot's (and apps not
// in the Slack Marketplace get at most 15 a page since 2025).

export const DELIVERY_EVENT = 'tokenbrief_delivery';

/** Messages asked for per page of history (Slack may return fewer). */
const HISTORY_WINDOW = 100;
/** Pages of history read at most: past that many messages since the slot's time, the slot counts as not posted. */
const HISTORY_PAGES = 10;
/** How far Slack's clock (message `ts`) may be behind ours: the history is read back this much further. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Attempts for one message of a slot, the first included. */
const SLOT_ATTEMPTS = 4;
const RETRY_BASE_MS = 1000;

export interface SlackPosterOptions {
  /**
   * The client a slot's messages go through: one that does not retry by itself (see above). By
   * default a copy of `client` (same token and URL) without retries.
   */
  once?: webApi.WebClient;
  /** Waits between a slot's attempts (tests shorten it). */
  retryBaseMs?: number;
  logger?: Logger;
}

/**
 * Posts weekly briefs through a Web API client as Block Kit: the brief's message, then continuation
 * messages as thread replies when it is too big for one, then its chart (if given) in the brief's
 * thread. `messageIds` are the messages' `ts`.
 * Transient failures were already retried by the client (its retryConfig honours Retry-After); what
 * is left surfaces as a DeliveryError saying whether a retry can help. `pacer` must be the one every
 * other post through this client goes through: the ~1 message/s/channel budget holds only when all
 * posters share it (`SlackApp.poster` is the app's).
 */
export function slackPoster(client: webApi.WebClient, pacer: Pacer, options: SlackPosterOptions = {}): BriefPoster {
  const once =
    options.once ??
    new webApi.WebClient(client.token, {
      ...DEFAULT_CLIENT_OPTIONS,
      slackApiUrl: client.slackApiUrl,
      retryConfig: { retries: 0 },
      ...(options.logger ? { logger: boltLogger(options.logger) } : {}),
    });
  const sender: Sender = { client, once, pacer, retryBaseMs: options.retryBaseMs ?? RETRY_BASE_MS };
  return {
    platform: 'slack',
    post: async (channel, brief, postOptions = {}) => {
      const posted = await postMessages(sender, channel, laidOut(brief, deliveryLines(postOptions, 'slack')), postOptions);
      const [threadTs] = posted.messageIds;
      if (!postOptions.chart || threadTs === undefined) return posted;
      return { ...posted, ...(await shareChart(client, channel, postOptions.chart, pacer, threadTs)) };
    },
    postNotice: (channel, notice, postOptions) => postMessages(sender, channel, noticeMessages(notice), postOptions),
    findPosted: (channel, slot, since) => findPosted(client, channel, slot, since),
    notifyUser: (workspace, userId, notice) => notifyUser(sender, workspace, userId, notice),
  };
}

/**
 * A poster with a Web API client of its own: plain HTTPS calls, no Socket Mode connection and no
 * HTTP receiver, so a scheduler can post without running the app. The token is one workspace's.
 */
export function createSlackPoster(options: {
  botToken: string;
  apiUrl: string;
  logger: Logger;
  clientOptions?: webApi.WebClientOptions;
  pacer?: PacerOptions;
}): BriefPoster {
  const client = new webApi.WebClient(options.botToken, {
    ...DEFAULT_CLIENT_OPTIONS,
    slackApiUrl: options.apiUrl,
    logger: boltLogger(options.logger),
    ...options.clientOptions,
  });
  return slackPoster(client, createPacer(options.pacer), { logger: options.logger });
}

interface Sender {
  client: webApi.WebClient;
  once: webApi.WebClient;
  pacer: Pacer;
  retryBaseMs: number;
}

const laidOut = perBrief((brief, delivery): readonly SlackMessage[] => briefMessages(brief, TEMPLATES, delivery));

const noticeMessages = (notice: Notice): SlackMessage[] => textMessages(renderNotice(notice, 'slack'));

/** The metadata every message of a slot carries: which slot, and which of its messages. */
const slotMetadata = (slot: string, part: number) => ({ event_type: DELIVERY_EVENT, event_payload: { slot, part } });

/**
 * Messages in order, the first in the channel and the rest in its thread. No request starts once
 * `signal` is aborted; one already sent ends within the client's timeout.
 */
async function postMessages(
  sender: Sender,
  ref: ChannelRef,
  messages: readonly SlackMessage[],
  { slot, signal }: { slot?: string | undefined; signal?: AbortSignal | undefined } = {},
): Promise<{ messageIds: string[] }> {
  const posted: string[] = [];
  const stopped = () => signal?.aborted === true;
  try {
    for (const [part, message] of messages.entries()) {
      const args = {
        channel: ref.channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(posted[0] === undefined ? {} : { thread_ts: posted[0] }),
        // The source line names openrouter.ai: a link preview card would bury the brief.
        unfurl_links: false,
        unfurl_media: false,
      };
      await sender.pacer.wait(ref.channel);
      if (stopped()) throw stoppedPost(ref, posted);
      const ts =
        slot === undefined
          ? (await sender.client.chat.postMessage(args)).ts
          : await postSlotPart(sender, ref, { ...args, metadata: slotMetadata(slot, part) }, { slot, part, parent: posted[0], stopped });
      if (ts === undefined) {
        throw new DeliveryError('Slack accepted the post but returned no ts', { channel: ref, permanent: false, reason: 'no_ts', posted });
      }
      posted.push(ts);
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

/**
 * One message of a slot, sent at most once: after a failure that may have reached Slack (a timeout,
 * a dropped connection, a 5xx) the channel is searched for the part's metadata before a resend.
 */
async function postSlotPart(
  sender: Sender,
  ref: ChannelRef,
  args: webApi.ChatPostMessageArguments,
  where: { slot: string; part: number; parent: string | undefined; stopped: () => boolean },
): Promise<string | undefined> {
  const since = new Date();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await sender.once.chat.postMessage(args)).ts;
    } catch (error) {
      const failure = deliveryError(error, ref);
      if (failure === null || failure.permanent || attempt >= SLOT_ATTEMPTS) throw error;
      // A 429 was refused before anything was posted; the client already waited out its Retry-After.
      if (failure.reason !== 'ratelimited') {
        // Unable to look, it cannot be sent again safely: the failure stands, and the ledger's recovery looks later.
        const found = await slotMessages(sender.client, ref, where.slot, where.parent ?? since).catch(() => {
          throw error;
        });
        const ts = found.find((message) => message.part === where.part)?.ts;
        if (ts !== undefined) return ts;
        await sleep(sender.retryBaseMs * 2 ** (attempt - 1));
      }
      await sender.pacer.wait(ref.channel);
      if (where.stopped()) throw error;
    }
  }
}

interface SlotMessage {
  ts: string;
  part: number;
}

interface HistoryMessage {
  ts?: string;
  reply_count?: number;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

function slotPart(message: HistoryMessage, slot: string): SlotMessage | null {
  const { metadata, ts } = message;
  if (ts === undefined || metadata?.event_type !== DELIVERY_EVENT || metadata.event_payload?.slot !== slot) return null;
  const part = metadata.event_payload.part;
  return { ts, part: typeof part === 'number' ? part : Number(part ?? 0) };
}

/**
 * The messages of `slot` in the channel: its first message from the history since `from` (a time, or
 * the first message itself when it is known), the rest from that message's thread (history lists
 * only a thread's parent).
 */
async function slotMessages(client: webApi.WebClient, ref: ChannelRef, slot: string, from: Date | string): Promise<SlotMessage[]> {
  const found = typeof from === 'string' ? [] : await historySince(client, ref, slot, from);
  const first = typeof from === 'string' ? from : found.find((message) => message.part === 0)?.ts;
  if (first !== undefined) {
    const replies = await client.conversations.replies({ channel: ref.channel, ts: first, limit: HISTORY_WINDOW, include_all_metadata: true });
    for (const message of replies.messages ?? []) {
      const part = slotPart(message as HistoryMessage, slot);
      if (part && !found.some((known) => known.ts === part.ts)) found.push(part);
    }
  }
  return found.sort((a, b) => a.part - b.part);
}

/** The slot's top-level messages posted since `since`, newest first, until its first message is found. */
async function historySince(client: webApi.WebClient, ref: ChannelRef, slot: string, since: Date): Promise<SlotMessage[]> {
  const oldest = ((since.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
  const found: SlotMessage[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page += 1) {
    const history = await client.conversations.history({ channel: ref.channel, oldest, limit: HISTORY_WINDOW, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
    found.push(...(history.messages ?? []).map((message) => slotPart(message as HistoryMessage, slot)).filter((m): m is SlotMessage => m !== null));
    cursor = history.response_metadata?.next_cursor;
    if (found.some((message) => message.part === 0) || !history.has_more || !cursor) break;
  }
  return found;
}

async function findPosted(client: webApi.WebClient, ref: ChannelRef, slot: string, since: Date): Promise<string[] | null> {
  try {
    const found = await slotMessages(client, ref, slot, since);
    return found.length === 0 ? null : found.map((message) => message.ts);
  } catch (error) {
    throw deliveryError(error, ref) ?? error;
  }
}

/** A direct message to one user: `conversations.open` gives the DM channel (scope `im:write`). */
async function notifyUser(sender: Sender, workspace: string, userId: string, notice: Notice): Promise<void> {
  const ref: ChannelRef = { platform: 'slack', workspace, channel: userId };
  let channel: string | undefined;
  try {
    channel = (await sender.client.conversations.open({ users: userId })).channel?.id;
  } catch (error) {
    throw deliveryError(error, ref) ?? error;
  }
  if (channel === undefined) throw new DeliveryError('Slack opened no DM channel', { channel: ref, permanent: false, reason: 'no_channel', posted: [] });
  await postMessages(sender, { ...ref, channel }, noticeMessages(notice));
}
