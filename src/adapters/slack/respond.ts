import type { RespondArguments } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';
import { retryOnTransportError } from '../transport.js';
import { shortenedNote, SLACK_LIMITS, type SlackBlock, type SlackMessage, type WholeReply } from '../../render/slack-blocks.js';

// A slash command answers through its response_url, which Slack accepts only five times. A reply
// that needs more messages is cut to five, and the fifth says so: a reader must never take a
// shortened reply for the whole one.

/** Posts one message on a slash command's response_url (Bolt's `respond`). */
export type Respond = (message: RespondArguments) => Promise<unknown>;

/** Slack lets a slash command's response_url be used this many times. */
export const RESPONSE_URL_POSTS = 5;

/** Slack takes posts on a response_url for this long after the command. */
const RESPONSE_URL_WINDOW_MS = 30 * 60 * 1000;

/**
 * `respond` that sends again a post lost to a dropped connection, while the response_url lasts. A
 * reset before any answer nearly always means a stale keep-alive connection Slack never read from,
 * and Slack's documented contract treats response_url posts as safe to repeat.
 */
export function retryingRespond(respond: Respond, options: { since: number; logger: Logger }): Respond {
  return (message) =>
    retryOnTransportError(() => respond(message), {
      until: options.since + RESPONSE_URL_WINDOW_MS,
      onRetry: (error, attempt) =>
        options.logger.warn({ err: error instanceof Error ? error.message : String(error), attempt }, 'slack reply lost on a dropped connection; sending it again'),
    });
}

/** Slack counts characters (code points), not UTF-16 units. */
const length = (text: string): number => [...text].length;

function blockTextLength(block: SlackBlock): number {
  return block.type === 'context' ? block.elements.reduce((sum, e) => sum + length(e.text), 0) : length(block.text.text);
}

/**
 * `message` ending with `note`. A message already at Slack's block or text limit gives up blocks
 * from its end to make room: the note matters more than the tail it replaces, which it covers anyway.
 */
export function withNote(message: SlackMessage, note: string): SlackMessage {
  if (!message.blocks) return { text: `${message.text}\n\n${note}` };
  const noteBlock: SlackBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: note }] };
  const blocks = [...message.blocks];
  let size = blocks.reduce((sum, block) => sum + blockTextLength(block), blockTextLength(noteBlock));
  while (blocks.length > 0 && (blocks.length >= SLACK_LIMITS.blocks || size > SLACK_LIMITS.blockText)) {
    const dropped = blocks.pop();
    if (dropped) size -= blockTextLength(dropped);
  }
  return { text: message.text, blocks: [...blocks, noteBlock] };
}

/** The messages a response_url takes: all of them, or the first five with the last saying what is missing. */
function fitResponseUrl(messages: readonly SlackMessage[], whole: WholeReply): SlackMessage[] {
  if (messages.length <= RESPONSE_URL_POSTS) return [...messages];
  const note = shortenedNote(messages.length - RESPONSE_URL_POSTS, whole);
  return messages.slice(0, RESPONSE_URL_POSTS).map((message, i) => (i === RESPONSE_URL_POSTS - 1 ? withNote(message, note) : message));
}

/**
 * Sends a reply's messages on the response_url, in order. `whole` says where the full reply can be
 * had when it does not fit (null when nowhere else shows it); a shortened reply is logged.
 */
export async function respondAll(
  respond: Respond,
  responseType: 'in_channel' | 'ephemeral',
  messages: readonly SlackMessage[],
  options: { whole: WholeReply; logger: Logger },
): Promise<void> {
  if (messages.length > RESPONSE_URL_POSTS) {
    options.logger.warn(
      { parts: messages.length, sent: RESPONSE_URL_POSTS, left: messages.length - RESPONSE_URL_POSTS },
      'slack reply shortened: more parts than a response_url takes',
    );
  }
  for (const message of fitResponseUrl(messages, options.whole)) {
    await respond({ response_type: responseType, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
  }
}
