import type { Reply } from '../core/reply.js';
import type { Brief } from '../core/types.js';
import { briefView, type BriefView, type CountryRowView, type ListView } from './brief-view.js';
import { previewCounts, previewLines } from './replies.js';
import {
  formatChange,
  formatCountryCode,
  formatDateRange,
  formatFlag,
  formatRankMove,
  formatShare,
  formatTokens,
  formatUsd,
} from './format.js';

// The weekly brief as Slack Block Kit: plain objects the Slack adapter hands to chat.postMessage or
// respond(). Whatever the data, every message fits Slack's limits; a brief too big for one message
// becomes several (the adapter posts the rest as thread replies). All data text comes escaped from
// `briefView(brief, 'slack')`; only our own wording and numbers are added here.

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

function listLines(title: string, list: ListView | null, more: (n: number) => string, extra: string[] = []): string[] {
  if (!list) return [];
  return [title, ...list.items.map((item) => `• ${item}`), ...(list.more > 0 ? [`• ${more(list.more)}`] : []), ...extra];
}

const countryLine = (label: string, row: CountryRowView): string =>
  `${label}  ${formatTokens(row.tokens)} · ${formatShare(row.share)} · ${formatChange(row.changePct)}`;

/** The brief's sections, each a list of mrkdwn lines (same wording as templates/slack/weekly-brief.hbs). */
function briefSections(view: BriefView): string[][] {
  const incomplete = view.incomplete
    ? [
        `:warning: *Incomplete week: data for ${view.incomplete.daysPresent} of 7 days.* These figures will change.`,
        ...view.incomplete.reasons.map((reason) => `• ${reason}`),
      ]
    : [];
  const market = [
    `*Market:* ${formatTokens(view.totalTokens)} tokens, ${formatChange(view.totalChangePct)} week over week`,
    ...view.countries.map((c) => countryLine(`${formatFlag(c.country)} ${formatCountryCode(c.country)}`, c)),
    ...(view.unattributed ? [countryLine('Unattributed', view.unattributed)] : []),
    ...(view.longTail ? [countryLine('Long tail', view.longTail)] : []),
  ];
  const top =
    view.top.length === 0
      ? []
      : [
          `*Top ${view.top.length}* (tokens · share · week over week · output per 1M)`,
          ...view.top.map(
            (m) =>
              `#${m.rank} ${formatRankMove(m.rank, m.previousRank)}  *${m.name}* ${formatFlag(m.country)}  ` +
              `${formatTokens(m.tokens)} · ${formatShare(m.share)} · ${formatChange(m.changePct)} · ${formatUsd(m.output)}`,
          ),
        ];
  const ratio = view.prices?.ratio ? [`• ${view.prices.ratio}`] : [];
  return [
    [`*${view.headline}*`],
    incomplete,
    market,
    top,
    listLines('*Movers*', view.movers, (n) => `…and ${n} more`),
    listLines('*Prices*', view.prices, (n) => `…and ${n} more price moves`, ratio),
    listLines('*New models*', view.newModels, (n) => `…and ${n} more`),
    listLines('*Revisions*', view.revisions, (n) => `…and ${n} more days revised`),
  ].filter((lines) => lines.length > 0);
}

function briefBlocks(brief: Brief): { blocks: SlackBlock[]; headline: string } {
  const view = briefView(brief, 'slack');
  const { market } = brief;
  // A header is plain text: it carries only the week and dates, never data-derived names.
  const header = capped(`AI model market · week ${market.week} (${formatDateRange(market.start, market.end)})`, SLACK_LIMITS.headerText);
  const footer = [view.sourceNote, view.footer].filter((text): text is string => text !== null);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
    ...briefSections(view).flatMap((lines) => sectionTexts(lines).map(section)),
    { type: 'context', elements: footer.map((text) => ({ type: 'mrkdwn', text: capped(text, SLACK_LIMITS.sectionText) })) },
  ];
  return { blocks, headline: view.headline };
}

function messagesOf(blocks: readonly SlackBlock[], fallback: string): SlackMessage[] {
  const packed = packBlocks(blocks);
  return packed.map((part, i) => ({
    text: capped(i === 0 ? fallback : `${fallback} (continued, ${i + 1}/${packed.length})`, SLACK_LIMITS.fallbackText),
    blocks: part,
  }));
}

/**
 * The brief as one or more Block Kit messages: a header, a section per part of the brief, and a
 * context footer with the source line. Later messages continue the first (posted as thread replies).
 */
export function briefMessages(brief: Brief): SlackMessage[] {
  const { blocks, headline } = briefBlocks(brief);
  return messagesOf(blocks, `Week ${brief.market.week}: ${headline}`);
}

/** `/brief`: the brief as this channel's settings make it, led by the preview lines every platform shows. */
export function briefPreviewMessages(preview: Extract<Reply, { kind: 'brief_preview' }>): SlackMessage[] {
  const { blocks, headline } = briefBlocks(preview.brief);
  const lines = previewLines('slack', preview.settings, previewCounts(preview));
  const note: SlackBlock = { type: 'context', elements: lines.map((text) => ({ type: 'mrkdwn', text: capped(text, SLACK_LIMITS.sectionText) })) };
  return messagesOf([note, ...blocks], `Preview of week ${preview.brief.market.week}: ${headline}`);
}

/**
 * A rendered mrkdwn reply as Slack messages: short text stays one plain message; longer text becomes
 * sections (split at line breaks) across as many messages as the limits need.
 */
export function textMessages(mrkdwn: string): SlackMessage[] {
  if (length(mrkdwn) <= SLACK_LIMITS.fallbackText) return [{ text: mrkdwn }];
  const firstLine = mrkdwn.split('\n', 1)[0] ?? '';
  return messagesOf(sectionTexts(mrkdwn.split('\n')).map(section), capped(firstLine, 300));
}
