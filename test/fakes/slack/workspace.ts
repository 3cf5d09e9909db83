// The workspace the fake Slack pretends to be: one team, one bot installed in it, a user table and a
// channel table that tests configure. Defaults are small and named so tests can refer to them.

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isBot?: boolean;
  deleted?: boolean;
  tz?: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** Whether the bot is a member (default true): posting to a channel it is not in fails. */
  isMember?: boolean;
  isArchived?: boolean;
  isPrivate?: boolean;
  /** Users in the channel, for chat.postEphemeral; omitted = every known user. */
  members?: string[];
}

export interface Team {
  id: string;
  name: string;
  domain: string;
}

/** Who the bot is, and the credentials the fake accepts. */
export interface Installation {
  team: Team;
  botToken: string;
  appToken: string;
  botUserId: string;
  botId: string;
  botName: string;
  appId: string;
}

export const DEFAULT_INSTALLATION: Installation = {
  team: { id: 'T0TEAM', name: 'Token Brief Test', domain: 'tokenbrief-test' },
  botToken: 'xoxb-fake-bot-token',
  appToken: 'xapp-1-A0APP-fake-app-token',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  botName: 'tokenbrief',
  appId: 'A0APP',
};

export const DEFAULT_USERS: FakeUser[] = [
  { id: 'U0ADMIN', name: 'ada', realName: 'Ada Admin', isAdmin: true },
  { id: 'U0OWNER', name: 'olga', realName: 'Olga Owner', isAdmin: true, isOwner: true, isPrimaryOwner: true },
  { id: 'U0USER', name: 'uma', realName: 'Uma User' },
];

export const DEFAULT_CHANNELS: FakeChannel[] = [
  { id: 'C0GENERAL', name: 'general' },
  { id: 'C0MARKET', name: 'ai-market' },
  { id: 'C0OUTSIDE', name: 'random', isMember: false },
  { id: 'C0ARCHIVED', name: 'old-news', isArchived: true },
];

/** `users.info` `user` object, with the fields Slack always sends. */
export function userObject(user: FakeUser, team: Team): Record<string, unknown> {
  const realName = user.realName ?? user.name;
  return {
    id: user.id,
    team_id: team.id,
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: realName,
    tz: user.tz ?? 'Europe/London',
    is_admin: user.isAdmin ?? false,
    is_owner: user.isOwner ?? false,
    is_primary_owner: user.isPrimaryOwner ?? false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    profile: { real_name: realName, display_name: user.name, team: team.id },
  };
}

/** `conversations.info` `channel` object. */
export function channelObject(channel: FakeChannel): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !channel.isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate ?? false,
    is_archived: channel.isArchived ?? false,
    is_general: channel.name === 'general',
    is_member: channel.isMember ?? true,
    created: 1_700_000_000,
    creator: 'U0OWNER',
  };
}
