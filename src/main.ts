import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CountryMapError, loadCountryMap } from './adapters/source/country-map.js';
import { SourceError } from './adapters/source/source.js';
import { startSlackApp } from './adapters/slack/app.js';
import { startDiscordBot } from './adapters/discord/bot.js';
import { StoreOpenError } from './adapters/store/sqlite.js';
import type { Store } from './adapters/store/store.js';
import type { Config } from './config.js';
import { DEFAULT_THRESHOLDS } from './core/thresholds.js';
import { buildBrief } from './jobs/brief.js';
import { ingest, refreshRange } from './jobs/ingest.js';
import type { Logger } from './log.js';
import { renderBrief } from './render/brief.js';
import type { CliIo } from './cli/run.js';
import type { CountryMap } from './core/types.js';
import { configure, makeSource, openStore } from './wiring.js';

export interface MainIo extends CliIo {
  /** Resolves when the chat apps should stop; by default on SIGINT or SIGTERM. */
  untilStopped?: () => Promise<unknown>;
}

/**
 * `npm start`: ingest the configured source into the embedded store, then run the configured chat
 * apps until stopped. Without chat tokens this is the terminal demo: the latest brief, printed.
 * Returns the process exit code.
 */
export async function main(io: MainIo): Promise<number> {
  const configured = configure(io.env, io.stderr, io.envFile);
  if (!configured) return 2;
  const { config, logger } = configured;
  try {
    const countries = loadCountryMap(config.countryMapPath);
    const store = await openStore(config.databasePath);
    try {
      const source = makeSource(config.source, config, logger, { sleep: io.sleep, now: io.now });
      const today = io.now().toISOString().slice(0, 10);
      try {
        await ingest(source, store, logger, source.name === 'openrouter' ? await refreshRange(store, today) : undefined);
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
        // A failed refresh must not hide what we already have: the last good data is still served.
        logger.error({ source: source.name, err: error.message }, 'refresh failed');
        io.stderr(`tokenbrief: could not refresh from ${source.name}: ${error.message}\nShowing the last stored data.\n\n`);
      }
      const apps = await startChatApps(config, { store, countries, logger });
      if (apps.length > 0) {
        io.stdout(`tokenbrief: ${apps.map((app) => app.name).join(' and ')} running on ${config.source} data. Stop with Ctrl-C.\n`);
        await (io.untilStopped ?? untilSignal)();
        await Promise.all(apps.map((app) => app.stop()));
        return 0;
      }
      const brief = await buildBrief(store, { countries, thresholds: DEFAULT_THRESHOLDS, source: config.source });
      io.stdout(`${renderBrief(brief, 'text')}\n\n`);
      io.stdout(
        [
          `Data: ${config.source}, stored in ${config.databasePath}.`,
          'Try: npx tokenbrief price kimi · npx tokenbrief top --country CN · npx tokenbrief brief --week 2026-W07 --format json',
          'To run the bot: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (README, "Slack") and/or DISCORD_TOKEN (README, "Discord") in .env, then npm start again.',
          ...(config.openrouter.apiKey ? [] : ['For live data, set OPENROUTER_API_KEY in .env (README, "Configuration").']),
          '',
        ].join('\n'),
      );
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    io.stderr(`tokenbrief: ${error instanceof Error ? error.message : String(error)}\n`);
    logger.debug({ err: error }, 'start-up failed');
    const configuration = error instanceof CountryMapError || (error instanceof StoreOpenError && error.kind === 'path');
    return configuration ? 2 : 1;
  }
}

interface ChatApp {
  name: string;
  stop(): Promise<void>;
}

/** Every chat platform whose tokens are configured, one `if` each; all or none are left running. */
async function startChatApps(config: Config, deps: { store: Store; countries: CountryMap; logger: Logger }): Promise<ChatApp[]> {
  const apps: ChatApp[] = [];
  try {
    if (config.slack) {
      const slack = await startSlackApp({ config: config.slack, source: config.source, ...deps });
      apps.push({ name: `Slack app (${config.slack.mode.kind === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}`})`, stop: slack.stop });
    }
    if (config.discord) {
      const discord = await startDiscordBot({ config: config.discord, source: config.source, ...deps });
      apps.push({ name: `Discord bot (${discord.client.user.tag})`, stop: discord.stop });
    }
  } catch (error) {
    await Promise.all(apps.map((app) => app.stop()));
    throw error;
  }
  return apps;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  process.exitCode = await main({
    env: process.env,
    envFile: '.env',
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
  });
}
