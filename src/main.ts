import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCountryMap } from './adapters/source/country-map.js';
import { SourceError } from './core/ports/source.js';
import { startSlackApp } from './adapters/slack/app.js';
import { fatalSlackProblem } from './adapters/slack/errors.js';
import { startDiscordBot } from './adapters/discord/bot.js';
import { POSTGRES_ELSEWHERE } from './adapters/store/postgres-source.js';
import { SQLITE_ELSEWHERE } from './adapters/store/sqlite-source.js';
import { SourceConflictError, type Store } from './core/ports/store.js';
import type { Source } from './core/ports/source.js';
import { describeDatabase, type Config } from './config.js';
import { DEFAULT_THRESHOLDS } from './core/thresholds.js';
import { loadDotEnv } from './env-file.js';
import { buildBrief } from './jobs/brief.js';
import { createWeekReader } from './jobs/week.js';
import type { CommandDeps } from './commands/run.js';
import { ingest, refreshRange } from './jobs/ingest.js';
import { createLifecycle, exitSoon, untilSignal, type RunningApp, type Supervisor } from './lifecycle.js';
import type { Logger } from './core/ports/logger.js';
import { renderBrief } from './render/brief.js';
import type { CliIo } from './cli/run.js';
import type { CountryMap } from './core/types.js';
import { configure, makeSource, openStore } from './wiring.js';

export interface MainIo extends CliIo {
  /** Resolves when the chat apps should stop; by default on SIGINT or SIGTERM. */
  untilStopped?: () => Promise<unknown>;
}

/**
 * `npm start`: run the configured chat apps on the stored data at once, refreshing it from the
 * configured source in the background, until stopped. Without chat tokens this is the terminal demo:
 * refresh, then print the latest brief. Returns the process exit code.
 */
export async function main(io: MainIo): Promise<number> {
  const configured = configure(io.env, io.stderr);
  if (!configured) return 2;
  const { config, logger } = configured;
  try {
    const countries = loadCountryMap(config.countryMapPath);
    const store = await openStore(config.databasePath, config.databaseUrl);
    try {
      // Refused up front: the bot would otherwise serve one source's figures under another's name.
      const stored = await store.dataSource();
      if (stored !== null && stored !== config.source) {
        const elsewhere = config.databaseUrl === undefined ? SQLITE_ELSEWHERE : POSTGRES_ELSEWHERE;
        throw new SourceConflictError(stored, config.source, describeDatabase(config), elsewhere);
      }
      const stopping = new AbortController();
      const source = makeSource(config.source, config, logger, { sleep: io.sleep, now: io.now, deadlines: io.deadlines, signal: stopping.signal });
      const refresh = () => refreshStore(source, store, logger, io);
      if (!config.slack && !config.discord) return await demo(await refresh(), { store, countries, config, io });

      // An empty store has nothing to serve, so only its first refresh is awaited (within the source's deadline).
      const empty = (await store.usageSpan()) === null;
      if (empty) await refresh();
      const background: Promise<unknown> = empty ? Promise.resolve() : refresh();
      let apps: RunningApp[];
      const lifecycle = createLifecycle({ logger, stderr: io.stderr, explain: fatalSlackProblem });
      try {
        // One week reader for every platform: a week is built from the store, not per platform.
        const commands: CommandDeps = { weeks: createWeekReader(store, countries), channels: store, schedule: store, defaultZone: config.defaultZone, now: io.now };
        apps = await startChatApps(config, { commands, logger, supervisor: lifecycle });
      } catch (error) {
        stopping.abort();
        await background;
        throw error;
      }
      const label = (await store.dataSource()) ?? config.source;
      io.stdout(`tokenbrief: ${apps.map((app) => app.name).join(' and ')} running on ${label} data. Stop with Ctrl-C.\n`);
      // The background refresh stops with the apps: an abandoned fetch would keep the process alive.
      const refreshing: RunningApp = { name: 'refresh', stop: async () => { stopping.abort(); await background; } };
      return await lifecycle.run([...apps, refreshing], { untilStopped: io.untilStopped ?? untilSignal, timeoutMs: config.shutdownMs });
    } finally {
      await store.close();
    }
  } catch (error) {
    io.stderr(`tokenbrief: ${error instanceof Error ? error.message : String(error)}\n`);
    logger.debug({ err: error }, 'start-up failed');
    return 1;
  }
}

/**
 * One refresh of the store from `source`. Never throws, so a background refresh cannot take the bot
 * down: a failure is logged and the last good data keeps being served. Resolves to what to tell a
 * terminal user about a failure, or null.
 */
async function refreshStore(source: Source, store: Store, logger: Logger, io: MainIo): Promise<string | null> {
  const today = io.now().toISOString().slice(0, 10);
  try {
    const range = source.name === 'openrouter' ? await refreshRange(store, today) : undefined;
    await ingest(source, store, logger, { range, now: io.now });
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ source: source.name, err: message }, 'refresh failed');
    if (!(error instanceof SourceError)) logger.debug({ err: error }, 'refresh failed unexpectedly');
    return `could not refresh from ${source.name}: ${message}`;
  }
}

/** The terminal demo: the latest brief, printed, with what to try next. */
async function demo(
  refreshFailure: string | null,
  { store, countries, config, io }: { store: Store; countries: CountryMap; config: Config; io: MainIo },
): Promise<number> {
  if (refreshFailure) io.stderr(`tokenbrief: ${refreshFailure}\nShowing the last stored data.\n\n`);
  const brief = await buildBrief(store, { countries, thresholds: DEFAULT_THRESHOLDS });
  io.stdout(`${renderBrief(brief, 'text')}\n\n`);
  io.stdout(
    [
      `Data: ${brief.source}, stored in ${describeDatabase(config)}.`,
      'Try: npx tokenbrief price kimi · npx tokenbrief top --country CN · npx tokenbrief brief --week 2026-W07 --format json',
      'To run the bot: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (README, "Slack") and/or DISCORD_TOKEN (README, "Discord") in .env, then npm start again.',
      ...(config.openrouter.apiKey ? [] : ['For live data, set OPENROUTER_API_KEY in .env (README, "Configuration").']),
      '',
    ].join('\n'),
  );
  return 0;
}

/** Every chat platform whose tokens are configured, one `if` each; all or none are left running. */
async function startChatApps(config: Config, deps: { commands: CommandDeps; logger: Logger; supervisor: Supervisor }): Promise<RunningApp[]> {
  const apps: RunningApp[] = [];
  try {
    if (config.slack) {
      const slack = await startSlackApp({ config: config.slack, ...deps });
      apps.push({ name: `Slack app (${config.slack.mode.kind === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}`})`, stop: slack.stop });
    }
    if (config.discord) {
      const discord = await startDiscordBot({ config: config.discord, ...deps });
      apps.push({ name: `Discord bot (${discord.client.user.tag})`, stop: discord.stop });
    }
  } catch (error) {
    await Promise.all(apps.map((app) => app.stop(Date.now())));
    throw error;
  }
  return apps;
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  loadDotEnv();
  const code = await main({
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
  });
  process.exitCode = code;
  exitSoon(code);
}
