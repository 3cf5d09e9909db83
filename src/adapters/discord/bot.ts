import { Events, type Client, type ClientOptions } from 'discord.js';
import type { Store } from '../store/store.js';
import { lookupIndexFor } from '../../commands/models.js';
import type { DiscordConfig } from '../../config.js';
import { DEFAULT_THRESHOLDS } from '../../core/thresholds.js';
import type { CountryMap } from '../../core/types.js';
import { loadWeek } from '../../jobs/week.js';
import type { Logger } from '../../log.js';
import { createLookupCache } from './autocomplete.js';
import { createDiscordClient } from './client.js';
import { handleInteraction } from './interactions.js';

// The Discord bot: logs in over the gateway (whose URL discord.js asks `GET /gateway/bot` for), then
// answers slash commands and autocomplete until stopped. Reconnects and resumes are discord.js's job.

/** How long autocomplete serves an index before reloading it in the background, so new data shows without a restart. */
const LOOKUP_MAX_AGE_MS = 5 * 60 * 1000;

export interface DiscordBotOptions {
  config: DiscordConfig;
  store: Store;
  countries: CountryMap;
  /** The configured source's name, for the brief's data line. */
  source: string;
  logger: Logger;
  /** For tests: REST timing, a no-wait identify throttler. */
  clientOptions?: Partial<ClientOptions>;
}

export interface DiscordBot {
  /** The logged-in client, e.g. for `postBrief`. */
  client: Client<true>;
  stop(): Promise<void>;
}

export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { config, store, countries, source } = options;
  const logger = options.logger.child({ platform: 'discord' });
  const client = createDiscordClient(config.apiUrl, options.clientOptions);
  const lookup = createLookupCache(async () => lookupIndexFor(await loadWeek(store, { countries, thresholds: DEFAULT_THRESHOLDS })), {
    maxAgeMs: LOOKUP_MAX_AGE_MS,
    logger,
  });
  const deps = { commands: { store, countries, source }, lookup, logger };

  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(interaction, deps).catch((error: unknown) => logger.error({ err: error }, 'discord interaction failed'));
  });
  // An 'error' event without a listener would crash the process.
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ code: event.code, shard }, 'discord gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'discord gateway resumed'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    throw new Error(loginProblem(error, config.apiUrl), { cause: error });
  }
  const readyClient = await ready;
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'discord bot ready');
  // The first keystroke should not pay for loading the week.
  lookup.get().catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'no data for autocomplete yet'));

  return {
    client: readyClient,
    stop: () => client.destroy(),
  };
}

/**
 * Why the login failed, and what to do: a token Discord refused, an HTTP error at DISCORD_API_URL,
 * no answer in time, or no connection at all.
 */
function loginProblem(error: unknown, apiUrl: string): string {
  const failure = error as { code?: unknown; status?: unknown; name?: unknown; message?: unknown; cause?: { code?: unknown } };
  if (failure.code === 'TokenInvalid' || failure.status === 401) {
    return 'Discord refused DISCORD_TOKEN: copy the bot token again (Developer Portal → your application → Bot → Reset Token)';
  }
  if (typeof failure.status === 'number') {
    const fix = failure.status >= 500 ? 'Discord is having trouble, try again in a few minutes' : 'check DISCORD_API_URL (e.g. https://discord.com/api)';
    return `Discord answered HTTP ${failure.status} at ${apiUrl}: ${fix}`;
  }
  if (failure.name === 'AbortError' || failure.name === 'TimeoutError') {
    return `Discord did not answer in time at ${apiUrl}: check the network (a proxy or firewall?) and try again`;
  }
  const code = typeof failure.cause?.code === 'string' ? failure.cause.code : typeof failure.code === 'string' ? failure.code : null;
  if (code !== null) return `cannot reach Discord at ${apiUrl} (${code}): check the network connection and DISCORD_API_URL`;
  return `Discord login failed: ${typeof failure.message === 'string' ? failure.message : String(error)}`;
}
