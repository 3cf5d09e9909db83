import type { Reply } from '../core/reply.js';
import type { Brief } from '../core/types.js';
import { briefView, type BriefView } from './brief-view.js';
import { previewCounts, previewLines } from './replies.js';
import { BRIEF_SECTIONS, TEMPLATES, type BriefSection, type Templates } from './templates.js';

// The weekly brief as Slack Block Kit: plain objects the Slack adapter hands to chat.postMessage or
// respond(). Whatever the data, every message fits Slack's limits; a brief too big for one message
// becomes several (the adapter posts the rest as thread replies). Every word comes from the Slack
// templates, filled with the escaped `briefView(brief, 'slack')`; code only cuts the rendered text
// into blocks and messages.

export const SLACK_LIMITS = {
  /** Blocks per message. */
  blocks: 50,
  /** Characters of a section's text. */
  sectionText: 3000,
  /** Characters of a header (plain text only). */
  headerText: 150,
  /** Elements of a context block. */
  contextElements: 10,
  /**
   * Characters of text summed over a message's blocks. Slack refuses more with the undocumented
   * `msg_blocks_too_long` somewhere above 12k (the line moves with the block mix); 10k keeps clear of it.
   */
  blockText: 10_000,
  /** The top-level `text` (notifications, screen readers): Slack advises under 4000. */
  fallbackText: 3000,
} as const;

export interface PlainTextObject {
  type: 'plain_text';
  text: string;
  emoji: boolean;
}

export interface MrkdwnObject {
  type: 'mrkdwn';
  text: string;
}

export type SlackBlock =
  | { type: 'header'; text: PlainTextObject }
  | { type: 'section'; text: MrkdwnObject }
  | { type: 'context'; elements: MrkdwnObject[] };

/** One Slack message: `text` is the notification fallback; without `blocks` it is the message itself. */
export interface SlackMessage {
  text: string;
  blocks?: SlackBlock[];
}

/** Slack counts characters (code points), not UTF-16 units. */
const length = (text: string): number => [...text].length;

/**
 * The first `max` characters of mrkdwn text, never ending inside an entity such as `&amp;`
 * (a cut entity would show as "&am" and could join the next character into something else).
 */
function head(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const entity = /&[#\w]{0,8}$/.exec(cut);
  return entity && entity.index > 0 ? cut.slice(0, entity.index) : cut;
}

/** `head` with an ellipsis when something was cut. */
function capped(text: string, max: number): string {
  return length(text) <= max ? text : `${head(text, max - 1)}…`;
}

/** Lines joined into as few section texts as fit; a single overlong line is cut across sections. */
function sectionTexts(lines: readonly string[]): string[] {
  const max = SLACK_LIMITS.sectionText;
  const texts: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') texts.push(current);
    current = '';
  };
  for (const line of lines) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (length(joined) <= max) {
      current = joined;
      continue;
    }
    flush();
    let rest = line;
    while (length(rest) > max) {
      const piece = head(rest, max);
      texts.push(piece);
      rest = rest.slice(piece.length);
    }
    current = rest;
  }
  flush();
  return texts;
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

function blockTextLength(block: SlackBlock): number {
  return block.type === 'context' ? block.elements.reduce((sum, e) => sum + length(e.text), 0) : length(block.text.text);
}

/** Blocks in order, split into messages that each respect the block count and the text budget. */
function packBlocks(blocks: readonly SlackBlock[]): SlackBlock[][] {
  const messages: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let size = 0;
  for (const block of blocks) {
    const n = blockTextLength(block);
    if (current.length > 0 && (current.length >= SLACK_LIMITS.blocks || size + n > SLACK_LIMITS.blockText)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += n;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** Lines of our own text as a context block, within its element count (the last element takes any rest). */
function contextBlock(lines: readonly string[]): SlackBlock {
  const max = SLACK_LIMITS.contextElements;
  const elements = lines.length <= max ? lines : [...lines.slice(0, max - 1), lines.slice(max - 1).join('\n')];
  return { type: 'context', elements: elements.map((text) => ({ type: 'mrkdwn', text: capped(text, SLACK_LIMITS.sectionText) })) };
}

/** The body of the brief: every section the templates render, in order, each cut into as few section blocks as fit. */
const BODY: readonly BriefSection[] = BRIEF_SECTIONS.filter((name) => name !== 'brief-footer');

function briefBlocks(brief: Brief, templates: Templates, delivery = ''): { blocks: SlackBlock[]; view: BriefView } {
  const view = briefView(brief, 'slack', templates);
  // A header is plain text: its template is filled with unescaped (but cleaned) text.
  const header = capped(templates.render('slack', 'brief-title', briefView(brief, 'slack', templates, 'text')), SLACK_LIMITS.headerText);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
    ...(delivery === '' ? [] : [contextBlock(delivery.split('\n'))]),
    ...BODY.map((name) => templates.render('slack', name, view))
      .filter((text) => text !== '')
      .flatMap((text) => sectionTexts(text.split('\n')).map(section)),
    contextBlock(templates.render('slack', 'brief-footer', view).split('\n')),
  ];
  return { blocks, view };
}

function messagesOf(blocks: readonly SlackBlock[], fallback: string, templates: Templates): SlackMessage[] {
  const packed = packBlocks(blocks);
  return packed.map((part, i) => ({
    text: capped(i === 0 ? fallback : templates.render('slack', 'continued', { text: fallback, part: i + 1, parts: packed.length }), SLACK_LIMITS.fallbackText),
    blocks: part,
  }));
}

function notification(view: BriefView, preview: boolean, templates: Templates): string {
  return templates.render('slack', 'brief-notification', { preview, week: view.week, headline: view.headline });
}

/**
 * The brief as one or more Block Kit messages: a header, a section per part of the brief, and a
 * context footer with the source line. Later messages continue the first (posted as thread replies).
 * `delivery` holds the rendered lines saying it comes late or on old data (see render/notices.ts).
 */
export function briefMessages(brief: Brief, templates: Templates = TEMPLATES, delivery = ''): SlackMessage[] {
  const { blocks, view } = briefBlocks(brief, templates, delivery);
  return messagesOf(blocks, notification(view, false, templates), templates);
}

/** `/brief`: the brief as this channel's settings make it, led by the preview lines every platform shows. */
export function briefPreviewMessages(preview: Extract<Reply, { kind: 'brief_preview' }>, templates: Templates = TEMPLATES): SlackMessage[] {
  const { blocks, view } = briefBlocks(preview.brief, templates);
  const note = contextBlock(previewLines('slack', preview.settings, previewCounts(preview), templates));
  return messagesOf([note, ...blocks], notification(view, true, templates), templates);
}

/**
 * A rendered mrkdwn reply as Slack messages: short text stays one plain message; longer text becomes
 * sections (split at line breaks) across as many messages as the limits need.
 */
export function textMessages(mrkdwn: string, templates: Templates = TEMPLATES): SlackMessage[] {
  if (length(mrkdwn) <= SLACK_LIMITS.fallbackText) return [{ text: mrkdwn }];
  const firstLine = mrkdwn.split('\n', 1)[0] ?? '';
  return messagesOf(sectionTexts(mrkdwn.split('\n')).map(section), capped(firstLine, 300), templates);
}

/** Where a reply too long for a slash command's response_url can be read whole: a brief preview (`/brief post`, the CLI); null when nowhere. */
export type WholeReply = 'brief' | null;

/** The line the last message a response_url takes ends with, when `left` messages could not be sent. */
export function shortenedNote(left: number, whole: WholeReply, templates: Templates = TEMPLATES): string {
  return templates.render('slack', 'shortened', { left, one: left === 1, wholeBrief: whole === 'brief' });
}
