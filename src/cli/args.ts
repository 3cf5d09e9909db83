import { parseArgs } from 'node:util';
import { TokenbriefError } from '../core/errors.js';
import { isDay, parseIsoWeek } from '../core/week.js';
import { topSizeProblem } from '../commands/top.js';
import { CHART_KINDS, chartWeeksProblem, DEFAULT_CHART_WEEKS, type ChartKind } from '../core/charts.js';
import type { Day, IsoWeek } from '../core/types.js';

/** Bad usage: exit code 2 with a one-line reason. */
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
  | { name: 'brief'; data: DataOptions; chart: string | undefined }
  | { name: 'chart'; data: DataOptions; kind: ChartKind; weeks: number; out: string }
  | { name: 'price'; data: DataOptions; query: string }
  | { name: 'top'; data: DataOptions; n: number; country: string | undefined }
  | { name: 'compare'; data: DataOptions; a: string; b: string }
  | { name: 'fetch'; record: string | undefined; db: string | undefined }
  | { name: 'backfill'; from: Day; to: Day | undefined; record: string | undefined; db: string | undefined }
  | { name: 'discord-register'; guild: string | undefined }
  | { name: 'migrate-store'; from: string; to: string | undefined }
  | { name: 'help' };

const DATA_FLAGS = {
  source: { type: 'string' },
  db: { type: 'string' },
  week: { type: 'string' },
  format: { type: 'string' },
} as const;

export const USAGE = `Usage: tokenbrief <command> [options]

Commands:
  brief [--week 2026-W07] [--chart FILE.png]
                                     the weekly brief (default: the latest complete week); --chart also
                                     writes its share chart as a PNG
  chart share|top --out FILE.png [--weeks 12]
                                     a chart as a PNG: share = weekly token share by country bloc over
                                     --weeks weeks (2 to 52, default 12); top = the week's top 10 models
  price <model…>                     a model's price, rank and usage (e.g. price kimi)
  top [--n 10] [--country CN]        this week's top models
  compare <model> <model>            two models side by side (quote names with spaces)
  fetch [--record DIR]               fetch the latest data from OpenRouter (into the database, or record to DIR)
  backfill --from YYYY-MM-DD [--to YYYY-MM-DD] [--record DIR]
                                     fetch a date range from OpenRouter
  discord register [--guild ID]      register the Discord slash commands (all servers; --guild: one server, at once)
  migrate-store --from PATH [--to URL]
                                     copy a SQLite store into an empty PostgreSQL one (default --to: DATABASE_URL)

Options for brief, chart, price, top and compare:
  --source sample|openrouter|file:DIR   read this source into a throwaway store (default: the bot's database)
  --db PATH                             use this SQLite database
  --format text|slack|discord|json      output format (default: text)
  --week YYYY-Www                       ISO week (Monday–Sunday, UTC)`;

export function parseCommand(argv: string[]): Command {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'brief': {
      const { values, positionals } = parse(rest, { ...DATA_FLAGS, chart: { type: 'string' } });
      noPositionals(positionals, 'brief');
      return { name: 'brief', data: dataOptions(values), chart: pngPath(values.chart, '--chart') };
    }
    case 'chart':
      return chartCommand(rest);
    case 'price': {
      const { values, positionals } = parse(rest, DATA_FLAGS);
      const query = positionals.join(' ').trim();
      if (query === '') throw new UsageError('price needs a model name, e.g. `tokenbrief price kimi`');
      return { name: 'price', data: dataOptions(values), query };
    }
    case 'top': {
      const { values, positionals } = parse(rest, { ...DATA_FLAGS, n: { type: 'string' }, country: { type: 'string' } });
      noPositionals(positionals, 'top');
      const n = values.n === undefined ? 10 : Number(values.n);
      const problem = topSizeProblem(n);
      if (problem) throw new UsageError(`--${problem}`);
      return { name: 'top', data: dataOptions(values), n, country: values.country };
    }
    case 'compare': {
      const { values, positionals } = parse(rest, DATA_FLAGS);
      const [a, b, ...extra] = positionals;
      if (a === undefined || b === undefined || extra.length > 0) {
        throw new UsageError('compare needs exactly two models; quote names with spaces: `tokenbrief compare kimi "claude opus"`');
      }
      return { name: 'compare', data: dataOptions(values), a, b };
    }
    case 'fetch': {
      const { values, positionals } = parse(rest, { record: { type: 'string' }, db: { type: 'string' } });
      noPositionals(positionals, 'fetch');
      return { name: 'fetch', record: values.record, db: values.db };
    }
    case 'backfill': {
      const { values, positionals } = parse(rest, {
        from: { type: 'string' },
        to: { type: 'string' },
        record: { type: 'string' },
        db: { type: 'string' },
      });
      noPositionals(positionals, 'backfill');
      if (values.from === undefined) throw new UsageError('backfill needs --from YYYY-MM-DD');
      const from = day(values.from, '--from');
      const to = values.to === undefined ? undefined : day(values.to, '--to');
      if (to !== undefined && to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
      return { name: 'backfill', from, to, record: values.record, db: values.db };
    }
    case 'discord': {
      const [action, ...options] = rest;
      if (action !== 'register') throw new UsageError(`unknown discord command '${action ?? ''}' (try: discord register [--guild ID])`);
      const { values, positionals } = parse(options, { guild: { type: 'string' } });
      noPositionals(positionals, 'discord register');
      // Discord ids are snowflakes: 17 to 20 digits.
      if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) throw new UsageError(`--guild must be a server id (17 to 20 digits), got '${values.guild}'`);
      return { name: 'discord-register', guild: values.guild };
    }
    case 'migrate-store': {
      const { values, positionals } = parse(rest, { from: { type: 'string' }, to: { type: 'string' } });
      noPositionals(positionals, 'migrate-store');
      if (values.from === undefined) throw new UsageError('migrate-store needs --from PATH (the SQLite database file)');
      return { name: 'migrate-store', from: values.from, to: values.to };
    }
    default:
      throw new UsageError(`unknown command '${name}' (try: brief, chart, price, top, compare, fetch, backfill, discord register, migrate-store)`);
  }
}

type Flags = Record<string, { type: 'string' }>;

function parse<T extends Flags>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages are already one readable line ("Unknown option '--wek'").
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function noPositionals(positionals: string[], command: string): void {
  if (positionals.length > 0) throw new UsageError(`${command} takes no arguments, got '${positionals.join(' ')}'`);
}

function dataOptions(values: { source?: string; db?: string; week?: string; format?: string }): DataOptions {
  let week: IsoWeek | undefined;
  if (values.week !== undefined) {
    const parsed = parseIsoWeek(values.week);
    if (!parsed) throw new UsageError(`bad week '${values.week}': use an ISO week like 2026-W07`);
    week = parsed;
  }
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format as Format)) throw new UsageError(`unknown format '${format}': use ${FORMATS.join(', ')}`);
  const source = values.source;
  if (source !== undefined && source !== 'sample' && source !== 'openrouter' && !(source.startsWith('file:') && source.length > 5)) {
    throw new UsageError(`unknown source '${source}': use sample, openrouter or file:DIR`);
  }
  return { source, db: values.db, week, format: format as Format };
}

function chartCommand(args: string[]): Command {
  const { values, positionals } = parse(args, { source: DATA_FLAGS.source, db: DATA_FLAGS.db, week: DATA_FLAGS.week, weeks: { type: 'string' }, out: { type: 'string' } });
  const [kind, ...extra] = positionals;
  if (!CHART_KINDS.includes(kind as ChartKind) || extra.length > 0) {
    throw new UsageError(`chart needs one kind, ${CHART_KINDS.join(' or ')}: \`tokenbrief chart share --out share.png\``);
  }
  const out = pngPath(values.out, '--out');
  if (out === undefined) throw new UsageError('chart needs --out FILE.png (where to write the image)');
  const weeks = values.weeks === undefined ? DEFAULT_CHART_WEEKS : Number(values.weeks);
  const problem = chartWeeksProblem(weeks);
  if (problem) throw new UsageError(`--${problem}`);
  return { name: 'chart', data: dataOptions(values), kind: kind as ChartKind, weeks, out };
}

/** A PNG is written there: a name without `.png` is most likely a slip (`--out share` meant `share.png`). */
function pngPath(path: string | undefined, flag: string): string | undefined {
  if (path === undefined) return undefined;
  if (!/\.png$/i.test(path)) throw new UsageError(`${flag} must name a .png file, got '${path}'`);
  return path;
}

function day(text: string, flag: string): Day {
  if (!isDay(text)) throw new UsageError(`${flag} must be a date like 2026-02-09, got '${text}'`);
  return text;
}
