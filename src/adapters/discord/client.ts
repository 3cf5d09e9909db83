import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import { restAgent } from './agent.js';

// The bot only answers interactions and posts briefs: interactions carry everything it needs (the
// member's permissions, the channel id), so it caches nearly nothing. `Guilds` is the one intent
// (no privileged ones to enable), and no message the bot sends can ping anyone.

const SWEEP_EVERY_SECONDS = 3600;

/** A discord.js client for tokenbrief; `overrides` are for tests (REST timing, identify throttling). */
export function createDiscordClient(apiUrl: string, overrides: Partial<ClientOptions> = {}): Client {
  const notSelf = <T extends { id: string; client: Client<true> }>(item: T): boolean => item.id !== item.client.user.id;
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({
      ApplicationCommandManager: 0,
      AutoModerationRuleManager: 0,
      BaseGuildEmojiManager: 0,
      DMMessageManager: 0,
      EntitlementManager: 0,
      GuildBanManager: 0,
      GuildEmojiManager: 0,
      GuildInviteManager: 0,
      GuildMessageManager: 0,
      GuildScheduledEventManager: 0,
      GuildStickerManager: 0,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      StageInstanceManager: 0,
      ThreadMemberManager: 0,
      VoiceStateManager: 0,
      // Interactions bring their user and member along; only the bot itself is worth keeping.
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => !notSelf(member) },
      UserManager: { maxSize: 0, keepOverLimit: (user) => !notSelf(user) },
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      users: { interval: SWEEP_EVERY_SECONDS, filter: () => notSelf },
      guildMembers: { interval: SWEEP_EVERY_SECONDS, filter: () => notSelf },
    },
    ...overrides,
    rest: { api: apiUrl, agent: restAgent(), ...overrides.rest },
  });
}
