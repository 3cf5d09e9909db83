import { Events, type Client, type ClientOptions } from 'discord.js';
import { lookupIndexFor } from '../../commands/models.js';
import type { CommandDeps } from '../../commands/run.js';
import type { DiscordConfig } from '../../config.js';
import type { Supervisor } from '../../lifecycle.js';
import type { Logger } from '../../core/ports/logger.js';
import type { BriefPoster } from '../../core/ports/poster.js';
import type { ChartRenderer } from '../../core/ports/charts.js';
import { renderChart } from '../chart/render.js';
import type { LookupCache } from './autocomplete.js';
import { createDiscordClient } from './client.js';
import { handleInteraction } from './interactions.js';
import { discordPoster } from './post.js';

// The Discord bot: logs in over the gateway (whose URL discord.js asks `GET /gateway/bot` for), then
// answers slash commands and autocomplete until stopped. Reconnects and resumes are discord.js's job.

export interface DiscordBotOptions {
  config: DiscordConfig;
  commands: CommandDeps;
  logger: Logger;
  /** Draws charts; the PNG renderer unless a test passes another. */
  renderChart?: ChartRenderer;
  /** Told about fatal gateway closes and the interactions in flight; none in tests that run the bot alone. */
  supervisor?: Supervisor;
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

/**
 * Gateway closes after which discord.js gives up for good, and what the operator must do. Without a
 * supervisor told about them, the process would run on with a dead bot and say nothing.
 */
const FATAL_CLOSES: Readonly<Record<number, string>> = {
  4004: 'Discord no longer accepts DISCORD_TOKEN (gateway close 4004, authentication failed): the token was reset or is wrong. Copy the bot token from the Developer Portal (Bot, Reset Token) into DISCORD_TOKEN, then start tokenbrief again.',
  4010: 'Discord refused the gateway connection (close 4010, invalid shard). Start tokenbrief again; report it if it persists.',
  4011: 'Discord requires sharding for this bot (gateway close 4011): it is in too many servers for one connection. Report it to the tokenbrief maintainers.',
  4012: 'Discord refused the gateway API version (close 4012): update tokenbrief.',
  4013: 'Discord refused the gateway intents (close 4013, invalid intents): update tokenbrief.',
  4014: "Discord refused the gateway intents (close 4014, disallowed intents): the bot asks for an intent the application may not use. Check the bot's Privileged Gateway Intents in the Developer Portal, then start tokenbrief again.",
};

export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { config, commands } = options;
  const logger = options.logger.child({ platform: 'discord' });
  const client = createDiscordClient(config.apiUrl, options.clientOptions);
  // The week reader builds once per data version, and the index once per week: a keystroke costs one
  // data-version read, and new data reaches autocomplete with the next keystroke after a refresh.
  const lookup: LookupCache = { get: async () => lookupIndexFor(await commands.weeks.read()) };
  // One poster for `/brief post` and the scheduler: it shares the client's rate-limit buckets.
  const poster = discordPoster(client.rest);
  const deps = { commands, lookup, logger, poster, renderChart: options.renderChart ?? renderChart };

  client.on(Events.InteractionCreate, (interaction) => {
    const work = handleInteraction(interaction, deps).catch((error: unknown) => logger.error({ err: error }, 'discord interaction failed'));
    options.supervisor?.track(work);
  });
  // An 'error' event without a listener would crash the process.
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn(message));
  // Before ready, a fatal close fails login() itself, and start-up reports that.
  let running = false;
  client.on(Events.ShardDisconnect, (event, shard) => {
    const fatal = FATAL_CLOSES[event.code];
    if (fatal !== undefined && running && options.supervisor) options.supervisor.fatal(fatal);
    else logger.warn({ code: event.code, shard }, 'discord gateway disconnected');
  });
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'discord gateway resumed'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    throw new Error(loginProblem(error, config.apiUrl), { cause: error });
  }
  const readyClient = await ready;
  running = true;
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'discord bot ready');
  // The first keystroke should not pay for loading the week.
  lookup.get().catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'no data for autocomplete yet'));

  return {
    client: readyClient,
    poster,
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
