import { EventEmitter } from 'node:events';
import { Permission } from './permissions.js';

// What the fake Discord knows: its bot, its guilds and channels, the commands registered with it, the
// interactions it sent and what came back, and every REST call. REST handlers and the gateway share it.

/** How a channel treats the bot: `missing-access` hides it (403 50001), `missing-permissions` forbids posting (403 50013). */
export type ChannelAccess = 'ok' | 'missing-access' | 'missing-permissions';

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 text, 5 announcement, … */
  type: number;
  access: ChannelAccess;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  channels: FakeChannel[];
  /** Includes `@everyone` (id = guild id) and the bot's managed role. */
  roles: FakeRole[];
  botRoleId: string;
}

export interface FakeChannelOptions {
  id?: string;
  name: string;
  type?: number;
  access?: ChannelAccess;
}

export interface FakeGuildOptions {
  id?: string;
  name?: string;
  ownerId?: string;
  preferredLocale?: string;
  channels?: FakeChannelOptions[];
  /** Permissions of `@everyone`; defaults to what a new server grants. */
  everyonePermissions?: bigint;
  /** Extra roles members can hold (give interaction invokers their ids). */
  roles?: { id: string; name: string; permissions: bigint }[];
}

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
  /** The file's bytes, for tests that look inside (a PNG's size, its pixels). */
  bytes: Buffer;
}

export interface RecordedCall {
  method: string;
  /** Decoded path below `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The request target as it arrived, e.g. `/api/v10/webhooks/1/tok/messages/%40original?wait=true`. */
  rawPath: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON (or a multipart request's `payload_json`); undefined without a body. */
  body: unknown;
  files: RecordedFile[];
  /** Null until answered (and forever for a hung request). */
  status: number | null;
}

export type Json = Record<string, unknown>;

export interface InteractionRecord {
  /** The INTERACTION_CREATE payload as dispatched. */
  payload: Json & { id: string; token: string; type: number };
  sentAt: number;
  /** The initial response (`POST .../callback` body), or null while unanswered. */
  callback: { type: number; data?: unknown } | null;
  /** The original response message (after a type 4 reply or an edit of a deferred one). */
  original: Json | null;
  followUps: Json[];
}

export interface World {
  token: string;
  applicationId: string;
  bot: { id: string; username: string };
  guilds: FakeGuild[];
  calls: RecordedCall[];
  /** Messages posted with `POST /channels/{id}/messages`, by channel id (DM channels too). */
  messages: Map<string, Json[]>;
  /** `enforce_nonce` memory: the message a (channel, nonce) created, and when. */
  nonces: Map<string, { message: Json; at: number }>;
  /** DM channels the bot opened (`POST /users/@me/channels`), by channel id → the user's id. */
  dms: Map<string, string>;
  commands: { global: Json[]; byGuild: Map<string, Json[]> };
  interactions: Map<string, InteractionRecord>;
  /** Emits `change` whenever a call, response or gateway event is recorded, for the wait helpers. */
  events: EventEmitter;
}

export const DEFAULTS = {
  token: 'fake-bot-token',
  applicationId: '1180000000000000001',
  guildId: '1180000000000000100',
  botRoleId: '1180000000000000110',
  ownerId: '1180000000000000200',
  channels: [
    { id: '1180000000000000101', name: 'general' },
    { id: '1180000000000000102', name: 'briefs' },
  ],
} as const;

/** What a new server grants @everyone in text channels. */
export const EVERYONE_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseApplicationCommands |
  Permission.SendMessagesInThreads;

/** The bot's managed role, as invited with the permissions a posting bot asks for. */
const BOT_PERMISSIONS =
  Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks | Permission.AttachFiles | Permission.ReadMessageHistory;

function resolveGuild(options: FakeGuildOptions, index: number, botName: string): FakeGuild {
  // Defaults for a second guild must not collide with the first one's ids.
  const offset = (value: string): string => (BigInt(value) + BigInt(index * 1000)).toString();
  const id = options.id ?? offset(DEFAULTS.guildId);
  const botRoleId = offset(DEFAULTS.botRoleId);
  const channelOptions: readonly FakeChannelOptions[] = options.channels ?? DEFAULTS.channels;
  const channels = channelOptions.map((channel, position) => ({
    id: channel.id ?? offset((BigInt(DEFAULTS.channels[0].id) + BigInt(position)).toString()),
    name: channel.name,
    type: channel.type ?? 0,
    access: channel.access ?? 'ok',
  }));
  return {
    id,
    name: options.name ?? 'tokenbrief test server',
    ownerId: options.ownerId ?? DEFAULTS.ownerId,
    preferredLocale: options.preferredLocale ?? 'en-US',
    channels,
    roles: [
      { id, name: '@everyone', permissions: options.everyonePermissions ?? EVERYONE_PERMISSIONS },
      { id: botRoleId, name: botName, permissions: BOT_PERMISSIONS },
      ...(options.roles ?? []),
    ],
    botRoleId,
  };
}

export function createWorld(options: {
  token?: string;
  applicationId?: string;
  botUsername?: string;
  guilds?: FakeGuildOptions[];
}): World {
  const applicationId = options.applicationId ?? DEFAULTS.applicationId;
  const botName = options.botUsername ?? 'tokenbrief';
  const events = new EventEmitter();
  // Every wait helper listens at once; the default cap of 10 would warn about a leak that is not one.
  events.setMaxListeners(0);
  return {
    token: options.token ?? DEFAULTS.token,
    applicationId,
    // Modern applications' bot user shares the application's id.
    bot: { id: applicationId, username: botName },
    guilds: (options.guilds ?? [{}]).map((guild, index) => resolveGuild(guild, index, botName)),
    calls: [],
    messages: new Map(),
    nonces: new Map(),
    dms: new Map(),
    commands: { global: [], byGuild: new Map() },
    interactions: new Map(),
    events,
  };
}

export function findChannel(world: World, channelId: string): { guild: FakeGuild; channel: FakeChannel } | undefined {
  for (const guild of world.guilds) {
    const channel = guild.channels.find((candidate) => candidate.id === channelId);
    if (channel) return { guild, channel };
  }
  return undefined;
}

/** Resolves after `predicate` returns a value (checked now and on every change), or rejects after `timeoutMs`. */
export function waitFor<T>(world: World, predicate: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const now = predicate();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const check = (): void => {
      const value = predicate();
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error(`fake Discord closed while waiting for ${what}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`fake Discord: no ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      world.events.off('change', check);
      world.events.off('close', onClose);
    };
    world.events.on('change', check);
    world.events.on('close', onClose);
  });
}
