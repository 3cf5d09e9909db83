import { parseArgs } from 'node:util';
import { parseCommandText } from '../commands/parse.js';
import { isTopSize } from '../commands/top.js';
import { CHART_KINDS, DEFAULT_CHART_WEEKS, isChartWeeks, MAX_CHART_WEEKS, MIN_CHART_WEEKS, type ChartKind } from '../core/charts.js';
import { TokenbriefError } from '../core/errors.js';
import type { CommandInput } from '../core/input.js';
import { isDay, parseIsoWeek } from '../core/week.js';
import { renderProblem } from '../render/problems.js';
import type { Day, IsoWeek } from '../core/types.js';
import { COMMAND_HELP, USAGE, type CliCommandName } from './help.js';

/** Bad usage or configuration: exit code 2 with a one-line reason. */
export class UsageError extends TokenbriefError {
  readonly code = 'usage';
}

export type Format = 'text' | 'slack' | 'discord' | 'json';
const FORMATS: readonly Format[] = ['text', 'slack', 'discord', 'json'];

/** Where a read command gets its data: an explicit source into a throwaway store, or the bot's database. */
export interface DataOptions {
  source: string | undefined;
  db: string | undefined;
  week: IsoWeek | undefined;
  format: Format;
}

export type Command =
  /**
   * brief, price, top, compare: the chat commands, parsed by the chat parser and run by the chat
   * runner. `chart`: brief's `--chart FILE.png`, where its share chart is written.
   */
  | { name: 'ask'; input: CommandInput; data: DataOptions; chart: string | undefined }
  | { name: 'chart'; data: DataOptions; kind: ChartKind; weeks: number; out: string }
  | { name: 'fetch'; record: string | undefined; db: string | undefined }
  | { name: 'backfill'; from: Day; to: Day | undefined; record: string | undefined; db: string | undefined }
  | { name: 'discord-register'; guild: string | undefined }
  | { name: 'migrate-store'; from: string; to: string | undefined }
  | { name: 'help'; text: string }
  | { name: 'version' };

interface Flag {
  type: 'string' | 'boolean';
  /** What the flag accepts, for errors: "an ISO week like 2026-W07". */
  accepts: string;
  short?: string;
}

const COMMON: Record<string, Flag> = {
  help: { type: 'boolean', short: 'h', accepts: 'no value' },
  version: { type: 'boolean', accepts: 'no value' },
};
const DATA_FLAGS: Record<string, Flag> = {
  source: { type: 'string', accepts: 'sample, openrouter or file:DIR' },
  db: { type: 'string', accepts: 'a SQLite database file' },
  week: { type: 'string', accepts: 'an ISO week like 2026-W07' },
  format: { type: 'string', accepts: FORMATS.join(', ') },
};
const PNG = 'a .png file to write';
const BRIEF_FLAGS: Record<string, Flag> = { ...DATA_FLAGS, chart: { type: 'string', accepts: PNG } };
const CHART_FLAGS: Record<string, Flag> = {
  source: DATA_FLAGS.source as Flag,
  db: DATA_FLAGS.db as Flag,
  week: DATA_FLAGS.week as Flag,
  weeks: { type: 'string', accepts: 'a whole number from 2 to 52' },
  out: { type: 'string', accepts: PNG },
};
const TOP_FLAGS: Record<string, Flag> = {
  ...DATA_FLAGS,
  n: { type: 'string', accepts: 'a whole number from 1 to 25' },
  country: { type: 'string', accepts: 'a two-letter country code (CN, US, FR…) or unattributed' },
};
const FETCH_FLAGS: Record<string, Flag> = {
  record: { type: 'string', accepts: 'a folder to record the raw responses to' },
  db: DATA_FLAGS.db as Flag,
};
const BACKFILL_FLAGS: Record<string, Flag> = {
  ...FETCH_FLAGS,
  from: { type: 'string', accepts: 'a date like 2026-02-09' },
  to: { type: 'string', accepts: 'a date like 2026-02-15' },
};
const DISCORD_FLAGS: Record<string, Flag> = { guild: { type: 'string', accepts: 'a server id (17 to 20 digits)' } };
const MIGRATE_FLAGS: Record<string, Flag> = {
  from: { type: 'string', accepts: 'a SQLite database file' },
  to: { type: 'string', accepts: 'a postgres://user:password@host:5432/database URL' },
};

const FLAGS: Readonly<Record<CliCommandName, Record<string, Flag>>> = {
  brief: BRIEF_FLAGS,
  chart: CHART_FLAGS,
  price: DATA_FLAGS,
  top: TOP_FLAGS,
  compare: DATA_FLAGS,
  fetch: FETCH_FLAGS,
  backfill: BACKFILL_FLAGS,
  'discord register': DISCORD_FLAGS,
  'migrate-store': MIGRATE_FLAGS,
};

export function parseCommand(argv: string[]): Command {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help', text: USAGE };
    case '--version':
    case '-v':
      return { name: 'version' };
    case 'brief':
    case 'price':
    case 'top':
    case 'compare':
      return ask(name, rest);
    case 'chart':
      return chartCommand(rest);
    case 'fetch': {
      const read = readFlags('fetch', rest);
      const { values } = read;
      const early = asked(read, 'fetch');
      if (early) return early;
      noPositionals(read.positionals, 'fetch');
      return { name: 'fetch', record: values.record, db: values.db };
    }
    case 'backfill': {
      const read = readFlags('backfill', rest);
      const { values } = read;
      const early = asked(read, 'backfill');
      if (early) return early;
      noPositionals(read.positionals, 'backfill');
      if (values.from === undefined) throw usage('backfill', 'backfill needs --from YYYY-MM-DD');
      const from = day(values.from, 'from');
      const to = values.to === undefined ? undefined : day(values.to, 'to');
      if (to !== undefined && to < from) throw usage('backfill', `--to ${to} is before --from ${from}`);
      return { name: 'backfill', from, to, record: values.record, db: values.db };
    }
    case 'discord': {
      const [action, ...options] = rest;
      if (action === '--help' || action === '-h') return { name: 'help', text: COMMAND_HELP['discord register'] };
      if (action !== 'register') throw usage('discord register', `unknown discord command '${action ?? ''}'`);
      const read = readFlags('discord register', options);
      const { values } = read;
      const early = asked(read, 'discord register');
      if (early) return early;
      noPositionals(read.positionals, 'discord register');
      // Discord ids are snowflakes: 17 to 20 digits.
      if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) throw flagProblem('discord register', 'guild', values.guild);
      return { name: 'discord-register', guild: values.guild };
    }
    case 'migrate-store': {
      const read = readFlags('migrate-store', rest);
      const early = asked(read, 'migrate-store');
      if (early) return early;
      noPositionals(read.positionals, 'migrate-store');
      if (read.values.from === undefined) throw usage('migrate-store', 'migrate-store needs --from PATH (the SQLite database file)');
      return { name: 'migrate-store', from: read.values.from, to: read.values.to };
    }
    default:
      throw new UsageError(
        `unknown command '${name}'; the commands are brief, chart, price, top, compare, fetch, backfill, discord register and migrate-store (tokenbrief --help)`,
      );
  }
}

/**
 * The chat commands take the chat syntax (`top 5 CN`, `compare kimi vs opus`) through the chat
 * parser, so the CLI and the chat apps cannot drift apart; the flags only add what chat lacks.
 */
function ask(name: 'brief' | 'price' | 'top' | 'compare', args: string[]): Command {
  const read = readFlags(name, args);
  const { values, positionals } = read;
  const early = asked(read, name);
  if (early) return early;
  const data = dataOptions(values, name);
  const parsed = parseCommandText(name, chatText(name, positionals, values));
  if (!parsed.ok) throw usage(name, renderProblem(parsed.error.problem, 'text'));
  if (parsed.input.command === 'brief' && parsed.input.post) {
    throw usage(name, 'posting the brief is done from Slack or Discord (/brief post)');
  }
  return { name: 'ask', input: parsed.input, data, chart: pngPath(name, 'chart', values.chart) };
}

/** `chart share|top --out FILE.png`: the chart written as a file (chat's /chart posts it instead, and has no --week). */
function chartCommand(args: string[]): Command {
  const read = readFlags('chart', args);
  const { values, positionals } = read;
  const early = asked(read, 'chart');
  if (early) return early;
  const [kind, ...extra] = positionals;
  if (!CHART_KINDS.includes(kind as ChartKind) || extra.length > 0) {
    throw usage('chart', `chart needs one kind, ${CHART_KINDS.join(' or ')}: \`tokenbrief chart share --out share.png\``);
  }
  const out = pngPath('chart', 'out', values.out);
  if (out === undefined) throw usage('chart', 'chart needs --out FILE.png (where to write the image)');
  const weeks = values.weeks === undefined ? DEFAULT_CHART_WEEKS : /^-?\d+(\.\d+)?$/.test(values.weeks) ? Number(values.weeks) : values.weeks;
  if (!isChartWeeks(weeks)) throw usage('chart', `--${renderProblem({ kind: 'chart_weeks', got: String(weeks), min: MIN_CHART_WEEKS, max: MAX_CHART_WEEKS }, 'text')}`);
  return { name: 'chart', data: dataOptions(values, 'chart'), kind: kind as ChartKind, weeks, out };
}

/** A PNG is written there: a name without `.png` is most likely a slip (`--out share` meant `share.png`). */
function pngPath(command: CliCommandName, flag: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  if (!/\.png$/i.test(path)) throw usage(command, `--${flag} must name a .png file, got '${path}'`);
  return path;
}

function chatText(name: 'brief' | 'price' | 'top' | 'compare', positionals: string[], values: Values): string {
  if (name === 'top') {
    if (values.n !== undefined) {
      const n = /^-?\d+(\.\d+)?$/.test(values.n) ? Number(values.n) : values.n;
      if (!isTopSize(n)) throw flagProblem('top', 'n', values.n);
    }
    if (values.country !== undefined && !isCountry(values.country)) throw flagProblem('top', 'country', values.country);
    return [...positionals, values.n, values.country].filter((word) => word !== undefined).join(' ');
  }
  // The shell already split `compare kimi "claude opus"` into the two names.
  if (name === 'compare' && positionals.length === 2 && !positionals.some((p) => /^(vs\.?|versus|and)$/i.test(p))) {
    return positionals.join(' vs ');
  }
  return positionals.join(' ');
}

/** A country as `/top` takes one (CN, china, unattributed…): the chat parser decides. */
function isCountry(text: string): boolean {
  const parsed = parseCommandText('top', text);
  return parsed.ok && parsed.input.command === 'top' && parsed.input.country !== null && !/\s/.test(text.trim());
}

type Values = Record<string, string | undefined>;

interface Read {
  values: Values;
  /** Boolean flags given: help, version. */
  switches: ReadonlySet<string>;
  positionals: string[];
}

/**
 * node:util's parseArgs reads the arguments (tokens, not strict); the checks and every message are
 * ours, so an error names the flag and what it accepts in one line, and `--n -3` is a value, not an
 * "ambiguous" option.
 */
function readFlags(command: CliCommandName, args: string[]): Read {
  const flags = { ...FLAGS[command], ...COMMON };
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => [name, flag.short ? { type: flag.type, short: flag.short } : { type: flag.type }]),
  );
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  const values: Values = {};
  const switches = new Set<string>();
  const positionals: string[] = [];
  const seen = new Set<number>();
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option' || seen.has(token.index)) continue;
    seen.add(token.index);
    // A negative number is an argument (`top -3`), which the chat parser then judges.
    if (/^-\d/.test(args[token.index] ?? '')) {
      positionals.push(args[token.index] ?? '');
      continue;
    }
    const flag = flags[token.name];
    if (!flag) {
      const known = Object.keys(FLAGS[command]).map((f) => `--${f}`);
      const takes = known.length === 0 ? 'no options' : `only ${known.join(', ')}`;
      throw usage(command, `unknown option ${token.rawName}: ${command} takes ${takes}`);
    }
    if (flag.type === 'boolean') {
      if (token.value !== undefined) throw usage(command, `${token.rawName} takes no value`);
      switches.add(token.name);
    } else {
      if (token.value === undefined || token.value === '') throw usage(command, `--${token.name} needs a value: ${flag.accepts}`);
      values[token.name] = token.value;
    }
  }
  return { values, switches, positionals };
}

/** `--help` / `--version` anywhere after a command answer at once, whatever else is on the line. */
function asked(read: Read, command: CliCommandName): Command | null {
  if (read.switches.has('help')) return { name: 'help', text: COMMAND_HELP[command] };
  if (read.switches.has('version')) return { name: 'version' };
  return null;
}

function usage(command: CliCommandName, problem: string): UsageError {
  const line = COMMAND_HELP[command].split('\n')[0] ?? '';
  return new UsageError(`${/[.?!]$/.test(problem) ? problem : `${problem}.`} ${line}`);
}

function flagProblem(command: CliCommandName, name: string, got: string): UsageError {
  return usage(command, `--${name} must be ${FLAGS[command][name]?.accepts ?? 'something else'}, got '${got}'`);
}

function noPositionals(positionals: string[], command: CliCommandName): void {
  if (positionals.length > 0) throw usage(command, `${command} takes no arguments, got '${positionals.join(' ')}'`);
}

function dataOptions(values: Values, command: CliCommandName): DataOptions {
  let week: IsoWeek | undefined;
  if (values.week !== undefined) {
    const parsed = parseIsoWeek(values.week);
    if (!parsed) throw flagProblem(command, 'week', values.week);
    week = parsed;
  }
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format as Format)) throw flagProblem(command, 'format', format);
  const source = values.source;
  if (source !== undefined && source !== 'sample' && source !== 'openrouter' && !(source.startsWith('file:') && source.length > 5)) {
    throw flagProblem(command, 'source', source);
  }
  return { source, db: values.db, week, format: format as Format };
}

function day(text: string, flag: 'from' | 'to'): Day {
  if (!isDay(text)) throw flagProblem('backfill', flag, text);
  return text;
}
