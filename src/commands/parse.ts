import { CHART_KINDS, DEFAULT_CHART_WEEKS, isChartWeeks, MAX_CHART_WEEKS, MIN_CHART_WEEKS, type ChartKind } from '../core/charts.js';
import { THRESHOLD_NAMES, type ThresholdName } from '../core/thresholds.js';
import type { AlertsAction, CommandInput, CommandName } from '../core/input.js';
import type { InputError, InputProblem } from '../core/problems.js';
import { isTopSize, TOP_MAX } from './top.js';
import { parseSubscribeText } from './subscribe.js';

export type Parsed = { ok: true; input: CommandInput } | { ok: false; error: InputError };

/** One command's words read: its input, or what is wrong with them. */
type Read = { ok: true; input: CommandInput } | { ok: false; problem: InputProblem };

const fail = (problem: InputProblem): Read => ({ ok: false, problem });

/**
 * Parses the free text after a slash command (`/top 5 CN` → `{ command: 'top', n: 5, country: 'CN' }`).
 * `defaultZone` is the zone `/subscribe` takes when none is given (TOKENBRIEF_TZ, else UTC).
 */
export function parseCommandText(command: CommandName, raw: string, defaultZone = 'UTC'): Parsed {
  const read = readCommandText(command, raw.trim().replace(/\s+/g, ' '), defaultZone);
  return read.ok ? read : { ok: false, error: { command, problem: read.problem, defaultZone } };
}

function readCommandText(command: CommandName, text: string, defaultZone: string): Read {
  switch (command) {
    case 'price':
      return text === '' ? fail({ kind: 'no_model' }) : { ok: true, input: { command: 'price', query: text } };
    case 'top':
      return parseTop(text);
    case 'compare':
      return parseCompare(text);
    case 'brief':
      if (text === '' || text === 'preview') return { ok: true, input: { command: 'brief', post: false, force: false } };
      if (text === 'post' || text === 'post force') return { ok: true, input: { command: 'brief', post: true, force: text === 'post force' } };
      return fail({ kind: 'unknown_option', text });
    case 'alerts':
      return parseAlerts(text);
    case 'subscribe': {
      const parsed = parseSubscribeText(text, defaultZone);
      return parsed.ok ? { ok: true, input: { command: 'subscribe', schedule: parsed.schedule } } : fail(parsed.problem);
    }
    case 'unsubscribe':
    case 'status':
      return text === '' ? { ok: true, input: { command } } : fail({ kind: 'takes_nothing', command, text });
    case 'chart':
      return parseChart(text);
  }
}

function parseChart(text: string): Read {
  const [kindText = '', weeksText, ...extra] = text === '' ? [] : text.toLowerCase().split(' ');
  if (kindText === '') return fail({ kind: 'no_chart' });
  if (!CHART_KINDS.includes(kindText as ChartKind)) return fail({ kind: 'unknown_chart', text: kindText });
  if (extra.length > 0) return fail({ kind: 'one_weeks', text: [weeksText, ...extra].join(' ') });
  const weeks = weeksText === undefined ? DEFAULT_CHART_WEEKS : Number(weeksText);
  if (!isChartWeeks(weeks)) return fail({ kind: 'chart_weeks', got: Number.isNaN(weeks) ? (weeksText ?? '') : String(weeks), min: MIN_CHART_WEEKS, max: MAX_CHART_WEEKS });
  return { ok: true, input: { command: 'chart', kind: kindText as ChartKind, weeks } };
}

const COUNTRY_WORDS: Readonly<Record<string, string>> = {
  china: 'CN', chinese: 'CN', us: 'US', usa: 'US', american: 'US', america: 'US', france: 'FR', french: 'FR',
  unattributed: 'unattributed', stealth: 'unattributed',
};

function parseTop(text: string): Read {
  let n: number | null = null;
  let country: string | null = null;
  for (const word of text === '' ? [] : text.split(' ')) {
    const named = COUNTRY_WORDS[word.toLowerCase()] ?? (/^[a-z]{2}$/i.test(word) ? word.toUpperCase() : null);
    if (/^-?\d+(\.\d+)?$/.test(word)) {
      if (n !== null) return fail({ kind: 'given_twice', what: 'number', first: String(n), second: word });
      n = Number(word);
      if (!isTopSize(n)) return fail({ kind: 'top_size', got: String(n), max: TOP_MAX });
    } else if (named !== null) {
      if (country !== null) return fail({ kind: 'given_twice', what: 'country', first: country, second: named });
      country = named;
    } else {
      return fail({ kind: 'not_number_or_country', text: word });
    }
  }
  return { ok: true, input: { command: 'top', n: n ?? 10, country } };
}

function parseCompare(text: string): Read {
  const quoted = [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]?.trim() ?? '');
  const parts =
    quoted.length === 2
      ? quoted
      : text.split(/\s+(?:vs\.?|versus|and)\s+|\s*[,|]\s*/i).map((p) => p.trim()).filter((p) => p !== '');
  const [a, b] = parts.length === 2 ? parts : parts.length === 1 && text.split(' ').length === 2 ? text.split(' ') : [];
  // "kimi vs" or "vs opus": a separator is not a model name.
  const isSeparator = (p: string | undefined) => p !== undefined && /^(vs\.?|versus|and)$/i.test(p);
  if (a === undefined || b === undefined || isSeparator(a) || isSeparator(b)) return fail({ kind: 'two_models', vs: true });
  return { ok: true, input: { command: 'compare', a, b } };
}

function parseAlerts(text: string): Read {
  const [verb = '', ...rest] = text === '' ? [] : text.split(' ');
  const arg = rest.join(' ');
  const alerts = (action: AlertsAction): Read => ({ ok: true, input: { command: 'alerts', alerts: action } });
  switch (verb.toLowerCase()) {
    case '':
    case 'show':
      return alerts({ action: 'show' });
    case 'set': {
      const [nameText = '', valueText = '', ...extra] = rest;
      if (nameText === '') return fail({ kind: 'no_threshold' });
      if (nameText.toLowerCase() === 'charts') return parseChartsSwitch(valueText, extra);
      const name = thresholdName(nameText);
      if (!name) return fail({ kind: 'unknown_threshold', text: nameText });
      const value = parseValue(valueText);
      if (valueText === '') return fail({ kind: 'no_value', name });
      if (value === null || extra.length > 0) return fail({ kind: 'not_a_number', text: [valueText, ...extra].join(' ') });
      return alerts({ action: 'set', name, value });
    }
    case 'reset': {
      if (arg === '') return alerts({ action: 'reset', name: null });
      const name = thresholdName(arg);
      return name ? alerts({ action: 'reset', name }) : fail({ kind: 'unknown_threshold', text: arg });
    }
    case 'on':
    case 'off': {
      const on = verb.toLowerCase() === 'on';
      return arg === '' ? alerts({ action: 'switch', on }) : fail({ kind: 'switch_takes_nothing', on });
    }
    case 'watch':
    case 'unwatch': {
      const action = verb.toLowerCase() as 'watch' | 'unwatch';
      return arg === '' ? fail({ kind: 'no_watch_model', action }) : alerts({ action, model: arg });
    }
    default:
      return fail({ kind: 'unknown_subcommand', text: verb });
  }
}

/** `/alerts set charts on|off`: whether this channel's briefs carry a chart. */
function parseChartsSwitch(value: string, extra: string[]): Read {
  const on = CHART_SWITCH[value.toLowerCase()];
  if (value === '') return fail({ kind: 'no_charts_switch' });
  if (on === undefined || extra.length > 0) return fail({ kind: 'bad_charts_switch', text: [value, ...extra].join(' ') });
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
