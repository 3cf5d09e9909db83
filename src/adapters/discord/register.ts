import { DiscordAPIError, REST, RESTJSONErrorCodes, Routes, type APIApplication, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { CountryMap } from '../../core/types.js';
import { restAgent } from './agent.js';
import { commandDefinitions } from './commands.js';

// `tokenbrief discord register`: a bulk overwrite of the slash commands, globally or in one guild
// (guild commands update at once, which is what iterating on them needs). The application id is
// asked of Discord (`GET /applications/@me` with the bot token), so the token is the only setting.

export interface RegisterOptions {
  config: DiscordConfig;
  countries: CountryMap;
  /** Register in this guild only; globally when absent. */
  guildId?: string | undefined;
  /** For tests: retries and timeouts. */
  rest?: Partial<RESTOptions>;
}

export interface Registered {
  applicationId: string;
  applicationName: string;
  commands: string[];
  guildId: string | undefined;
}

export async function registerCommands(options: RegisterOptions): Promise<Registered> {
  const rest = new REST({ ...options.rest, api: options.config.apiUrl, agent: restAgent() }).setToken(options.config.token);
  try {
    const application = (await rest.get(Routes.currentApplication())) as APIApplication;
    const route = options.guildId ? Routes.applicationGuildCommands(application.id, options.guildId) : Routes.applicationCommands(application.id);
    const stored = (await rest.put(route, { body: commandDefinitions(options.countries) })) as { name: string }[];
    return { applicationId: application.id, applicationName: application.name, commands: stored.map((c) => c.name), guildId: options.guildId };
  } catch (error) {
    throw new Error(registrationProblem(error, options.guildId), { cause: error });
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

function registrationProblem(error: unknown, guildId: string | undefined): string {
  if (!(error instanceof DiscordAPIError)) return `could not reach Discord: ${error instanceof Error ? error.message : String(error)}`;
  if (error.status === 401) return 'Discord refused DISCORD_TOKEN (401): copy the bot token again from the Developer Portal (Bot → Reset Token)';
  if (guildId && error.code === RESTJSONErrorCodes.MissingAccess) {
    return `Discord refused to register commands in guild ${guildId} (Missing Access): invite the bot there first (see README, "Discord")`;
  }
  return `Discord refused the command registration: ${error.message} (${String(error.code)})`;
}
