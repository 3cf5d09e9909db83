import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway } from './discord/gateway.js';
import type { GatewayStats } from './discord/gateway.js';
import { snowflake } from './discord/ids.js';
import { autocompleteInteraction, commandInteraction, DEFAULT_INVOKER } from './discord/interactions.js';
import { messagePayload, userPayload, type UserInput } from './discord/payloads.js';
import type { AutocompleteInteractionOptions, CommandInteractionOptions, InteractionPayload } from './discord/interactions.js';
import { createRateLimiter } from './discord/ratelimit.js';
import type { BucketRule } from './discord/ratelimit.js';
import { createRest, toRegExp } from './discord/rest.js';
import type { Failure, RouteMatcher } from './discord/rest.js';
import { createWorld, waitFor } from './discord/world.js';
import type { FakeGuild, FakeGuildOptions, InteractionRecord, Json, RecordedCall } from './discord/world.js';

// A protocol-faithful Discord on 127.0.0.1 for driving the real discord.js: REST under /api/v10 and
// the gateway on the same port. Point a client at it with
//   new Client({ intents, rest: { api: `${fake.url}/api`, offset: 0, retries: 0 } }).login(fake.token)
// Wire facts come from the design notes on chat platforms (Discord), Discord's API docs and the source
// of discord.js 14.28 / @discordjs/rest / @discordjs/ws, which these tests drive for real.

export type { AutocompleteInteractionOptions, CommandInteractionOptions, InteractionPayload } from './discord/interactions.js';
export type { BucketRule } from './discord/ratelimit.js';
export type { Failure, RouteMatcher } from './discord/rest.js';
export type { GatewayStats, IdentifyRecord } from './discord/gateway.js';
export type { ChannelAccess, FakeChannel, FakeChannelOptions, FakeGuild, FakeGuildOptions, FakeRole, InteractionRecord, Json, RecordedCall, RecordedFile } from './discord/world.js';
export { DEFAULT_INVOKER } from './discord/interactions.js';

export interface FakeDiscordOptions {
  /** The bot token clients must log in with. */
  token?: string;
  applicationId?: string;
  botUsername?: string;
  /** Guilds the bot is in; default one guild with #general and #briefs. */
  guilds?: FakeGuildOptions[];
  /** Sent in HELLO (Discord: 41250). discord.js first beats after a random fraction of it. */
  heartbeatIntervalMs?: number;
  /** Time an interaction accepts its initial response (Discord: 3 s), after which callbacks get 10062. */
  interactionDeadlineMs?: number;
  /** Privileged intents enabled for the app (GUILD_MEMBERS 2, GUILD_PRESENCES 256, MESSAGE_CONTENT 32768). */
  privilegedIntents?: number;
  /** Per-route buckets (Discord observed: message create 5 per 5 s per channel) and the global cap (50/s). */
  rateLimits?: { createMessage?: BucketRule; default?: BucketRule; globalPerSecond?: number };
}

export interface FakeDiscord {
  /** `http://127.0.0.1:P`; discord.js wants `${url}/api` as `rest.api`. */
  url: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  botUserId: string;
  guilds: FakeGuild[];
  /** The first guild. */
  guild: FakeGuild;
  /** The id of the channel called `name` (in the first guild unless `guildId` is given). */
  channelId(name: string, guildId?: string): string;

  /** Every REST call, in arrival order. */
  calls: RecordedCall[];
  /** Calls with `method` whose decoded path (below /api/v10) matches: a RegExp, or a template like `/channels/:id/messages`. */
  callsTo(method: string, path: RegExp | string): RecordedCall[];
  /** Resolves with the matching calls once `count` (default 1) have arrived (recorded on arrival, before the answer). */
  waitForCall(method: string, path: RegExp | string, options?: { count?: number; timeoutMs?: number }): Promise<RecordedCall[]>;
  /** Queues a misbehaviour for the next request matching; each is used once, in order. */
  failNext(matcher: RouteMatcher, failure: Failure): void;
  /**
   * Cuts the connection of the next `count` interaction replies (initial callbacks, edits, deletions
   * and follow-ups) without handling them, as a stale keep-alive connection does.
   */
  dropNextReplies(count: number): void;
  /** Messages in a channel: created via REST, and members' (`memberMessage`). */
  messages(channelId: string): Json[];
  /** A member (the default invoker unless given) writes in a channel, as people in a busy channel do; `at` backdates it. */
  memberMessage(channelId: string, content: string, options?: { author?: UserInput; at?: Date }): Json;
  /** Registered commands: global, or one guild's. */
  commands(guildId?: string): Json[];

  gateway: GatewayStats;
  /** Resolves when a client has an identified or resumed gateway connection. */
  waitForGateway(timeoutMs?: number): Promise<void>;
  /** How many clients have an identified or resumed gateway connection now. */
  liveGatewaySessions(): number;
  /** Sends any dispatch event (`GUILD_DELETE`, `CHANNEL_UPDATE`, …) to every session. */
  dispatch(event: string, data: unknown): void;
  /** Closes every gateway socket: a 4xxx code (default 4000) lets discord.js resume, 1006 simulates a dead connection. */
  dropGateway(code?: number, options?: { invalidateSession?: boolean }): void;

  commandInteraction(options: CommandInteractionOptions): InteractionPayload;
  autocompleteInteraction(options: AutocompleteInteractionOptions): InteractionPayload;
  /** Dispatches INTERACTION_CREATE (built, or hand-made) and tracks the responses to it. */
  sendInteraction<T extends InteractionRecord['payload']>(payload: T): T;
  interaction(id: string): InteractionRecord | undefined;
  /** The initial response (`{type, data}` of the callback) once it arrives. */
  waitForInteractionResponse(interactionId: string, timeoutMs?: number): Promise<{ type: number; data?: unknown }>;
  close(): Promise<void>;
}

const WAIT_MS = 5_000;
const INTERACTION_REPLY = /^(POST \/interactions\/[^/]+\/[^/]+\/callback|(POST|PATCH|DELETE) \/webhooks\/[^/]+\/[^/]+(\/messages\/@original)?)$/;

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const world = createWorld(options);
  let port = 0;
  const gatewayUrl = (): string => `ws://127.0.0.1:${port}/gateway`;
  const gateway = createGateway(world, {
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    privilegedIntents: options.privilegedIntents ?? 0,
    url: gatewayUrl,
  });
  const rest = createRest({
    world,
    limiter: createRateLimiter(options.rateLimits?.globalPerSecond ?? 50),
    rateLimits: {
      createMessage: options.rateLimits?.createMessage ?? { limit: 5, windowSeconds: 5 },
      default: options.rateLimits?.default ?? { limit: 50, windowSeconds: 1 },
    },
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3_000,
    gatewayUrl,
    identifies: () => gateway.stats.identifies.length,
  });

  const server = createServer((request, response) => rest.handle(request, response));
  server.on('upgrade', (request, socket, head: Buffer) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (pathname === '/gateway' || pathname === '/gateway/') gateway.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const [firstGuild] = world.guilds;
  if (!firstGuild) throw new Error('fake Discord: configure at least one guild');
  const callsTo = (method: string, path: RegExp | string): RecordedCall[] => {
    const matcher = toRegExp(path);
    return world.calls.filter((call) => call.method === method && matcher.test(call.path));
  };

  return {
    url: `http://127.0.0.1:${port}`,
    gatewayUrl: gatewayUrl(),
    token: world.token,
    applicationId: world.applicationId,
    botUserId: world.bot.id,
    guilds: world.guilds,
    guild: firstGuild,
    channelId(name, guildId) {
      const guild = guildId === undefined ? firstGuild : world.guilds.find((candidate) => candidate.id === guildId);
      const channel = guild?.channels.find((candidate) => candidate.name === name);
      if (!channel) throw new Error(`fake Discord: no channel #${name}`);
      return channel.id;
    },
    calls: world.calls,
    callsTo,
    waitForCall(method, path, { count = 1, timeoutMs = WAIT_MS } = {}) {
      const found = (): RecordedCall[] | undefined => {
        const calls = callsTo(method, path);
        return calls.length >= count ? calls : undefined;
      };
      return waitFor(world, found, timeoutMs, `${count} × ${method} ${String(path)}`);
    },
    failNext: (matcher, failure) => rest.failNext(matcher, failure),
    dropNextReplies(count) {
      for (let i = 0; i < count; i += 1) rest.failNext(INTERACTION_REPLY, { destroy: true });
    },
    messages: (channelId) => world.messages.get(channelId) ?? [],
    memberMessage(channelId, content, { author = DEFAULT_INVOKER, at = new Date() } = {}) {
      const guild = world.guilds.find((candidate) => candidate.channels.some((channel) => channel.id === channelId));
      const message = {
        ...messagePayload({ id: snowflake(at.getTime()), channelId, guildId: guild?.id, author: userPayload(author), body: { content }, files: [] }),
        timestamp: at.toISOString(),
      };
      world.messages.set(channelId, [...(world.messages.get(channelId) ?? []), message]);
      return message;
    },
    commands: (guildId) => (guildId === undefined ? world.commands.global : (world.commands.byGuild.get(guildId) ?? [])),
    gateway: gateway.stats,
    async waitForGateway(timeoutMs = WAIT_MS) {
      await waitFor(world, () => (gateway.isLive() ? true : undefined), timeoutMs, 'live gateway session');
    },
    liveGatewaySessions: () => gateway.liveSessions(),
    dispatch: (event, data) => gateway.dispatch(event, data),
    dropGateway: (code = 4000, { invalidateSession = false } = {}) => gateway.drop(code, invalidateSession),
    commandInteraction: (request) => commandInteraction(world, request),
    autocompleteInteraction: (request) => autocompleteInteraction(world, request),
    sendInteraction(payload) {
      const sentAt = Date.now();
      gateway.dispatch('INTERACTION_CREATE', payload);
      // Tracked only once dispatched; its responses can only arrive over the network, later.
      world.interactions.set(payload.id, { payload, sentAt, callback: null, original: null, followUps: [] });
      return payload;
    },
    interaction: (id) => world.interactions.get(id),
    waitForInteractionResponse(interactionId, timeoutMs = WAIT_MS) {
      return waitFor(world, () => world.interactions.get(interactionId)?.callback ?? undefined, timeoutMs, `response to interaction ${interactionId}`);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        world.events.emit('close');
        gateway.close();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and hung requests hold sockets open; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}
