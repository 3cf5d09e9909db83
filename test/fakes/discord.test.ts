import { once } from 'node:events';
import { ApplicationCommandOptionType, ChannelType, Client, DiscordAPIError, EmbedBuilder, Events, GatewayIntentBits, HTTPError, PermissionFlagsBits, Routes } from 'discord.js';
import type { ClientOptions, Interaction, RESTPostAPIChatInputApplicationCommandsJSONBody, TextChannel } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_INVOKER, startFakeDiscord } from './discord.js';
import type { FakeDiscord, FakeDiscordOptions } from './discord.js';

// The fake is only worth something if the real discord.js accepts it, so every behaviour is checked
// through a real Client (REST + gateway), plus raw requests where discord.js would hide the wire.

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function start(options: FakeDiscordOptions = {}, clientOptions: Partial<ClientOptions> = {}): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await startFakeDiscord(options);
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: `${fake.url}/api`, offset: 0, retries: 0, ...clientOptions.rest },
    allowedMentions: { parse: [] },
    ...(clientOptions.ws ? { ws: clientOptions.ws } : {}),
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  return { fake, client };
}

function nextInteraction(bot: Client): Promise<Interaction> {
  return once(bot, Events.InteractionCreate).then(([interaction]) => interaction as Interaction);
}

async function textChannel(bot: Client, id: string): Promise<TextChannel> {
  const channel = await bot.channels.fetch(id);
  if (channel?.type !== ChannelType.GuildText) throw new Error(`channel ${id} is not a text channel`);
  return channel;
}

const PRICE_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'price',
  description: "A model's prices per 1M tokens",
  options: [
    { name: 'model', description: 'Model name', type: ApplicationCommandOptionType.String, required: true, autocomplete: true },
    { name: 'n', description: 'How many', type: ApplicationCommandOptionType.Integer },
  ],
};

/** The API error a promise rejects with. */
async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

describe('fake Discord with the real discord.js: login and gateway', () => {
  it('logs in, fires clientReady with the guild cached, and records IDENTIFY with the Guilds intent', async () => {
    const { fake, client } = await start();

    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.available).toBe(true);
    expect(guild?.ownerId).toBe(fake.guild.ownerId);
    expect(guild?.roles.everyone.id).toBe(fake.guild.id);
    expect(guild?.channels.cache.map((channel) => channel.name)).toEqual(['general', 'briefs']);
    expect(guild?.members.me?.id).toBe(fake.botUserId);

    expect(fake.gateway.identifies).toEqual([expect.objectContaining({ token: fake.token, intents: 1, shard: [0, 1] })]);
    const [gatewayCall] = fake.callsTo('GET', '/gateway/bot');
    expect(gatewayCall?.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(gatewayCall?.status).toBe(200);
  });

  it('acknowledges heartbeats, so discord.js measures a ping and never reconnects a "zombie" connection', async () => {
    const { fake, client } = await start({ heartbeatIntervalMs: 100 });

    await vi.waitFor(() => expect(fake.gateway.heartbeats).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.resumes).toBe(0);
  });

  it('after dropGateway (4000) discord.js resumes the session, and interactions still arrive', async () => {
    const { fake, client } = await start();
    const reconnecting = once(client, Events.ShardReconnecting);

    fake.dropGateway();
    await reconnecting;
    await fake.waitForGateway();
    const arrived = nextInteraction(client);
    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'top' }));

    expect((await arrived).id).toBe(payload.id);
    expect(fake.gateway.resumes).toBe(1);
    expect(fake.gateway.identifies).toHaveLength(1);
  });

  it('replays an interaction dispatched while the connection was dead (1006) once discord.js resumes', async () => {
    const { fake, client } = await start();
    const arrived = nextInteraction(client);

    fake.dropGateway(1006);
    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'top' }));

    expect((await arrived).id).toBe(payload.id);
    expect(fake.gateway.resumes).toBe(1);
  });

  it('answers RESUME of an invalidated session with op 9, and discord.js identifies again', async () => {
    // discord.js spaces identifies 5 s apart; a test has no reason to wait for that.
    const throttler = { waitForIdentify: async (): Promise<void> => {} };
    const { fake, client } = await start({}, { ws: { buildIdentifyThrottler: () => throttler } });

    fake.dropGateway(4000, { invalidateSession: true });
    await vi.waitFor(() => expect(fake.gateway.identifies).toHaveLength(2), { timeout: 5_000 });
    await fake.waitForGateway();
    const arrived = nextInteraction(client);
    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'top' }));

    expect((await arrived).id).toBe(payload.id);
    expect(fake.gateway.received.map((frame) => frame.op)).toContain(6);
  });

  it('refuses a wrong token: 401 on /gateway/bot, so discord.js login rejects', async () => {
    fake = await startFakeDiscord();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: `${fake.url}/api`, offset: 0, retries: 0 } });

    await expect(client.login('not-the-token')).rejects.toThrow(/invalid token/i);
    expect(fake.callsTo('GET', '/gateway/bot')[0]?.status).toBe(401);
  });

  it('closes 4014 when the client asks for a privileged intent the app has not enabled', async () => {
    fake = await startFakeDiscord();
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
      rest: { api: `${fake.url}/api`, offset: 0, retries: 0 },
    });

    await expect(client.login(fake.token)).rejects.toThrow(/disallowed intents/i);
    expect(fake.gateway.identifies).toHaveLength(0);
  });

  it('speaks the gateway protocol to a raw client: HELLO, heartbeat ACK, 4004 on a wrong token, 4012 on a wrong version', async () => {
    fake = await startFakeDiscord();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
    const frames: unknown[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await vi.waitFor(() => expect(frames).toHaveLength(1));

    expect(frames[0]).toEqual({ op: 10, d: { heartbeat_interval: 41_250, _trace: expect.any(Array) }, s: null, t: null });
    socket.send(JSON.stringify({ op: 1, d: null }));
    await vi.waitFor(() => expect(frames[1]).toMatchObject({ op: 11 }));
    const closed = once(socket, 'close');
    socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    expect((await closed)[0]).toBe(4004);

    const oldVersion = new WebSocket(`${fake.gatewayUrl}?v=6&encoding=json`);
    expect((await once(oldVersion, 'close'))[0]).toBe(4012);
  });

  it('dispatches any gateway event to the client', async () => {
    const { fake, client } = await start();
    const deleted = once(client, Events.GuildDelete);

    fake.dispatch('GUILD_DELETE', { id: fake.guild.id });

    expect((await deleted)[0]).toMatchObject({ id: fake.guild.id });
    expect(client.guilds.cache.has(fake.guild.id)).toBe(false);
  });
});

describe('fake Discord with the real discord.js: interactions', () => {
  it('delivers a chat command that discord.js parses, and records reply() at the callback route without auth', async () => {
    const { fake, client } = await start();
    const arrived = nextInteraction(client);
    const payload = fake.sendInteraction(
      fake.commandInteraction({ name: 'price', options: { model: 'kimi', n: 3 }, permissions: PermissionFlagsBits.ManageGuild }),
    );

    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.commandName).toBe('price');
    expect(interaction.options.getString('model', true)).toBe('kimi');
    expect(interaction.options.getInteger('n')).toBe(3);
    expect(interaction.channelId).toBe(fake.channelId('general'));
    expect(interaction.channel?.id).toBe(fake.channelId('general'));
    expect(interaction.guildId).toBe(fake.guild.id);
    expect(interaction.user.username).toBe('alice');
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    expect(interaction.appPermissions.has(PermissionFlagsBits.SendMessages)).toBe(true);

    await interaction.reply({ content: 'Kimi K2: $0.60 in / $2.50 out' });

    expect(await fake.waitForInteractionResponse(payload.id)).toEqual({
      type: 4,
      data: expect.objectContaining({ content: 'Kimi K2: $0.60 in / $2.50 out', allowed_mentions: { parse: [] } }),
    });
    const [call] = fake.callsTo('POST', `/interactions/${payload.id}/${payload.token}/callback`);
    expect(call?.headers.authorization).toBeUndefined();
    expect(call?.status).toBe(204);
    expect(fake.interaction(payload.id)?.original).toMatchObject({ content: 'Kimi K2: $0.60 in / $2.50 out', type: 20 });
  });

  it('records deferReply as type 5, editReply as a PATCH of %40original, and followUp as a webhook POST', async () => {
    const { fake, client } = await start();
    const arrived = nextInteraction(client);
    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'brief' }));
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');

    await interaction.deferReply();
    expect(await fake.waitForInteractionResponse(payload.id)).toEqual({ type: 5, data: { flags: 0 } });
    const edited = await interaction.editReply({ content: 'This week', embeds: [new EmbedBuilder().setTitle('Top models')] });
    const followUp = await interaction.followUp({ content: 'More next week' });

    const [patch] = fake.callsTo('PATCH', `/webhooks/${fake.applicationId}/${payload.token}/messages/@original`);
    expect(patch?.rawPath).toContain('/messages/%40original');
    expect(patch?.body).toMatchObject({ content: 'This week', embeds: [{ title: 'Top models' }] });
    expect(edited.content).toBe('This week');
    expect(edited.embeds[0]?.title).toBe('Top models');
    expect(fake.interaction(payload.id)?.original).toMatchObject({ content: 'This week', flags: 0 });
    expect(followUp.content).toBe('More next week');
    expect(fake.callsTo('POST', `/webhooks/${fake.applicationId}/${payload.token}`)[0]?.query).toEqual({ wait: 'true' });
  });

  it('serves a bot written the usual way: a listener defers then edits, and the test waits on the fake', async () => {
    const { fake, client } = await start();
    client.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply(`/${interaction.commandName} done`);
    });

    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'brief' }));
    const [edit] = await fake.waitForCall('PATCH', `/webhooks/:app/${payload.token}/messages/@original`);

    expect(edit?.body).toMatchObject({ content: '/brief done' });
    // Calls are recorded on arrival; let the answer reach the listener before the client is destroyed.
    await vi.waitFor(() => expect(edit?.status).toBe(200));
    expect(fake.interaction(payload.id)?.callback).toEqual({ type: 5, data: { flags: 0 } });
    await expect(fake.waitForCall('DELETE', '/webhooks/:app/:token/messages/:id', { timeoutMs: 50 })).rejects.toThrow(/no 1 × DELETE/);
  });

  it('answers reply({ withResponse }) with the created message, as Discord does', async () => {
    const { fake, client } = await start();
    const arrived = nextInteraction(client);
    fake.sendInteraction(fake.commandInteraction({ name: 'top' }));
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');

    const response = await interaction.reply({ content: 'Top 10', withResponse: true });

    expect(response.resource?.message?.content).toBe('Top 10');
    expect(response.interaction.id).toBe(interaction.id);
  });

  it('records an autocomplete respond() as type 8 and rejects more than 25 choices', async () => {
    const { fake, client } = await start();
    await client.application?.commands.set([PRICE_COMMAND], fake.guild.id);
    const arrived = nextInteraction(client);
    const payload = fake.sendInteraction(fake.autocompleteInteraction({ name: 'price', focused: { name: 'model', value: 'ki' } }));

    const interaction = await arrived;
    if (!interaction.isAutocomplete()) throw new Error('expected an autocomplete interaction');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'model', value: 'ki' });
    expect(interaction.commandId).toBe(fake.commands(fake.guild.id)[0]?.id);
    await interaction.respond([{ name: 'Kimi K2', value: 'moonshotai/kimi-k2' }]);

    expect(await fake.waitForInteractionResponse(payload.id)).toEqual({
      type: 8,
      data: { choices: [expect.objectContaining({ name: 'Kimi K2', value: 'moonshotai/kimi-k2' })] },
    });

    const tooMany = nextInteraction(client);
    fake.sendInteraction(fake.autocompleteInteraction({ name: 'price', focused: { name: 'model', value: 'a' } }));
    const second = await tooMany;
    if (!second.isAutocomplete()) throw new Error('expected an autocomplete interaction');
    const choices = Array.from({ length: 26 }, (_, index) => ({ name: `m${index}`, value: `m${index}` }));
    const error = await apiError(second.respond(choices));
    expect(error.code).toBe(50035);
    expect(error.message).toContain('data.choices[BASE_TYPE_MAX_LENGTH]');
  });

  it('validates interaction replies and edits like channel messages', async () => {
    const { fake, client } = await start();
    const arrived = nextInteraction(client);
    fake.sendInteraction(fake.commandInteraction({ name: 'top' }));
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');

    expect((await apiError(interaction.reply('x'.repeat(2001)))).message).toContain('data.content[BASE_TYPE_MAX_LENGTH]');
    await interaction.deferReply();
    const edit = await apiError(interaction.editReply({ embeds: Array.from({ length: 11 }, () => ({ description: 'x' })) }));
    expect(edit.message).toContain('embeds[BASE_TYPE_MAX_LENGTH]');
    await expect(interaction.editReply({ content: 'fine' })).resolves.toMatchObject({ content: 'fine' });
  });

  it('answers an initial response after the deadline with 10062 Unknown interaction', async () => {
    const { fake, client } = await start({ interactionDeadlineMs: 0 });
    const arrived = nextInteraction(client);
    fake.sendInteraction(fake.commandInteraction({ name: 'top' }));
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');

    const error = await apiError(interaction.reply('too late'));
    expect([error.code, error.status]).toEqual([10062, 404]);
  });

  it('answers a second callback with 40060, a wrong token with 10062, and an edit before any response with 10015', async () => {
    const { fake } = await start();
    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'top' }));
    const request = (path: string, method: string, body: unknown): Promise<Response> =>
      fetch(`${fake.url}/api/v10${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const callback = (token: string): Promise<Response> =>
      request(`/interactions/${payload.id}/${token}/callback`, 'POST', { type: 4, data: { content: 'hi' } });
    const original = `/webhooks/${fake.applicationId}/${payload.token}/messages/@original`;

    const early = await request(original, 'PATCH', { content: 'edit' });
    expect([early.status, await early.json()]).toEqual([404, { message: 'Unknown Webhook', code: 10015 }]);
    expect((await callback('not-the-token')).status).toBe(404);
    expect((await callback(payload.token)).status).toBe(204);
    const again = await callback(payload.token);
    expect([again.status, await again.json()]).toEqual([400, { message: 'Interaction has already been acknowledged.', code: 40060 }]);
    const edited = await request(original, 'PATCH', { content: 'edited' });
    expect(await edited.json()).toMatchObject({ content: 'edited', webhook_id: fake.applicationId });
  });

  it('builds interactions from the registered command and refuses options it does not have', async () => {
    const { fake, client } = await start();
    const registered = await client.application?.commands.set([
      PRICE_COMMAND,
      {
        name: 'admin',
        description: 'Admin settings',
        default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
        options: [
          {
            name: 'channel',
            description: 'Set the brief channel',
            type: ApplicationCommandOptionType.Subcommand,
            options: [{ name: 'name', description: 'Channel', type: ApplicationCommandOptionType.String, required: true }],
          },
        ],
      },
    ]);
    expect(registered?.map((command) => command.name).sort()).toEqual(['admin', 'price']);

    expect(() => fake.commandInteraction({ name: 'price', options: { model: 'x', colour: 'red' } })).toThrow(/no option "colour"/);
    expect(() => fake.commandInteraction({ name: 'price', options: { n: 2 } })).toThrow(/requires option "model"/);
    expect(() => fake.commandInteraction({ name: 'price', options: { model: 'x', n: 'two' } })).toThrow(/type 4/);
    expect(() => fake.commandInteraction({ name: 'admin' })).toThrow(/needs a subcommand/);
    expect(() => fake.autocompleteInteraction({ name: 'price', focused: { name: 'n', value: '1' }, options: { model: 'x' } })).toThrow(/autocomplete/);

    const arrived = nextInteraction(client);
    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'admin', subcommand: 'channel', options: { name: 'briefs' } }));
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.commandId).toBe(registered?.find((command) => command.name === 'admin')?.id);
    expect(interaction.options.getSubcommand()).toBe('channel');
    expect(interaction.options.getString('name')).toBe('briefs');
    // A member without Manage Server, as Discord reports it: the bot must check this at run time.
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
    expect(payload.member).toMatchObject({ user: { id: DEFAULT_INVOKER.id }, permissions: interaction.memberPermissions?.bitfield.toString() });
  });
});

describe('fake Discord with the real discord.js: REST', () => {
  it('creates messages, echoing them as discord.js expects', async () => {
    const { fake, client } = await start();
    const channel = await textChannel(client, fake.channelId('briefs'));

    const message = await channel.send({ content: 'Weekly brief @everyone', embeds: [new EmbedBuilder().setTitle('W07').setDescription('CN overtook US')] });

    expect(message.content).toBe('Weekly brief @everyone');
    expect(message.author.id).toBe(fake.botUserId);
    expect(message.embeds[0]?.description).toBe('CN overtook US');
    expect(fake.messages(channel.id)).toEqual([expect.objectContaining({ id: message.id, mention_everyone: false })]);
    const [call] = fake.callsTo('POST', '/channels/:id/messages');
    expect(call?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(call?.headers.authorization).toBe(`Bot ${fake.token}`);
  });

  it('rejects 11 embeds, 2001 characters and 6001 embed characters with 50035 Invalid Form Body', async () => {
    const { fake, client } = await start();
    const channel = await textChannel(client, fake.channelId('general'));
    const embed = (description: string): EmbedBuilder => new EmbedBuilder().setDescription(description);

    const tooManyEmbeds = await apiError(channel.send({ embeds: Array.from({ length: 11 }, () => embed('x')) }));
    expect(tooManyEmbeds.code).toBe(50035);
    expect(tooManyEmbeds.status).toBe(400);
    expect(tooManyEmbeds.rawError).toMatchObject({
      errors: { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] } },
    });
    expect((await apiError(channel.send('x'.repeat(2001)))).message).toContain('content[BASE_TYPE_MAX_LENGTH]');
    expect((await apiError(channel.send({ embeds: [embed('a'.repeat(4000)), embed('b'.repeat(2001))] }))).message).toContain(
      'MAX_EMBED_SIZE_EXCEEDED',
    );
    // Lengths are code points: 2000 emoji (4000 UTF-16 units) are a valid message.
    await expect(channel.send('🚀'.repeat(2000))).resolves.toMatchObject({ content: '🚀'.repeat(2000) });
    expect(fake.messages(channel.id)).toHaveLength(1);
  });

  it('lists channel messages newest first, paged with before and after; members write there too', async () => {
    const { fake, client } = await start();
    const channel = fake.channelId('general');
    const ids = [1, 2, 3, 4, 5].map((i) => String(fake.memberMessage(channel, `message ${i}`).id));
    const list = async (query: Record<string, string>) =>
      ((await client.rest.get(Routes.channelMessages(channel), { query: new URLSearchParams(query) })) as Array<{ content: string; author: { id: string } }>).map((m) => m.content);
    expect(await list({ limit: '2' })).toEqual(['message 5', 'message 4']);
    expect(await list({ limit: '2', before: ids[3] ?? '' })).toEqual(['message 3', 'message 2']);
    expect(await list({ limit: '2', after: ids[0] ?? '' })).toEqual(['message 3', 'message 2']);
    expect(await list({})).toHaveLength(5);
    expect(fake.messages(channel)[0]?.author).toMatchObject({ id: DEFAULT_INVOKER.id });
    const bad = await apiError(client.rest.get(Routes.channelMessages(channel), { query: new URLSearchParams({ before: 'yesterday' }) }));
    expect([bad.status, bad.code]).toEqual([400, 50035]);
  });

  it('answers an unknown channel with 10003 and configured channels with 50001 / 50013', async () => {
    const { fake, client } = await start({
      guilds: [{ channels: [{ name: 'general' }, { name: 'hidden', access: 'missing-access' }, { name: 'readonly', access: 'missing-permissions' }] }],
    });

    expect((await apiError(client.rest.post(Routes.channelMessages('1'), { body: { content: 'hi' } }))).code).toBe(10003);
    expect((await apiError(client.channels.fetch('1'))).code).toBe(10003);
    expect((await apiError(client.rest.post(Routes.channelMessages(fake.channelId('hidden')), { body: { content: 'hi' } }))).code).toBe(
      50001,
    );
    const readonly = await textChannel(client, fake.channelId('readonly'));
    const denied = await apiError(readonly.send('hi'));
    expect([denied.code, denied.status, denied.message]).toEqual([50013, 403, 'Missing Permissions']);
    // discord.js sees the same restriction in the guild data, so the bot can check before posting.
    const me = client.guilds.cache.get(fake.guild.id)?.members.me;
    expect(me && readonly.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(me && readonly.permissionsFor(me).has(PermissionFlagsBits.ViewChannel)).toBe(true);
  });

  it('uploads files as multipart and records them with the payload_json body', async () => {
    const { fake, client } = await start();
    const channel = await textChannel(client, fake.channelId('briefs'));

    const message = await channel.send({ content: 'chart', files: [{ attachment: Buffer.from('not really a png'), name: 'chart.png' }] });

    const [call] = fake.callsTo('POST', '/channels/:id/messages');
    expect(call?.body).toMatchObject({ content: 'chart', attachments: [{ id: '0' }] });
    expect(call?.files).toEqual([{ field: 'files[0]', name: 'chart.png', contentType: expect.any(String), size: 16, bytes: Buffer.from('not really a png') }]);
    expect(message.attachments.first()?.name).toBe('chart.png');
  });

  it('makes discord.js sleep through a 429 with Retry-After 0.2 and retry, even with retries: 0', async () => {
    const { fake, client } = await start();
    const channel = await textChannel(client, fake.channelId('general'));
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2 });

    const message = await channel.send('after the rate limit');

    expect(message.content).toBe('after the rate limit');
    const calls = fake.callsTo('POST', '/channels/:id/messages');
    expect(calls.map((call) => call.status)).toEqual([429, 200]);
  });

  it('sends the 429 headers and body Discord sends, and enforces per-channel buckets', async () => {
    fake = await startFakeDiscord({ rateLimits: { createMessage: { limit: 2, windowSeconds: 60 } } });
    const { url, token } = fake;
    const post = (channelId: string): Promise<Response> =>
      fetch(`${url}/api/v10/channels/${channelId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
        body: '{"content":"hi"}',
      });
    fake.failNext(/^POST \/channels\/\d+\/messages$/, { status: 429, retryAfter: 0.25, global: true });

    const global = await post(fake.channelId('general'));
    expect(global.status).toBe(429);
    expect(global.headers.get('retry-after')).toBe('0.25');
    expect(global.headers.get('x-ratelimit-global')).toBe('true');
    expect(global.headers.get('x-ratelimit-scope')).toBe('global');
    expect(await global.json()).toEqual({ message: 'You are being rate limited.', retry_after: 0.25, global: true });

    const first = await post(fake.channelId('general'));
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(first.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(0);
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await post(fake.channelId('general'))).headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await post(fake.channelId('general'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
    // Buckets are per channel: another channel still has its own two.
    expect((await post(fake.channelId('briefs'))).status).toBe(200);
  });

  it('announces buckets that discord.js reads and waits on instead of running into a 429', async () => {
    const { fake, client } = await start({ rateLimits: { createMessage: { limit: 2, windowSeconds: 0.3 } } });
    const channel = await textChannel(client, fake.channelId('briefs'));

    for (const text of ['one', 'two', 'three']) await channel.send(text);

    expect(fake.callsTo('POST', '/channels/:id/messages').map((call) => call.status)).toEqual([200, 200, 200]);
  });

  it('fails once with 500 (retried when the client allows it) and hangs until the client times out', async () => {
    const { fake, client } = await start({}, { rest: { timeout: 300, retries: 0 } });
    const channel = await textChannel(client, fake.channelId('general'));

    fake.failNext('POST /channels/:id/messages', { status: 500 });
    const serverError: unknown = await channel.send('x').catch((error: unknown) => error);
    expect(serverError).toBeInstanceOf(HTTPError);
    expect((serverError as HTTPError).status).toBe(500);

    fake.failNext('POST /channels/:id/messages', { status: 404, code: 10003 });
    expect((await apiError(channel.send('x'))).message).toBe('Unknown Channel');

    fake.failNext('POST /channels/:id/messages', { hang: true });
    await expect(channel.send('x')).rejects.toThrow(/abort/i);

    client.rest.options.retries = 1;
    fake.failNext('POST /channels/:id/messages', { status: 500 });
    await expect(channel.send('retried')).resolves.toMatchObject({ content: 'retried' });
    expect(fake.callsTo('POST', '/channels/:id/messages').map((call) => call.status)).toEqual([500, 404, null, 500, 200]);
  });

  it('registers global and guild commands, keeping ids across overwrites, and validates their shape', async () => {
    const { fake, client } = await start();
    const commands = client.application?.commands;
    if (!commands) throw new Error('no application');

    const first = await commands.set([PRICE_COMMAND]);
    const again = await commands.set([PRICE_COMMAND, { name: 'top', description: 'Top models' }]);
    expect(again.get(first.first()?.id ?? '')?.name).toBe('price');
    expect(fake.commands().map((command) => command.name)).toEqual(['price', 'top']);
    expect(fake.callsTo('PUT', `/applications/${fake.applicationId}/commands`)).toHaveLength(2);

    await commands.set([{ name: 'brief', description: 'This week' }], fake.guild.id);
    expect(fake.commands(fake.guild.id)).toEqual([expect.objectContaining({ name: 'brief', guild_id: fake.guild.id })]);

    const invalid: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
      { name: 'Price', description: 'uppercase' },
      { name: 'long', description: 'd'.repeat(101) },
      {
        name: 'choices',
        description: 'too many choices',
        options: [
          {
            name: 'c',
            description: 'c',
            type: ApplicationCommandOptionType.String,
            choices: Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, value: `c${index}` })),
          },
        ],
      },
    ];
    const error = await apiError(commands.set(invalid));
    expect(error.code).toBe(50035);
    expect(error.rawError).toMatchObject({
      errors: {
        0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } },
        1: { description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } },
        2: { options: { 0: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
      },
    });
    expect((await apiError(commands.set([], '42'))).code).toBe(50001);
  });

  it('requires the bot token on bot routes and answers unknown routes like Discord', async () => {
    fake = await startFakeDiscord();
    const get = async (path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> => {
      const response = await fetch(`${fake?.url}/api/v10${path}`, { headers });
      return { status: response.status, body: await response.json() };
    };

    expect(await get('/gateway/bot')).toEqual({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
    expect((await get('/gateway/bot', { authorization: 'Bot wrong' })).status).toBe(401);
    expect(await get('/gateway/bot', { authorization: `Bot ${fake.token}` })).toEqual({
      status: 200,
      body: { url: fake.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 14_400_000, max_concurrency: 1 } },
    });
    expect(await get('/gateway')).toEqual({ status: 200, body: { url: fake.gatewayUrl } });
    expect(await get('/nope', { authorization: `Bot ${fake.token}` })).toEqual({ status: 404, body: { message: '404: Not Found', code: 0 } });
    expect(fake.calls.map((call) => call.status)).toEqual([401, 401, 200, 200, 404]);
  });
});

describe('fake Discord: message limits', () => {
  const tooLong = (max: number): unknown => ({ _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }] });
  const requiredField = { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] };
  const post = async (body: unknown): Promise<{ status: number; body: unknown }> => {
    const discord = await startFakeDiscord();
    fake = discord;
    const response = await fetch(`${discord.url}/api/v10/channels/${discord.channelId('general')}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const fields = (count: number): unknown[] => Array.from({ length: count }, () => ({ name: 'n', value: 'v' }));

  it.each([
    ['a 257-character title', { title: 'x'.repeat(257) }, { title: tooLong(256) }],
    ['a 4097-character description', { description: 'x'.repeat(4097) }, { description: tooLong(4096) }],
    ['26 fields', { fields: fields(26) }, { fields: tooLong(25) }],
    ['a 257-character field name', { fields: [{ name: 'x'.repeat(257), value: 'v' }] }, { fields: { 0: { name: tooLong(256) } } }],
    ['a 1025-character field value', { fields: [{ name: 'n', value: 'x'.repeat(1025) }] }, { fields: { 0: { value: tooLong(1024) } } }],
    ['an empty field value', { fields: [{ name: 'n', value: '' }] }, { fields: { 0: { value: requiredField } } }],
    ['a 2049-character footer', { footer: { text: 'x'.repeat(2049) } }, { footer: { text: tooLong(2048) } }],
    ['a 257-character author name', { author: { name: 'x'.repeat(257) } }, { author: { name: tooLong(256) } }],
  ])('rejects an embed with %s, naming the bad field', async (_label, embed, errors) => {
    expect(await post({ embeds: [embed] })).toEqual({
      status: 400,
      body: { code: 50035, message: 'Invalid Form Body', errors: { embeds: { 0: errors } } },
    });
  });

  it('accepts a message at every limit: 2000 characters of content and 10 embeds of 6000 characters in all', async () => {
    const embed = { title: 't'.repeat(256), description: 'd'.repeat(294), fields: [{ name: 'n'.repeat(25), value: 'v'.repeat(25) }] };
    const { status, body } = await post({ content: 'c'.repeat(2000), embeds: Array.from({ length: 10 }, () => embed) });

    expect(status).toBe(200);
    expect(body).toMatchObject({ content: 'c'.repeat(2000), embeds: Array.from({ length: 10 }, () => ({ type: 'rich', ...embed })) });
  });

  it('rejects a message with nothing to show with 50006', async () => {
    expect(await post({ content: '', embeds: [] })).toEqual({ status: 400, body: { code: 50006, message: 'Cannot send an empty message' } });
  });
});
