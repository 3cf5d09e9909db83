import { CHART_KINDS, chartWeeksProblem, DEFAULT_CHART_WEEKS, type ChartKind } from '../core/charts.js';
import { THRESHOLD_NAMES, type ThresholdName } from '../core/thresholds.js';
import type { AlertsAction, CommandInput, CommandName } from '../core/input.js';
import { USAGE } from './usage.js';
import { topSizeProblem } from './top.js';
import { parseSubscribeText } from './subscribe.js';

/** Input that can't be understood: the reply is the reason plus the command's usage. */
export interface ParseProblem {
  problem: string;
  usage: string;
}

export type Parsed = { ok: true; input: CommandInput } | { ok: false; error: ParseProblem };

const fail = (command: CommandName, problem: string): Parsed => ({ ok: false, error: { problem, usage: USAGE[command] } });

/**
 * Parses the free text after a slash command (`/top 5 CN` → `{ command: 'top', n: 5, country: 'CN' }`).
 * `defaultZone` is the zone `/subscribe` takes when none is given (TOKENBRIEF_TZ, else UTC).
 */
export function parseCommandText(command: CommandName, raw: string, defaultZone = 'UTC'): Parsed {
  const text = raw.trim().replace(/\s+/g, ' ');
  switch (command) {
    case 'price':
      return text === '' ? fail('price', 'Which model?') : { ok: true, input: { command: 'price', query: text } };
    case 'top':
      return parseTop(text);
    case 'compare':
      return parseCompare(text);
    case 'brief':
      if (text === '' || text === 'preview') return { ok: true, input: { command: 'brief', post: false, force: false } };
      if (text === 'post' || text === 'post force') return { ok: true, input: { command: 'brief', post: true, force: text === 'post force' } };
      return fail('brief', `Unknown option "${text}".`);
    case 'alerts':
      return parseAlerts(text);
    case 'subscribe': {
      const parsed = parseSubscribeText(text, defaultZone);
      return parsed.ok ? { ok: true, input: { command: 'subscribe', schedule: parsed.schedule } } : { ok: false, error: parsed.error };
    }
    case 'unsubscribe':
    case 'status':
      return text === '' ? { ok: true, input: { command } } : fail(command, `/${command} takes no options; got "${text}".`);
    case 'chart':
      return parseChart(text);
  }
}

function parseChart(text: string): Parsed {
  const [kindText = '', weeksText, ...extra] = text === '' ? [] : text.toLowerCase().split(' ');
  if (kindText === '') return fail('chart', `Which chart? ${CHART_KINDS.join(' or ')}.`);
  if (!CHART_KINDS.includes(kindText as ChartKind)) return fail('chart', `Unknown chart "${kindText}". Charts: ${CHART_KINDS.join(', ')}.`);
  if (extra.length > 0) return fail('chart', `Give one number of weeks, not "${[weeksText, ...extra].join(' ')}".`);
  const weeks = weeksText === undefined ? DEFAULT_CHART_WEEKS : Number(weeksText);
  const problem = chartWeeksProblem(Number.isNaN(weeks) ? weeksText : weeks);
  if (problem) return fail('chart', problem);
  return { ok: true, input: { command: 'chart', kind: kindText as ChartKind, weeks } };
}

const COUNTRY_WORDS: Readonly<Record<string, string>> = {
  china: 'CN', chinese: 'CN', us: 'US', usa: 'US', american: 'US', america: 'US', france: 'FR', french: 'FR',
  unattributed: 'unattributed', stealth: 'unattributed',
};

function parseTop(text: string): Parsed {
  let n: number | null = null;
  let country: string | null = null;
  for (const word of text === '' ? [] : text.split(' ')) {
    const named = COUNTRY_WORDS[word.toLowerCase()] ?? (/^[a-z]{2}$/i.test(word) ? word.toUpperCase() : null);
    if (/^-?\d+(\.\d+)?$/.test(word)) {
      if (n !== null) return fail('top', `Give one number, not ${n} and ${word}.`);
      n = Number(word);
      const problem = topSizeProblem(n);
      if (problem) return fail('top', problem);
    } else if (named !== null) {
      if (country !== null) return fail('top', `Give one country, not ${country} and ${named}.`);
      country = named;
    } else {
      return fail('top', `"${word}" is neither a number nor a country code.`);
    }
  }
  return { ok: true, input: { command: 'top', n: n ?? 10, country } };
}

function parseCompare(text: string): Parsed {
  const quoted = [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]?.trim() ?? '');
  const parts =
    quoted.length === 2
      ? quoted
      : text.split(/\s+(?:vs\.?|versus|and)\s+|\s*[,|]\s*/i).map((p) => p.trim()).filter((p) => p !== '');
  const [a, b] = parts.length === 2 ? parts : parts.length === 1 && text.split(' ').length === 2 ? text.split(' ') : [];
  // "kimi vs" or "vs opus": a separator is not a model name.
  const isSeparator = (p: string | undefined) => p !== undefined && /^(vs\.?|versus|and)$/i.test(p);
  if (a === undefined || b === undefined || isSeparator(a) || isSeparator(b)) return fail('compare', 'Name two models, separated by "vs".');
  return { ok: true, input: { command: 'compare', a, b } };
}

function parseAlerts(text: string): Parsed {
  const [verb = '', ...rest] = text === '' ? [] : text.split(' ');
  const arg = rest.join(' ');
  const alerts = (action: AlertsAction): Parsed => ({ ok: true, input: { command: 'alerts', alerts: action } });
  switch (verb.toLowerCase()) {
    case '':
    case 'show':
      return alerts({ action: 'show' });
    case 'set': {
      const [nameText = '', valueText = '', ...extra] = rest;
      if (nameText === '') return fail('alerts', `Which threshold? One of ${THRESHOLD_NAMES.join(', ')}.`);
      if (nameText.toLowerCase() === 'charts') return parseChartsSwitch(valueText, extra);
      const name = thresholdName(nameText);
      if (!name) return fail('alerts', `Unknown threshold "${nameText}". Thresholds: ${THRESHOLD_NAMES.join(', ')}.`);
      const value = parseValue(valueText);
      if (valueText === '') return fail('alerts', `Which value for ${name}?`);
      if (value === null || extra.length > 0) return fail('alerts', `"${[valueText, ...extra].join(' ')}" is not a number (e.g. 40, 12.5, 100B, 2T).`);
      return alerts({ action: 'set', name, value });
    }
    case 'reset': {
      if (arg === '') return alerts({ action: 'reset', name: null });
      const name = thresholdName(arg);
      return name ? alerts({ action: 'reset', name }) : fail('alerts', `Unknown threshold "${arg}". Thresholds: ${THRESHOLD_NAMES.join(', ')}.`);
    }
    case 'on':
    case 'off':
      return arg === '' ? alerts({ action: 'switch', on: verb.toLowerCase() === 'on' }) : fail('alerts', `/alerts ${verb.toLowerCase()} takes nothing after it.`);
    case 'watch':
    case 'unwatch':
      if (arg === '') return fail('alerts', `Which model to ${verb.toLowerCase()}?`);
      return alerts({ action: verb.toLowerCase() as 'watch' | 'unwatch', model: arg });
    default:
      return fail('alerts', `Unknown subcommand "${verb}".`);
  }
}

/** `/alerts set charts on|off`: whether this channel's briefs carry a chart. */
function parseChartsSwitch(value: string, extra: string[]): Parsed {
  const on = CHART_SWITCH[value.toLowerCase()];
  if (value === '') return fail('alerts', 'Charts on or off?');
  if (on === undefined || extra.length > 0) return fail('alerts', `Charts are on or off, not "${[value, ...extra].join(' ')}".`);
  return { ok: true, input: { command: 'alerts', alerts: { action: 'charts', on } } };
}

const CHART_SWITCH: Readonly<Record<string, boolean>> = { on: true, off: false, yes: true, no: false, true: true, false: false };

/** Threshold names are matched loosely: `surge`, `surge_pct`, `SurgePct` all mean `surgePct`. */
export function thresholdName(text: string): ThresholdName | null {
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  return THRESHOLD_NAMES.find((name) => name.toLowerCase() === key || name.toLowerCase().replace(/pct|places$/, '') === key) ?? null;
}

/**
 * `40`, `12.5`, `40%`, `100B`, `1.5T`, `1e11`: token floors are easier to type with a suffix. Out-of-range
 * numbers (`-5`) are still numbers: the threshold schema rejects them and names the allowed range.
 */
export function parseValue(text: string): number | null {
  const match = /^(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*([kmbt%]?)$/i.exec(text.trim());
  if (!match) return null;
  const scale: Record<string, number> = { '': 1, '%': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
  return Number(match[1]) * (scale[(match[2] ?? '').toLowerCase()] ?? 1);
}
