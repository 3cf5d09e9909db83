import { Events, type Client, type ClientOptions } from 'discord.js';
import { lookupIndexFor } from '../../commands/models.js';
import type { CommandDeps } from '../../commands/run.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../core/ports/logger.js';
import type { BriefPoster } from '../../core/ports/poster.js';
import { createLookupCache } from './autocomplete.js';
import { createDiscordClient } from './client.js';
import { handleInteraction } from './interactions.js';
import { discordPoster } from './post.js';

// The Discord bot: logs in over the gateway (whose URL discord.js asks `GET /gateway/bot` for), then
// answers slash commands and autocomplete until stopped. Reconnects and resumes are discord.js's job.

/** How long autocomplete serves an index before reloading it in the background, so new data shows without a restart. */
const LOOKUP_MAX_AGE_MS = 5 * 60 * 1000;

export interface DiscordBotOptions {
  config: DiscordConfig;
  commands: CommandDeps;
  logger: Logger;
  /** For tests: REST timing, a no-wait identify throttler. */
  clientOptions?: Partial<ClientOptions>;
}

export interface DiscordBot {
  /** The logged-in client. */
  client: Client<true>;
  /** Posts briefs through the client's REST (and so its rate-limit buckets). */
  poster: BriefPoster;
  stop(): Promise<void>;
}

export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { config, commands } = options;
  const logger = options.logger.child({ platform: 'discord' });
  const client = createDiscordClient(config.apiUrl, options.clientOptions);
  const lookup = createLookupCache(async () => lookupIndexFor(await commands.weeks.read()), { maxAgeMs: LOOKUP_MAX_AGE_MS, logger });
  const deps = { commands, lookup, logger };

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
    throw new Error(`Discord login failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const readyClient = await ready;
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'discord bot ready');
  // The first keystroke should not pay for loading the week.
  lookup.get().catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'no data for autocomplete yet'));

  return {
    client: readyClient,
    poster: discordPoster(readyClient.rest),
    stop: () => client.destroy(),
  };
}
