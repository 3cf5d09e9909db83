import { writeFile } from 'node:fs/promises';
import type { ChartImage, ChartRenderer } from '../core/ports/charts.js';
import { CountryMapError, loadCountryMap } from '../adapters/source/country-map.js';
import { SourceError } from '../core/ports/source.js';
import { UnknownSourceError } from '../adapters/source/index.js';
import { copySqliteToPostgres } from '../adapters/store/copy-to-postgres.js';
import { SourceConflictError, type Store } from '../core/ports/store.js';
import { compareAnswer } from '../commands/compare.js';
import { priceAnswer } from '../commands/price.js';
import { topAnswer } from '../commands/top.js';
import { databasePathFor, describeDatabase, redactUrl, type Config } from '../config.js';
import { NoDataError, TokenbriefError } from '../core/errors.js';
import { DEFAULT_CHART_WEEKS, type ChartData } from '../core/charts.js';
import { DEFAULT_THRESHOLDS } from '../core/thresholds.js';
import type { CountryMap } from '../core/types.js';
import { addDays } from '../core/week.js';
import { buildBrief } from '../jobs/brief.js';
import { loadChart } from '../jobs/chart.js';
import { ingest, refreshRange, type GateReport } from '../jobs/ingest.js';
import { loadMarketWeek } from '../jobs/week.js';
import type { Logger } from '../core/ports/logger.js';
import { answerToJson } from '../render/answer-json.js';
import { renderAnswer } from '../render/answers.js';
import { renderBrief } from '../render/brief.js';
import { configure, makeSource, openStore, type SourceDeadlines } from '../wiring.js';
import { renderChartText } from '../render/templates.js';
import { parseCommand, USAGE, UsageError, type Command, type DataOptions } from './args.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now: () => Date;
  /** How the live source waits (pacing, backoff); tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** The live source's deadlines; tests shorten them. */
  deadlines?: SourceDeadlines;
  /** Draws charts; the real renderer unless a test passes one. */
  renderChart?: ChartRenderer;
}

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 runtime failure, 2 bad usage or config. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tokenbrief: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (command.name === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const configured = configure(io.env, io.stderr);
  if (!configured) return 2;
  const { config, logger } = configured;
  try {
    const countries = loadCountryMap(config.countryMapPath);
    await execute(command, { config, logger, countries, io });
    return 0;
  } catch (error) {
    return reportFailure(error, io, logger);
  }
}

interface Context {
  config: Config;
  logger: Logger;
  countries: CountryMap;
  io: CliIo;
}

async function execute(command: Exclude<Command, { name: 'help' }>, ctx: Context): Promise<void> {
  switch (command.name) {
    case 'brief':
      return withData(command.data, ctx, async (store) => {
        const brief = await buildBrief(store, {
          week: command.data.week,
          countries: ctx.countries,
          thresholds: DEFAULT_THRESHOLDS,
        });
        ctx.io.stdout(`${renderBrief(brief, command.data.format)}\n`);
        if (command.chart === undefined) return;
        // The brief is out whatever happens to its chart; a chart that fails is reported, and the exit code says so.
        const chart = await loadChart(store, { kind: 'share', week: brief.market.week, weeks: DEFAULT_CHART_WEEKS, countries: ctx.countries });
        ctx.io.stderr(`${await writeChart(await drawChart(chart, ctx), command.chart)}\n`);
      });
    case 'chart':
      return withData(command.data, ctx, async (store) => {
        const chart = await loadChart(store, { kind: command.kind, week: command.data.week, weeks: command.weeks, countries: ctx.countries });
        ctx.io.stdout(`${await writeChart(await drawChart(chart, ctx), command.out)}\n`);
      });
    case 'price':
      return withData(command.data, ctx, async (store) => {
        const data = await loadMarketWeek(store, { week: command.data.week, countries: ctx.countries });
        printAnswer(priceAnswer(data, command.query), command.data, ctx);
      });
    case 'top':
      return withData(command.data, ctx, async (store) => {
        const data = await loadMarketWeek(store, { week: command.data.week, countries: ctx.countries });
        printAnswer(topAnswer(data, { n: command.n, country: command.country }), command.data, ctx);
      });
    case 'compare':
      return withData(command.data, ctx, async (store) => {
        const data = await loadMarketWeek(store, { week: command.data.week, countries: ctx.countries });
        printAnswer(compareAnswer(data, command.a, command.b), command.data, ctx);
      });
    case 'fetch':
    case 'backfill':
      return fetchLive(command, ctx);
    case 'discord-register':
      return registerDiscord(command, ctx);
    case 'migrate-store':
      return migrateStore(command, ctx);
  }
}

async function migrateStore(command: Extract<Command, { name: 'migrate-store' }>, ctx: Context): Promise<void> {
  const to = command.to ?? ctx.config.databaseUrl;
  if (to === undefined) throw new UsageError('migrate-store needs --to postgres://… or DATABASE_URL set');
  if (!/^postgres(ql)?:\/\//.test(to)) throw new UsageError('--to must be a postgres://user:password@host:5432/database URL');
  const counts = await copySqliteToPostgres(command.from, to);
  const copied = Object.entries(counts).map(([table, rows]) => `${table} ${rows}`).join(', ');
  ctx.io.stdout(`copied ${command.from} to ${redactUrl(to)}, rows per table: ${copied}\n`);
}

async function registerDiscord(command: Extract<Command, { name: 'discord-register' }>, ctx: Context): Promise<void> {
  if (!ctx.config.discord) throw new UsageError('discord register needs DISCORD_TOKEN (the bot token from the Discord Developer Portal)');
  // Loaded on demand: discord.js is heavy, and no other command needs it.
  const { registerCommands } = await import('../adapters/discord/register.js');
  const done = await registerCommands({ config: ctx.config.discord, countries: ctx.countries, guildId: command.guild });
  const where = done.guildId ? `in server ${done.guildId} (available now)` : 'globally (every server the bot is in)';
  ctx.io.stdout(`registered ${done.commands.map((name) => `/${name}`).join(', ')} for ${done.applicationName} (${done.applicationId}) ${where}\n`);
}

/** A chart could not be drawn or written. */
class ChartError extends TokenbriefError {
  readonly code = 'chart_failed';
}

async function drawChart(chart: ChartData, ctx: Context): Promise<ChartImage> {
  // Loaded on demand: the chart stack (Vega, resvg) is heavy, and only charts need it.
  const render = ctx.io.renderChart ?? (await import('../adapters/chart/render.js')).renderChart;
  try {
    return await render(chart);
  } catch (error) {
    // Reported on stderr by the caller; the stack only at debug level, as for any CLI failure.
    ctx.logger.debug({ err: error, chart: chart.kind, week: chart.week }, 'chart rendering failed');
    throw new ChartError(`could not draw the ${chart.kind} chart: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Writes the PNG and says what was written (the alt text describes it). */
async function writeChart(image: ChartImage, path: string): Promise<string> {
  try {
    await writeFile(path, image.png);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (error as Error).message;
    throw new ChartError(`cannot write ${path}: ${reason}`, { cause: error });
  }
  return renderChartText('written', { file: path, width: image.width, height: image.height, alt: image.alt });
}

/** A command could not answer (e.g. no model of that country this week): a runtime failure, exit 1. */
class AnswerError extends TokenbriefError {
  readonly code = 'no_answer';
}

function printAnswer(answer: Parameters<typeof renderAnswer>[0], options: DataOptions, ctx: Context): void {
  if (answer.kind === 'error') throw new AnswerError(answer.message);
  const out = options.format === 'json' ? JSON.stringify(answerToJson(answer), null, 2) : renderAnswer(answer, options.format);
  ctx.io.stdout(`${out}\n`);
}

/**
 * Read commands: with an explicit --source the data goes into a throwaway in-memory store (unless
 * --db is given), so a CLI experiment never touches the bot's database; without one they read the
 * bot's database as the bot would.
 */
async function withData(options: DataOptions, ctx: Context, run: (store: Store) => Promise<void>): Promise<void> {
  const throwaway = options.db ?? (options.source ? ':memory:' : undefined);
  const store = await openChosenStore(throwaway, ctx.config);
  try {
    if (options.source) {
      const source = makeSource(options.source, ctx.config, ctx.logger, { sleep: ctx.io.sleep, now: ctx.io.now, deadlines: ctx.io.deadlines });
      reportGates((await ingest(source, store, ctx.logger, { now: ctx.io.now })).gates, ctx.io.stderr);
    }
    await run(store);
  } finally {
    await store.close();
  }
}

/** An explicit SQLite file (`--db`, or `:memory:` for a throwaway store), else the bot's own store (DATABASE_URL or DATABASE_PATH). */
function openChosenStore(explicit: string | undefined, config: Config, sqlitePath = config.databasePath): Promise<Store> {
  return explicit === undefined ? openStore(sqlitePath, config.databaseUrl) : openStore(explicit);
}

async function fetchLive(command: Extract<Command, { name: 'fetch' | 'backfill' }>, ctx: Context): Promise<void> {
  // Recording alone validates and writes files; it touches a database only when --db asks for one.
  const explicit = command.db ?? (command.record ? ':memory:' : undefined);
  const store = await openChosenStore(explicit, ctx.config, databasePathFor(ctx.config, 'openrouter'));
  try {
    const backfill = command.name === 'backfill';
    const source = makeSource('openrouter', ctx.config, ctx.logger, {
      sleep: ctx.io.sleep,
      now: ctx.io.now,
      recordDir: command.record,
      // A backfill keeps going through long rate-limit waits, saying so; a fetch gives up at its deadline.
      deadlines: { ...ctx.io.deadlines, ...(backfill ? { budgetMs: Number.POSITIVE_INFINITY } : {}) },
      progress: backfill ? (message) => ctx.io.stderr(`tokenbrief: ${message}\n`) : undefined,
    });
    const today = ctx.io.now().toISOString().slice(0, 10);
    const range = backfill ? { start: command.from, end: command.to ?? addDays(today, -1) } : await refreshRange(store, today);
    const summary = await ingest(source, store, ctx.logger, { range, now: ctx.io.now });
    const where = command.record ? `recorded to ${command.record}` : `stored in ${explicit ?? (ctx.config.databaseUrl === undefined ? databasePathFor(ctx.config, 'openrouter') : describeDatabase(ctx.config))}`;
    ctx.io.stdout(
      `fetched ${summary.inserted + summary.restated + summary.unchanged} usage rows (${summary.inserted} new, ${summary.restated} revised, ${summary.dropped} dropped) and ${summary.snapshots} catalog snapshot(s); ${where}\n`,
    );
    reportGates(summary.gates, ctx.io.stdout);
  } finally {
    await store.close();
  }
}

/** One line per gate that held something back, so a user sees what was not trusted and why. */
function reportGates(gates: GateReport, write: (text: string) => void): void {
  const lines = [
    ...gates.futureBatches.map((b) => `refused the usage batch ${b.startDate}..${b.endDate}: its as_of ${b.asOf} is in the future`),
    ...(gates.outOfRangeRows > 0 ? [`dropped ${gates.outOfRangeRows} usage row(s) with tokens out of range`] : []),
    ...(gates.outOfRangeModels > 0 ? [`dropped out-of-range prices of ${gates.outOfRangeModels} catalog model(s) (shown as not listed)`] : []),
    ...gates.suspectCatalogs.map((c) => `kept the catalog of ${c.fetchedOn} aside as suspect: it ${c.reason}`),
    ...gates.thinDays.map((d) => `${d.day} holds ${d.rows} row(s), usually about ${Math.round(d.usual)}: marked incomplete`),
    ...gates.hugeRestatements.map((r) => `${r.permaslug} on ${r.date} was restated from ${r.fromTokens} to ${r.toTokens} tokens`),
  ];
  for (const line of lines) write(`gate: ${line}\n`);
}

/** Known failures get one readable line; anything else too, with the stack only at debug level. */
function reportFailure(error: unknown, io: CliIo, logger: Logger): number {
  if (error instanceof UnknownSourceError || error instanceof UsageError) {
    io.stderr(`tokenbrief: ${error.message}\n`);
    return 2;
  }
  const known =
    error instanceof SourceError ||
    error instanceof SourceConflictError ||
    error instanceof NoDataError ||
    error instanceof CountryMapError ||
    error instanceof AnswerError ||
    error instanceof ChartError;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`tokenbrief: ${message}\n`);
  if (!known) logger.debug({ err: error }, 'unexpected failure');
  return 1;
}
