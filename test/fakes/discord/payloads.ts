import { Permission, channelPermissions } from './permissions.js';
import type { Overwrite } from './permissions.js';
import type { FakeChannel, FakeGuild, FakeRole, Json, RecordedFile, World } from './world.js';

// Wire objects as Discord sends them (users, roles, channels, guilds, READY, messages), complete enough
// that discord.js builds its structures from them without falling back to partials.

// A fixed past instant: join dates are data, and a constant keeps payloads reproducible.
const JOINED_AT = '2026-01-05T09:00:00.000000+00:00';

export interface UserInput {
  id: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
}

export function userPayload(user: UserInput): Json {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName ?? null,
    avatar: null,
    public_flags: 0,
    flags: 0,
    ...(user.bot ? { bot: true } : {}),
  };
}

export const botUserPayload = (world: World): Json => userPayload({ ...world.bot, bot: true });

/** A bot that lacks access sees the channel with an overwrite hiding it, so its own permission checks agree with REST. */
export function channelOverwrites(guild: FakeGuild, channel: FakeChannel): Overwrite[] {
  if (channel.access === 'missing-access') return [{ id: guild.botRoleId, allow: 0n, deny: Permission.ViewChannel }];
  if (channel.access === 'missing-permissions') return [{ id: guild.botRoleId, allow: 0n, deny: Permission.SendMessages }];
  return [];
}

export const memberPermissions = (guild: FakeGuild, channel: FakeChannel, roleIds: string[]): bigint =>
  channelPermissions(guild.id, guild.roles, roleIds, channelOverwrites(guild, channel));

export const botPermissions = (guild: FakeGuild, channel: FakeChannel): bigint => memberPermissions(guild, channel, [guild.botRoleId]);

export function channelPayload(guild: FakeGuild, channel: FakeChannel): Json {
  return {
    id: channel.id,
    type: channel.type,
    guild_id: guild.id,
    name: channel.name,
    position: guild.channels.indexOf(channel),
    permission_overwrites: channelOverwrites(guild, channel).map((overwrite) => ({
      id: overwrite.id,
      type: 0,
      allow: overwrite.allow.toString(),
      deny: overwrite.deny.toString(),
    })),
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function memberPayload(user: Json, roles: string[]): Json {
  return {
    user,
    roles,
    joined_at: JOINED_AT,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    nick: null,
    avatar: null,
    banner: null,
    communication_disabled_until: null,
  };
}

function rolePayload(world: World, guild: FakeGuild, role: FakeRole, position: number): Json {
  const isBotRole = role.id === guild.botRoleId;
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: role.permissions.toString(),
    managed: isBotRole,
    mentionable: false,
    flags: 0,
    ...(isBotRole ? { tags: { bot_id: world.bot.id } } : {}),
  };
}

export function guildCreatePayload(world: World, guild: FakeGuild): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: guild.preferredLocale,
    features: [],
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    roles: guild.roles.map((role, position) => rolePayload(world, guild, role, position)),
    emojis: [],
    stickers: [],
    joined_at: JOINED_AT,
    large: false,
    unavailable: false,
    lazy: true,
    member_count: 2,
    members: [memberPayload(botUserPayload(world), [guild.botRoleId])],
    channels: guild.channels.map((channel) => channelPayload(guild, channel)),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function readyPayload(world: World, sessionId: string, resumeGatewayUrl: string): Json {
  return {
    v: 10,
    user: { ...botUserPayload(world), verified: true, mfa_enabled: false, email: null },
    guilds: world.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    session_id: sessionId,
    session_type: 'normal',
    resume_gateway_url: resumeGatewayUrl,
    shard: [0, 1],
    // GATEWAY_GUILDS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED: an unverified bot in under 100 servers.
    application: { id: world.applicationId, flags: (1 << 15) | (1 << 19) },
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    user_settings: {},
    auth: {},
    _trace: ['["fake-discord",{"micros":0}]'],
  };
}

export interface MessageInput {
  id: string;
  channelId: string;
  guildId: string | undefined;
  author: Json;
  body: Json;
  files: RecordedFile[];
  /** 0 default, 20 a reply to a chat-input command. */
  type?: number;
  webhookId?: string;
  applicationId?: string;
}

const embedsOf = (body: Json): unknown[] =>
  Array.isArray(body.embeds) ? body.embeds.map((embed: unknown) => ({ type: 'rich', ...(embed as Json) })) : [];

/** `@everyone`/`@here` ping only when allowed_mentions lets them (no allowed_mentions = parse everything). */
function mentionsEveryone(body: Json): boolean {
  if (typeof body.content !== 'string' || !/@(everyone|here)/.test(body.content)) return false;
  const allowed = body.allowed_mentions as { parse?: unknown } | undefined;
  if (allowed === undefined || allowed === null) return true;
  return Array.isArray(allowed.parse) && allowed.parse.includes('everyone');
}

/** The `attachments` entry of the body that describes file `files[index]` (its alt text), if any. */
function describedAs(body: Json, index: number): Json {
  const entries = Array.isArray(body.attachments) ? (body.attachments as Json[]) : [];
  const entry = entries.find((e) => String(e.id) === String(index));
  return typeof entry?.description === 'string' ? { description: entry.description } : {};
}

function attachmentsOf(files: RecordedFile[], body: Json): Json[] {
  return files.map((file, index) => ({
    id: String(index),
    ...describedAs(body, index),
    filename: file.name,
    size: file.size,
    content_type: file.contentType,
    url: `https://cdn.discordapp.com/attachments/fake/${index}/${encodeURIComponent(file.name)}`,
    proxy_url: `https://media.discordapp.net/attachments/fake/${index}/${encodeURIComponent(file.name)}`,
  }));
}

export function messagePayload(input: MessageInput): Json {
  const { body } = input;
  return {
    id: input.id,
    type: input.type ?? 0,
    channel_id: input.channelId,
    ...(input.guildId ? { guild_id: input.guildId } : {}),
    author: input.author,
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: mentionsEveryone(body),
    mentions: [],
    mention_roles: [],
    attachments: attachmentsOf(input.files, body),
    embeds: embedsOf(body),
    pinned: false,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    components: Array.isArray(body.components) ? body.components : [],
    ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    ...(input.applicationId ? { application_id: input.applicationId } : {}),
  };
}

/** Applies an edit body to a stored message the way `PATCH` does: given fields replace, absent ones stay. */
export function editMessage(message: Json, body: Json, files: RecordedFile[]): Json {
  const edited: Json = { ...message, edited_timestamp: new Date().toISOString() };
  if ('content' in body) edited.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) edited.embeds = embedsOf(body);
  if ('components' in body) edited.components = Array.isArray(body.components) ? body.components : [];
  if (files.length > 0) edited.attachments = attachmentsOf(files, body);
  if ('content' in body) edited.mention_everyone = mentionsEveryone(body);
  return edited;
}
