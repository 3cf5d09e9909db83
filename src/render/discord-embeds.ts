import type { Reply } from '../core/reply.js';
import { pickHeadline } from '../core/signals.js';
import type { SignalKind } from '../core/signals.types.js';
import type { Brief } from '../core/types.js';
import { briefView } from './brief-view.js';
import { renderFailure, type Failure } from './failures.js';
import { previewCounts, previewLines, renderReply } from './replies.js';
import { BRIEF_SECTIONS, TEMPLATES, type BriefSection, type Templates } from './templates.js';

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
  /** `attachment://<file>` shows a file sent with the message inside the embed. */
  image?: { url: string };
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
export function discordMessages(reply: Reply, templates: Templates = TEMPLATES): DiscordMessage[] {
  if (reply.kind === 'brief_preview') {
    return briefMessages(reply.brief, { note: previewLines('discord', reply.settings, previewCounts(reply), templates).join('\n'), templates });
  }
  return splitContent(renderReply(reply, 'discord', templates));
}

/** A command that failed, as the messages that tell the member. */
export function failureMessages(failure: Failure, templates: Templates = TEMPLATES): DiscordMessage[] {
  return splitContent(renderFailure('discord', failure, { templates }));
}

/** The brief's sections in order; the footer is the embeds' footer. */
const BODY: readonly BriefSection[] = BRIEF_SECTIONS.filter((name) => name !== 'brief-footer');

/**
 * A rendered section's first line is its heading, the rest its lines: a multi-line section becomes
 * fields named by its heading (cut at the field limits), a one-line section (the headline, a warning
 * without reasons) joins the description.
 */
function layout(texts: readonly string[], templates: Templates): { description: string[]; fields: DiscordEmbedField[] } {
  const description: string[] = [];
  const fields: DiscordEmbedField[] = [];
  for (const text of texts) {
    const [heading = '', ...lines] = text.split('\n');
    if (lines.length === 0) {
      description.push(heading);
      continue;
    }
    // Discord draws field names bold and does not promise markdown in them: the heading's own bold
    // markers go. Headings are our wording and figures only, never data-derived names.
    const name = heading.replace(/\*\*/g, '');
    const continued = templates.render('discord', 'continued', { text: name });
    chunkLines(lines, DISCORD_LIMITS.fieldValue).forEach((value, index) =>
      fields.push({ name: capText(index === 0 ? name : continued, DISCORD_LIMITS.fieldName), value }),
    );
  }
  return { description, fields };
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
 * line, so a figure is never shown without it. All text comes from the Discord templates.
 * `note` is markdown content above the first embed (a preview's lines, a late delivery's).
 */
export function briefMessages(brief: Brief, options: { note?: string; templates?: Templates; footerMark?: string } = {}): DiscordMessage[] {
  const templates = options.templates ?? TEMPLATES;
  const view = briefView(brief, 'discord', templates);
  const colour = BRIEF_COLOURS[pickHeadline(brief.signals, brief.market)?.kind ?? 'quiet'];
  const sections = layout(
    BODY.map((name) => templates.render('discord', name, view)).filter((text) => text !== ''),
    templates,
  );
  // Footers are plain text (no markdown): the template is filled with unescaped (but cleaned) text.
  // `footerMark` (a delivery's slot, see adapters/discord/post.ts) ends every footer and is never cut.
  const mark = options.footerMark === undefined ? '' : ` · ${options.footerMark}`;
  const source = templates.render('discord', 'brief-footer', briefView(brief, 'discord', templates, 'text'));
  const footer = { text: capText(source, DISCORD_LIMITS.footer - length(mark)) + mark };
  let embed: DiscordEmbed = {
    title: capText(templates.render('discord', 'brief-title', view), DISCORD_LIMITS.title),
    description: capText(sections.description.join('\n\n'), DISCORD_LIMITS.description),
    color: colour,
    fields: [],
    footer,
  };
  const messages: DiscordMessage[] = [{ content: capText(options.note ?? '', DISCORD_LIMITS.content), embeds: [embed] }];
  let used = embedSize(embed);
  for (const field of sections.fields) {
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
