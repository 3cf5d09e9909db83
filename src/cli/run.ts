import { CountryMapError, loadCountryMap } from '../adapters/source/country-map.js';
import { MISSING_KEY } from '../adapters/source/openrouter.js';
import { SourceError } from '../adapters/source/source.js';
import { UnknownSourceError } from '../adapters/source/index.js';
import { StoreOpenError } from '../adapters/store/sqlite.js';
import type { Store } from '../adapters/store/store.js';
import { runCommand } from '../commands/run.js';
import type { Config } from '../config.js';
import type { CountryMap, Day } from '../core/types.js';
import { addDays } from '../core/week.js';
import { ingest, refreshRange } from '../jobs/ingest.js';
import { NoDataError } from '../jobs/week.js';
import type { Logger } from '../log.js';
import { answerToJson } from '../render/answer-json.js';
import { renderAnswer } from '../render/answers.js';
import { renderBrief } from '../render/brief.js';
import { configure, makeSource, openStore } from '../wiring.js';
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
    case 'fetch':
    case 'backfill':
      await fetchLive(command, ctx);
      return 0;
    case 'discord-register':
      await registerDiscord(command, ctx);
      return 0;
  }
}

/**
 * The chat commands run through the chat apps' runner, as a channel nobody configured: default
 * thresholds, no watchlist, never admin. An answer that could not be given (no match, no such
 * country this week) is printed like any answer and exits 1.
 */
async function ask(command: Extract<Command, { name: 'ask' }>, store: Store, ctx: Context): Promise<number> {
  const { format } = command.data;
  const deps = { store, countries: ctx.countries, source: command.data.source ?? ctx.config.source };
  const reply = await runCommand(deps, command.input, { channel: 'cli', isAdmin: async () => false, week: command.data.week });
  switch (reply.kind) {
    case 'brief_preview':
    case 'brief_post':
      ctx.io.stdout(`${renderBrief(reply.brief, format)}\n`);
      return 0;
    case 'answer': {
      const { answer } = reply;
      if (answer.kind === 'error') throw new AnswerError(answer.message);
      ctx.io.stdout(`${format === 'json' ? JSON.stringify(answerToJson(answer), null, 2) : renderAnswer(answer, format)}\n`);
      return answer.kind === 'no_match' ? 1 : 0;
    }
    case 'usage':
      throw new UsageError(reply.problem);
    case 'settings':
    case 'forbidden':
      // Only /alerts and /brief post give these, and the CLI offers neither.
      throw new Error(`unexpected ${reply.kind} reply to ${command.input.command}`);
  }
}

async function registerDiscord(command: Extract<Command, { name: 'discord-register' }>, ctx: Context): Promise<void> {
  if (!ctx.config.discord) throw new UsageError('discord register needs DISCORD_TOKEN (the bot token from the Discord Developer Portal)');
  // Loaded on demand: discord.js is heavy, and no other command needs it.
  const { registerCommands } = await import('../adapters/discord/register.js');
  const done = await registerCommands({ config: ctx.config.discord, countries: ctx.countries, guildId: command.guild });
  const where = done.guildId ? `in server ${done.guildId} (available now)` : 'globally (every server the bot is in)';
  ctx.io.stdout(`registered ${done.commands.map((name) => `/${name}`).join(', ')} for ${done.applicationName} (${done.applicationId}) ${where}\n`);
}

/** A command could not answer (e.g. no model of that country this week): a runtime failure, exit 1. */
class AnswerError extends Error {
  override readonly name = 'AnswerError';
}

/**
 * Read commands: with an explicit --source the data goes into a throwaway in-memory store (unless
 * --db is given), so a CLI experiment never touches the bot's database; without one they read the
 * bot's database as the bot would.
 */
async function withData<T>(options: DataOptions, ctx: Context, run: (store: Store) => Promise<T>): Promise<T> {
  if (options.source === 'openrouter') requireKey(ctx.config);
  const store = options.db ? await openStore(options.db, '--db') : await openStore(options.source ? ':memory:' : ctx.config.databasePath);
  try {
    if (options.source) await ingest(makeSource(options.source, ctx.config, ctx.logger, { sleep: ctx.io.sleep, now: ctx.io.now }), store, ctx.logger);
    return await run(store);
  } finally {
    await store.close();
  }
}

async function fetchLive(command: Extract<Command, { name: 'fetch' | 'backfill' }>, ctx: Context): Promise<void> {
  requireKey(ctx.config);
  const today = ctx.io.now().toISOString().slice(0, 10);
  const yesterday = addDays(today, -1);
  if (command.name === 'backfill' && command.from > yesterday) {
    throw new UsageError(`--from ${command.from} is in the future: the newest complete day is ${yesterday} (UTC)`);
  }
  // Recording alone validates and writes files; it touches a database only when --db asks for one.
  const dbPath = command.db ?? (command.record ? ':memory:' : ctx.config.databasePath);
  const store = await openStore(dbPath, command.db ? '--db' : 'DATABASE_PATH');
  try {
    const source = makeSource('openrouter', ctx.config, ctx.logger, { sleep: ctx.io.sleep, now: ctx.io.now, recordDir: command.record });
    const range =
      command.name === 'backfill'
        ? { start: command.from, end: command.to ?? yesterday }
        : await refreshRange(store, today);
    const summary = await ingest(source, store, ctx.logger, range);
    const rows = summary.inserted + summary.restated + summary.unchanged;
    if (rows === 0) throw new EmptyFetchError(range, summary.dropped, command.record !== undefined);
    const where = command.record ? `recorded to ${command.record}` : `stored in ${dbPath}`;
    ctx.io.stdout(
      `fetched ${rows} usage rows (${summary.inserted} new, ${summary.restated} revised, ${summary.dropped} dropped) and ${summary.snapshots} catalog snapshot(s); ${where}\n`,
    );
  } finally {
    await store.close();
  }
}

/** A fetch that got no usage at all: not a success, and the reason is usually the window. */
class EmptyFetchError extends Error {
  override readonly name = 'EmptyFetchError';
  constructor(range: { start: Day; end: Day } | undefined, dropped: number, recording: boolean) {
    const window = range ? `${range.start} to ${range.end}` : "the API's default window";
    const why =
      dropped > 0
        ? `all ${dropped} rows it sent were malformed and dropped (LOG_LEVEL=debug shows them)`
        : 'OpenRouter publishes a UTC day only after it ends, and only the days it has ranked; try an earlier window (tokenbrief backfill --from YYYY-MM-DD) or again later';
    super(`OpenRouter returned no usage for ${window}, so nothing was ${recording ? 'recorded' : 'stored'}: ${why}`);
  }
}

/** The live source without a key is a configuration problem (exit 2), found before anything is opened. */
function requireKey(config: Config): void {
  if (!config.openrouter.apiKey) throw new UsageError(`${MISSING_KEY}; set it in .env or the environment`);
}

/** Known failures get one readable line; anything else too, with the stack only at debug level. */
function reportFailure(error: unknown, io: CliIo, logger: Logger): number {
  const config = (error instanceof StoreOpenError && error.kind === 'path') || error instanceof CountryMapError;
  if (error instanceof UnknownSourceError || error instanceof UsageError || config) {
    io.stderr(`tokenbrief: ${error.message}\n`);
    return 2;
  }
  const known = error instanceof SourceError || error instanceof EmptyFetchError || error instanceof NoDataError || error instanceof AnswerError || error instanceof StoreOpenError;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`tokenbrief: ${message}\n`);
  if (!known) logger.debug({ err: error }, 'unexpected failure');
  return 1;
}
