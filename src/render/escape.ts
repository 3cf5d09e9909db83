// Data-derived text (model names, ids, queries, country codes, reasons) is made safe here, in code,
// before any template sees it. Templates only place already-escaped strings; Handlebars' own HTML
// escaping is off because HTML entities are wrong on all three platforms.

export type Platform = 'text' | 'slack' | 'discord';

/** Longest name a table or sentence shows before cutting it with "…". */
export const NAME_MAX = 80;
/** Longest free text (error messages, reasons) shown. */
export const TEXT_MAX = 400;

const ZWSP = '\u200b';

// ESC-introduced terminal sequences: CSI (colours, cursor moves, clears), OSC (titles, hyperlinks)
// terminated by BEL or ST, and the two-byte forms; plus the 8-bit CSI.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// Remaining C0/C1 controls and bidi overrides (which can make a name display as something else).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of plain text: no terminal sequences, no controls, no line breaks, at most `max` characters. */
export function cleanText(raw: string, max: number): string {
  const text = raw.replace(ANSI, '').replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('').trimEnd()}…`;
}

/** `https://x` must not become a link in a message: a zero-width space after the colon breaks it. */
function breakLinks(text: string): string {
  return text.replace(/:\/\//g, `:${ZWSP}//`);
}

/**
 * Slack mrkdwn: `&`, `<`, `>` are the control characters (this also defuses `<!channel>`, `<@U1>`,
 * `<https://x|y>`). Slack has no escape for `*_~\``, so inside data they become lookalike characters:
 * a name can then never open bold, italics, strike-through or code and break the line it sits in.
 */
export function escapeSlack(text: string): string {
  return breakLinks(
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\*/g, '\u2217')
      .replace(/_/g, '\u02cd')
      .replace(/~/g, '\u223c')
      .replace(/`/g, '\u02cb'),
  );
}

/**
 * Discord markdown: a backslash hides any punctuation character, so markdown markers, masked-link
 * brackets and line-start markers (quote, heading, list) are backslash-escaped. Mentions
 * (`@everyone`, `<@1>`, `<@&1>`, `<#1>`) are broken with a zero-width space after `@` and `<`; the
 * client also sends `allowedMentions: { parse: [] }`, this is the second line of defence.
 */
export function escapeDiscord(text: string): string {
  const escaped = text
    .replace(/[\\*_~`|[\]()>]/g, '\\$&')
    .replace(/[@<]/g, `$&${ZWSP}`)
    .replace(/^([#+-])/, '\\$1')
    .replace(/^(\d+)\./, '$1\\.');
  return breakLinks(escaped);
}

/** Clean, cap and escape one data-derived string for a platform. */
export function escapeFor(platform: Platform, raw: string, max = NAME_MAX): string {
  const clean = cleanText(raw, max);
  if (platform === 'slack') return escapeSlack(clean);
  if (platform === 'discord') return escapeDiscord(clean);
  return clean;
}

/**
 * A message we wrote that may quote user input, e.g. "Try `price kimi`.": everything is escaped,
 * but `backtick` pairs are kept as code (with characters that could break out of code removed).
 */
export function escapeMessage(platform: Platform, raw: string): string {
  const clean = cleanText(raw, TEXT_MAX);
  return clean
    .split(/(`[^`]+`)/)
    .map((part, i) => {
      if (i % 2 === 0) return platform === 'text' ? part : platform === 'slack' ? escapeSlack(part) : escapeDiscord(part);
      return `\`${codeText(platform, part.slice(1, -1))}\``;
    })
    .join('');
}

/** Code has no escapes: what could close the span or (on Slack) open a control sequence is removed, and Discord mentions are broken. */
function codeText(platform: Platform, code: string): string {
  const safe = code.replace(/[&<>`]/g, '');
  return platform === 'discord' ? safe.replace(/@/g, `@${ZWSP}`) : safe;
}

/** A data-derived string (an error code, a reason) a template shows inside a `code` span. */
export function escapeCode(platform: Platform, raw: string): string {
  return codeText(platform, cleanText(raw, NAME_MAX));
}
