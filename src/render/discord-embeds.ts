import type { Reply } from '../core/reply.js';
import { pickHeadline } from '../core/signals.js';
import type { SignalKind } from '../core/signals.types.js';
import type { Brief } from '../core/types.js';
import { briefView, footerText, type BriefView, type CountryRowView, type ListView } from './brief-view.js';
import { cleanText } from './escape.js';
import { formatChange, formatCountryCode, formatDateRange, formatFlag, formatRankMove, formatShare, formatTokens, formatUsd } from './format.js';
import { previewCounts, previewLines, renderReply } from './replies.js';

// Command replies as Discord messages: the brief as embeds, everything else as markdown content.
// Discord rejects a whole message (50035) when any limit is exceeded, so every piece is measured here
// and whatever does not fit moves to the next field or message; nothing is ever dropped.
// Plain objects only: the adapter hands them to discord.js as they are.

/** Discord's documented limits, in characters (Discord counts Unicode code points). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  /** Title, description, field names and values, footer and author of all a message's embeds together. */
  embedTotal: 6000,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  title: 256,
  description: 4096,
  footer: 2048,
} as const;

export interface DiscordEmbedField {
  name: string;
  value: string;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color: number;
  fields: DiscordEmbedField[];
  footer?: { text: string };
}

export interface DiscordMessage {
  /** Markdown text above the embeds; empty when the message is embeds only. */
  content: string;
  embeds: DiscordEmbed[];
}

/** Accent colour of a brief: what its headline is about, grey for a quiet week. */
export const BRIEF_COLOURS: Readonly<Record<SignalKind | 'quiet', number>> = {
  country_crossover: 0xed4245,
  overtake: 0xfee75c,
  new_entry: 0x57f287,
  rank_move: 0x5865f2,
  surge: 0x57f287,
  slump: 0xe67e22,
  exit: 0xe67e22,
  price_change: 0xeb459e,
  new_model: 0x1abc9c,
  quiet: 0x99aab5,
};

const CONTINUED = ' (continued)';

const length = (text: string): number => [...text].length;

/**
 * Cuts text to `max` code points, marking the cut with "…". A backslash left dangling at the cut
 * would escape the ellipsis, so it goes too.
 */
export function capText(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('').replace(/\\+$/, '')}…`;
}

/** Lines joined with newlines into chunks of at most `max` characters; an overlong line is cut. */
export function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = capText(raw, max);
    if (current !== '' && length(current) + 1 + length(line) > max) {
      chunks.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** Markdown text as messages of at most 2000 characters, split between lines so formatting stays paired. */
export function splitContent(text: string): DiscordMessage[] {
  return chunkLines(text.split('\n'), DISCORD_LIMITS.content).map((content) => ({ content, embeds: [] }));
}

/** Every command reply as the messages to send, in order. */
export function discordMessages(reply: Reply): DiscordMessage[] {
  if (reply.kind === 'brief_preview') {
    return briefMessages(reply.brief, { note: previewLines('discord', reply.settings, previewCounts(reply)).join('\n') });
  }
  if (reply.kind === 'brief_post') return briefMessages(reply.brief);
  return splitContent(renderReply(reply, 'discord'));
}

interface Section {
  name: string;
  lines: string[];
}

function countryLine(label: string, row: CountryRowView): string {
  return `${label}  ${formatTokens(row.tokens)} · ${formatShare(row.share)} · ${formatChange(row.changePct)}`;
}

function listLines(list: ListView | null, more: string): string[] {
  if (!list) return [];
  return [...list.items.map((item) => `- ${item}`), ...(list.more > 0 ? [`- …and ${list.more} ${more}`] : [])];
}

function sections(view: BriefView): Section[] {
  const market = [
    `**${formatTokens(view.totalTokens)}** tokens, ${formatChange(view.totalChangePct)} week over week`,
    ...view.countries.map((c) => countryLine(`${formatFlag(c.country)} ${formatCountryCode(c.country)}`, c)),
    ...(view.unattributed ? [countryLine('Unattributed', view.unattributed)] : []),
    ...(view.longTail ? [countryLine('Long tail', view.longTail)] : []),
  ];
  const top = view.top.map(
    (m) =>
      `#${m.rank} ${formatRankMove(m.rank, m.previousRank)} **${m.name}** ${formatFlag(m.country)}  ` +
      `${formatTokens(m.tokens)} · ${formatShare(m.share)} · ${formatChange(m.changePct)} · ${formatUsd(m.output)}`,
  );
  const prices = view.prices ? [...listLines(view.prices, 'price moves'), ...(view.prices.ratio ? [`- ${view.prices.ratio}`] : [])] : [];
  return [
    { name: 'Why incomplete', lines: (view.incomplete?.reasons ?? []).map((reason) => `- ${reason}`) },
    { name: 'Market', lines: market },
    { name: `Top ${view.top.length} (tokens · share · week over week · output per 1M)`, lines: top },
    { name: 'Movers', lines: listLines(view.movers, 'more') },
    { name: 'Prices', lines: prices },
    { name: 'New models', lines: listLines(view.newModels, 'more') },
    { name: 'Revisions', lines: listLines(view.revisions, 'more days revised') },
  ].filter((section) => section.lines.length > 0);
}

function fieldsOf(section: Section): DiscordEmbedField[] {
  return chunkLines(section.lines, DISCORD_LIMITS.fieldValue).map((value, index) => ({
    name: capText(index === 0 ? section.name : `${section.name}${CONTINUED}`, DISCORD_LIMITS.fieldName),
    value,
  }));
}

/** Headline, and the warnings a reader needs before any figure; short by construction (lists are fields). */
function description(view: BriefView): string {
  const lines = [`**${view.headline}**`];
  if (view.incomplete) lines.push('', `⚠️ **Incomplete week: data for ${view.incomplete.daysPresent} of 7 days.** These figures will change.`);
  if (view.sourceNote) lines.push('', `*${view.sourceNote}*`);
  return capText(lines.join('\n'), DISCORD_LIMITS.description);
}

const embedSize = (embed: DiscordEmbed): number =>
  length(embed.title ?? '') +
  length(embed.description ?? '') +
  length(embed.footer?.text ?? '') +
  embed.fields.reduce((sum, field) => sum + length(field.name) + length(field.value), 0);

/**
 * The weekly brief as one or more messages of one embed each: the first has the title, the headline
 * and the colour; the market, the top 10 and the lists are fields; a field that would break the
 * message's character or field budget starts the next message. Every message's footer is the source
 * line, so a figure is never shown without it.
 */
export function briefMessages(brief: Brief, options: { note?: string } = {}): DiscordMessage[] {
  const view = briefView(brief, 'discord');
  const colour = BRIEF_COLOURS[pickHeadline(brief.signals, brief.market)?.kind ?? 'quiet'];
  // Footers are plain text (no markdown), so they carry the cleaned, unescaped source line.
  const footer = { text: capText(footerText(brief.market.asOf, { short: (raw) => cleanText(raw, 100) }), DISCORD_LIMITS.footer) };
  let embed: DiscordEmbed = {
    title: capText(`Weekly brief · week ${view.week} (${formatDateRange(view.start, view.end)})`, DISCORD_LIMITS.title),
    description: description(view),
    color: colour,
    fields: [],
    footer,
  };
  const messages: DiscordMessage[] = [{ content: capText(options.note ?? '', DISCORD_LIMITS.content), embeds: [embed] }];
  let used = embedSize(embed);
  for (const field of sections(view).flatMap(fieldsOf)) {
    const cost = length(field.name) + length(field.value);
    if (used + cost > DISCORD_LIMITS.embedTotal || embed.fields.length === DISCORD_LIMITS.fields) {
      embed = { color: colour, fields: [], footer };
      messages.push({ content: '', embeds: [embed] });
      used = embedSize(embed);
    }
    embed.fields.push(field);
    used += cost;
  }
  return messages;
}
