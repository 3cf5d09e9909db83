import { writeFile } from 'node:fs/promises';
import type { ChartImage, ChartRenderer } from '../core/ports/charts.js';
import { CountryMapError, loadCountryMap } from '../adapters/source/country-map.js';
import { MISSING_KEY } from '../adapters/source/openrouter.js';
import { SourceError } from '../core/ports/source.js';
import { UnknownSourceError } from '../adapters/source/index.js';
import { copySqliteToPostgres } from '../adapters/store/copy-to-postgres.js';
import { StoreOpenError } from '../adapters/store/sqlite.js';
import type { ChannelRef } from '../core/channel.js';
import type { ChannelStore } from '../core/ports/channels.js';
import type { BriefPoster } from '../core/ports/poster.js';
import { SourceConflictError, type Store } from '../core/ports/store.js';
import { isChatOnlyReply } from '../core/reply.js';
import { runCommand, type CommandDeps } from '../commands/run.js';
import { databasePathFor, describeDatabase, redactUrl, type Config } from '../config.js';
import { NoDataError, TokenbriefError } from '../core/errors.js';
import { DEFAULT_CHART_WEEKS, type ChartData } from '../core/charts.js';
import type { CountryMap, Day } from '../core/types.js';
import { addDays } from '../core/week.js';
import { createChartReader, loadChart } from '../jobs/chart.js';
import { ingest, refreshRange, type GateReport, type IngestSummary } from '../jobs/ingest.js';
import { createWeekReader } from '../jobs/week.js';
import type { Logger } from '../core/ports/logger.js';
import { answerToJson } from '../render/answer-json.js';
import { renderAnswer } from '../render/answers.js';
import { renderBrief } from '../render/brief.js';
import { renderNoData } from '../render/failures.js';
import { renderProblem } from '../render/problems.js';
import { configure, makeSource, openStore, type SourceDeadlines } from '../wiring.js';
import { renderChartText } from '../render/templates.js';
import { parseCommand, UsageError, type Command, type DataOptions } from './args.js';
import { packageVersion } from './version.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now: () => Date;
  /** How the live source waits (pacing, backoff); tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** The env file to read settings from (`.env` for the real process); variables in `env` win. */
  envFile?: string;
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
    io.stdout(`${command.text}\n`);
    return 0;
  }
  if (command.name === 'version') {
    io.stdout(`tokenbrief ${packageVersion()}\n`);
    return 0;
  }
  const configured = configure(io.env, io.stderr, io.envFile);
  if (!configured) return 2;
  const { config, logger } = configured;
  try {
    const countries = loadCountryMap(config.countryMapPath);
    return await execute(command, { config, logger, countries, io });
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

async function execute(command: Exclude<Command, { name: 'help' | 'version' }>, ctx: Context): Promise<number> {
  switch (command.name) {
    case 'ask':
      return withData(command.data, ctx, (store) => ask(command, store, ctx));
    case 'chart':
      return withData(command.data, ctx, async (store) => {
        const chart = await loadChart(store, { kind: command.kind, week: command.data.week, weeks: command.weeks, countries: ctx.countries });
        ctx.io.stdout(`${await writeChart(await drawChart(chart, ctx), command.out)}
`);
        return 0;
      });
    case 'fetch':
    case 'backfill':
      await fetchLive(command, ctx);
      return 0;
    case 'discord-register':
      await registerDiscord(command, ctx);
      return 0;
    case 'migrate-store':
      await migrateStore(command, ctx);
      return 0;
  }
}

/** The CLI is no channel: it reads the defaults, and keeps no settings. */
const NO_CHANNEL_SETTINGS: ChannelStore = {
  channelSettings: async () => null,
  updateChannelSettings: () => Promise.reject(new Error('the CLI keeps no channel settings')),
};
/** Never looked up in a store: NO_CHANNEL_SETTINGS answers every channel with the defaults. */
const CLI_CHANNEL: ChannelRef = { platform: 'slack', workspace: 'cli', channel: 'cli' };

/** The CLI posts into no channel: `/brief post` and the scheduler's commands are chat-only (the parser refuses them first). */
const chatOnly = (): Promise<never> => Promise.reject(new Error('the CLI posts into no chat channel'));
const NO_POSTER: BriefPoster = { platform: 'slack', post: chatOnly, postNotice: chatOnly, findPosted: chatOnly, notifyUser: chatOnly };

/**
 * The chat commands run through the chat apps' runner, as a channel nobody configured: default
 * thresholds, no watchlist, never admin. An answer that could not be given (no match, no such
 * country this week) is printed like any answer and exits 1.
 */
async function ask(command: Extract<Command, { name: 'ask' }>, store: Store, ctx: Context): Promise<number> {
  const { format } = command.data;
  const deps: CommandDeps = {
    weeks: createWeekReader(store, ctx.countries),
    channels: NO_CHANNEL_SETTINGS,
    charts: createChartReader(store, ctx.countries),
    catalogs: store,
    schedule: store,
    defaultZone: ctx.config.schedule.defaultZone,
    now: ctx.io.now,
  };
  const reply = await runCommand(deps, command.input, {
    channel: CLI_CHANNEL,
    userId: 'cli',
    isAdmin: async () => false,
    week: command.data.week,
    poster: NO_POSTER,
    renderChart: chatOnly,
    logger: ctx.logger,
  });
  // The CLI offers none of the chat-only commands through the runner.
  if (isChatOnlyReply(reply)) throw new Error(`unexpected ${reply.kind} reply to ${command.input.command}`);
  switch (reply.kind) {
    case 'brief_preview': {
      ctx.io.stdout(`${renderBrief(reply.brief, format)}\n`);
      if (command.chart === undefined) return 0;
      // The brief is out whatever happens to its chart; a chart that fails is reported, and the exit code says so.
      const chart = await loadChart(store, { kind: 'share', week: reply.brief.market.week, weeks: DEFAULT_CHART_WEEKS, countries: ctx.countries });
      ctx.io.stderr(`${await writeChart(await drawChart(chart, ctx), command.chart)}\n`);
      return 0;
    }
    case 'answer': {
      const { answer } = reply;
      if (answer.kind === 'unranked_country') throw new AnswerError(renderAnswer(answer, 'text'));
      ctx.io.stdout(`${format === 'json' ? JSON.stringify(answerToJson(answer), null, 2) : renderAnswer(answer, format)}\n`);
      return answer.kind === 'no_match' || answer.kind === 'same_model' ? 1 : 0;
    }
    case 'usage':
      throw new UsageError(renderProblem(reply.problem, 'text'));
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

/**
 * Read commands: with an explicit --source the data goes into a throwaway in-memory store (unless
 * --db is given), so a CLI experiment never touches the bot's database; without one they read the
 * bot's database as the bot would.
 */
async function withData<T>(options: DataOptions, ctx: Context, run: (store: Store) => Promise<T>): Promise<T> {
  if (options.source === 'openrouter') requireKey(ctx.config);
  const store = options.db ? await openStore(options.db, { setting: '--db' }) : await openChosenStore(options.source ? ':memory:' : undefined, ctx.config);
  try {
    if (options.source) {
      const source = makeSource(options.source, ctx.config, ctx.logger, { sleep: ctx.io.sleep, now: ctx.io.now, deadlines: ctx.io.deadlines });
      reportGates((await ingest(source, store, ctx.logger, { now: ctx.io.now })).gates, ctx.io.stderr);
    }
    return await run(store);
  } finally {
    await store.close();
  }
}

/**
 * An explicit SQLite file (`:memory:` for a throwaway store, or `--db`), else the bot's own store:
 * DATABASE_URL, DATABASE_PATH, or the file `sqlitePath` in the per-user data folder.
 */
function openChosenStore(explicit: string | undefined, config: Config, sqlitePath = config.databasePath): Promise<Store> {
  if (explicit !== undefined) return openStore(explicit, { setting: '--db' });
  return openStore(sqlitePath, { databaseUrl: config.databaseUrl, setting: config.explicitDatabasePath === undefined ? undefined : 'DATABASE_PATH' });
}

async function fetchLive(command: Extract<Command, { name: 'fetch' | 'backfill' }>, ctx: Context): Promise<void> {
  requireKey(ctx.config);
  const today = ctx.io.now().toISOString().slice(0, 10);
  const yesterday = addDays(today, -1);
  if (command.name === 'backfill' && command.from > yesterday) {
    throw new UsageError(`--from ${command.from} is in the future: the newest complete day is ${yesterday} (UTC)`);
  }
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
    const range = backfill ? { start: command.from, end: command.to ?? yesterday } : await refreshRange(store, today);
    const summary = await ingest(source, store, ctx.logger, { range, now: ctx.io.now });
    reportGates(summary.gates, ctx.io.stdout);
    const rows = summary.inserted + summary.restated + summary.unchanged;
    if (rows === 0) throw new EmptyFetchError(range, summary, command.record !== undefined);
    const where = command.record ? `recorded to ${command.record}` : `stored in ${explicit ?? (ctx.config.databaseUrl === undefined ? databasePathFor(ctx.config, 'openrouter') : describeDatabase(ctx.config))}`;
    ctx.io.stdout(
      `fetched ${rows} usage rows (${summary.inserted} new, ${summary.restated} revised, ${summary.dropped} dropped) and ${summary.snapshots} catalog snapshot(s); ${where}\n`,
    );
  } finally {
    await store.close();
  }
}

/** A fetch that got no usage at all: not a success, and the reason is usually the window. */
class EmptyFetchError extends TokenbriefError {
  readonly code = 'empty_fetch';
  constructor(range: { start: Day; end: Day } | undefined, summary: IngestSummary, recording: boolean) {
    const window = range ? `${range.start} to ${range.end}` : "the API's default window";
    const { dropped, gates } = summary;
    const held = gates.futureBatches.length + gates.outOfRangeRows;
    const why =
      dropped > 0
        ? `all ${dropped} rows it sent were malformed and dropped (LOG_LEVEL=debug shows them)`
        : held > 0
          ? 'what it sent was held back by the gates above'
          : 'OpenRouter publishes a UTC day only after it ends, and only the days it has ranked; try an earlier window (tokenbrief backfill --from YYYY-MM-DD) or again later';
    super(`OpenRouter returned no usage for ${window}, so nothing was ${recording ? 'recorded' : 'stored'}: ${why}`);
  }
}

/** The live source without a key is a configuration problem (exit 2), found before anything is opened. */
function requireKey(config: Config): void {
  if (!config.openrouter.apiKey) throw new UsageError(`${MISSING_KEY}; set it in .env or the environment`);
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
  const config = (error instanceof StoreOpenError && error.kind === 'path') || error instanceof CountryMapError;
  if (error instanceof UnknownSourceError || error instanceof UsageError || config) {
    io.stderr(`tokenbrief: ${error.message}\n`);
    return 2;
  }
  const known =
    error instanceof SourceError ||
    error instanceof SourceConflictError ||
    error instanceof EmptyFetchError ||
    error instanceof StoreOpenError ||
    error instanceof NoDataError ||
    error instanceof AnswerError ||
    error instanceof ChartError;
  const message = error instanceof NoDataError ? renderNoData(error.missing, 'text') : error instanceof Error ? error.message : String(error);
  io.stderr(`tokenbrief: ${message}\n`);
  if (!known) logger.debug({ err: error }, 'unexpected failure');
  return 1;
}
