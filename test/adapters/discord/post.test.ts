import { describe, expect, it } from 'vitest';
import { REST, RESTEvents } from 'discord.js';
import { createDiscordPoster, discordPoster } from '../../../src/adapters/discord/post.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { DeliveryError } from '../../../src/core/ports/poster.js';
import type { Store } from '../../../src/core/ports/store.js';
import { DEFAULT_COUNTRY_MAP } from '../../../src/core/identity.js';
import { DEFAULT_THRESHOLDS } from '../../../src/core/thresholds.js';
import type { Brief } from '../../../src/core/types.js';
import { buildBrief } from '../../../src/jobs/brief.js';
import { briefMessages } from '../../../src/render/discord-embeds.js';
import type { FakeDiscordOptions } from '../../fakes/discord.js';
import { discordConfig, sampleStore, storeWithModels, useDiscordBot, type Running } from './harness.js';

const discord = useDiscordBot();

const CHANNELS: FakeDiscordOptions = {
  guilds: [{ channels: [{ name: 'general' }, { name: 'briefs' }, { name: 'hidden', access: 'missing-access' }, { name: 'readonly', access: 'missing-permissions' }] }],
};

async function start(store: Store, options: FakeDiscordOptions = CHANNELS): Promise<Running & { brief: Brief }> {
  const running = await discord.start({ store, fake: options });
  const brief = await buildBrief(store, { countries: DEFAULT_COUNTRY_MAP, thresholds: DEFAULT_THRESHOLDS });
  return { ...running, brief };
}

const at = (channel: string): ChannelRef => ({ platform: 'discord', workspace: discord.running.fake.guild.id, channel });

/** Posts through the bot's poster, as `/brief post` and a scheduler do. */
const postBrief = (bot: Running['bot'], channel: string, brief: Brief) => bot.poster.post(at(channel), brief);

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

describe('the Discord poster', () => {
  it('posts the brief as embeds into a channel, with the source line and no pings', async () => {
    const { fake, bot, brief } = await start(await sampleStore());

    const { messageIds } = await postBrief(bot, fake.channelId('briefs'), brief);

    expect(messageIds).toHaveLength(1);
    const [posted] = fake.messages(fake.channelId('briefs'));
    expect(posted).toMatchObject({ id: messageIds[0], embeds: [{ title: expect.stringContaining('week 2026-W10'), footer: { text: expect.stringContaining('Source: OpenRouter') } }] });
    expect(fake.callsTo('POST', '/channels/:id/messages')[0]?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('splits a huge brief across messages, in order, each within Discord\'s limits', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `Model ${i} @everyone ${'*_`~|>[]'.repeat(40)}`);
    const { fake, bot, brief } = await start(await storeWithModels(names));

    const { messageIds } = await postBrief(bot, fake.channelId('briefs'), brief);

    expect(messageIds.length).toBe(briefMessages(brief).length);
    expect(messageIds.length).toBeGreaterThan(1);
    expect(fake.callsTo('POST', '/channels/:id/messages').map((call) => call.status)).toEqual(messageIds.map(() => 200));
    expect(fake.messages(fake.channelId('briefs')).map((m) => m.id)).toEqual(messageIds);
  });

  it.each([
    ['an unknown channel', () => '1180000000000009999', 10003, 404],
    ['a channel the bot cannot see', () => discord.running.fake.channelId('hidden'), 50001, 403],
    ['a channel the bot may not post in', () => discord.running.fake.channelId('readonly'), 50013, 403],
  ])('%s is a permanent failure, typed', async (_label, channel, code, status) => {
    const { bot, brief } = await start(await sampleStore());
    const channelId = channel();

    const error = await failure(postBrief(bot, channelId, brief));

    expect(error).toMatchObject({ code: 'delivery_failed', channel: at(channelId), permanent: true, reason: String(code), posted: [] });
    // Discord's own error stays attached for the log.
    expect(error.cause).toMatchObject({ status, code });
    expect(error.message).toContain(String(code));
  });

  it('a 5xx is transient; a cut connection too', async () => {
    const { fake, bot, brief } = await start(await sampleStore());
    fake.failNext('POST /channels/:id/messages', { status: 502 });

    const error = await failure(postBrief(bot, fake.channelId('briefs'), brief));
    expect(error).toMatchObject({ permanent: false, reason: 'http_502' });

    fake.failNext('POST /channels/:id/messages', { destroy: true });
    const offline = await failure(postBrief(bot, fake.channelId('briefs'), brief));
    expect(offline).toMatchObject({ permanent: false, reason: 'request_failed' });
  });

  it('a 429 is waited out by discord.js itself and the post goes through', async () => {
    const { fake, bot, brief } = await start(await sampleStore());
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.1 });

    await expect(postBrief(bot, fake.channelId('briefs'), brief)).resolves.toMatchObject({ messageIds: [expect.any(String)] });
    expect(fake.callsTo('POST', '/channels/:id/messages').map((call) => call.status)).toEqual([429, 200]);
  });

  it('a bad token (401) is permanent', async () => {
    const { fake, bot, brief } = await start(await sampleStore());
    fake.failNext('POST /channels/:id/messages', { status: 401 });

    const error = await failure(postBrief(bot, fake.channelId('briefs'), brief));

    expect(error).toMatchObject({ permanent: true, reason: 'http_401' });
  });

  it('a failure half way through a split brief names the messages already posted, so the rest can be resumed', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `Model ${i} ${'*_`~|>[]'.repeat(40)}`);
    const { fake, brief } = await start(await storeWithModels(names));
    const rest = new REST({ api: discordConfig(fake).apiUrl, retries: 0, offset: 0 }).setToken(fake.token);
    // Refuse the second message: the first is in the channel by then.
    rest.once(RESTEvents.Response, () => fake.failNext('POST /channels/:id/messages', { status: 403, code: 50013 }));

    const error = await failure(discordPoster(rest).post(at(fake.channelId('briefs')), brief));

    const first = fake.messages(fake.channelId('briefs')).map((m) => m.id);
    expect(first).toHaveLength(1);
    expect(error).toMatchObject({ permanent: true, reason: '50013', posted: first });
  });

  it('a poster of its own posts over REST only: no gateway connection, and one poster serves many channels', async () => {
    const { fake, brief } = await start(await sampleStore());
    const connections = fake.gateway.connections;
    const poster = createDiscordPoster({ ...discordConfig(fake), rest: { retries: 0, offset: 0 } });

    const general = await poster.post(at(fake.channelId('general')), brief);
    const briefs = await poster.post(at(fake.channelId('briefs')), brief);

    expect(fake.messages(fake.channelId('general')).map((m) => m.id)).toEqual(general.messageIds);
    expect(fake.messages(fake.channelId('briefs')).map((m) => m.id)).toEqual(briefs.messageIds);
    expect(fake.gateway.connections).toBe(connections);
  });
});
