import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordPoster, deliveryNonce } from '../../../src/adapters/discord/post.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { BriefPoster } from '../../../src/core/ports/poster.js';
import { startFakeDiscord, type FakeDiscord, type Json } from '../../fakes/discord.js';
import { brief, MODEL_NAMES, SIGNALS } from '../../render/fixtures.js';

// Exactly-once support on Discord, through the real discord.js REST client against the fake Discord:
// a slot's messages carry a nonce with enforce_nonce (a resend returns the first message), the slot
// is marked in the footer so findPosted finds it in the channel's history, notices and DMs.

let fake: FakeDiscord;
/** When the test began: no message of its slots is older. */
let since: Date;
beforeEach(async () => {
  fake = await startFakeDiscord();
  since = new Date();
});
afterEach(() => fake.close());

const poster = (retries = 0): BriefPoster => createDiscordPoster({ apiUrl: `${fake.url}/api`, token: fake.token, rest: { retries, offset: 0 } });
const at = (name: string): ChannelRef => ({ platform: 'discord', workspace: fake.guild.id, channel: fake.channelId(name) });
const bodies = (method: string, path: string): Json[] => fake.callsTo(method, path).map((call) => call.body as Json);

describe('nonce and enforce_nonce', () => {
  it('every message of a slot is sent with a nonce of at most 25 characters and enforce_nonce', async () => {
    await poster().post(at('briefs'), brief(), { slot: '2026-03-09' });
    const [body] = bodies('POST', '/channels/:id/messages');
    expect(body).toMatchObject({ nonce: deliveryNonce(fake.channelId('briefs'), '2026-03-09', 0), enforce_nonce: true });
    expect(String(body?.nonce).length).toBeLessThanOrEqual(25);
  });

  it('nonces differ per channel, slot and part, and are the same in every process', () => {
    const nonces = new Set([deliveryNonce('1', 's', 0), deliveryNonce('2', 's', 0), deliveryNonce('1', 't', 0), deliveryNonce('1', 's', 1)]);
    expect(nonces.size).toBe(4);
    expect(deliveryNonce('1', 's', 0)).toBe(deliveryNonce('1', 's', 0));
  });

  it('a resend of the same slot (another replica, a restart within minutes) creates no second message', async () => {
    const first = await poster().post(at('briefs'), brief(), { slot: '2026-03-09' });
    const again = await poster().post(at('briefs'), brief(), { slot: '2026-03-09' });
    expect(again).toEqual(first);
    expect(fake.messages(fake.channelId('briefs'))).toHaveLength(1);
  });

  it("a resend after a lost answer returns the message the first attempt created", async () => {
    fake.failNext(/^POST \/channels\/\d+\/messages$/, { acceptThenDrop: true });
    const { messageIds } = await poster().post(at('briefs'), brief(), { slot: '2026-03-09' });
    const messages = fake.messages(fake.channelId('briefs'));
    expect(messages).toHaveLength(1);
    expect(messageIds).toEqual([messages[0]?.id]);
    expect(fake.callsTo('POST', '/channels/:id/messages')).toHaveLength(2);
  });

  it('a post without a slot has no nonce', async () => {
    await poster().post(at('briefs'), brief());
    expect(bodies('POST', '/channels/:id/messages')[0]).not.toHaveProperty('nonce');
  });
});

describe('a slot post stopped by its signal (its claim\'s window closed)', () => {
  it('starts no request once stopped: a transient failure, nothing posted', async () => {
    const window = new AbortController();
    window.abort();
    await expect(poster().post(at('briefs'), brief(), { slot: '2026-03-09', signal: window.signal })).rejects.toMatchObject({ reason: 'stopped', permanent: false, posted: [] });
    expect(fake.callsTo('POST', '/channels/:id/messages')).toHaveLength(0);
  });

  it('does not retry a failed message once stopped', async () => {
    const window = new AbortController();
    fake.failNext(/^POST \/channels\/\d+\/messages$/, { status: 500 });
    const posting = poster().post(at('briefs'), brief(), { slot: '2026-03-09', signal: window.signal });
    await fake.waitForCall('POST', '/channels/:id/messages');
    window.abort();
    await expect(posting).rejects.toMatchObject({ reason: 'stopped', permanent: false });
    expect(fake.messages(fake.channelId('briefs'))).toHaveLength(0);
  });
});

describe('findPosted', () => {
  it("finds a slot's messages among the bot's recent ones by the mark in the footer", async () => {
    const p = poster();
    await p.post(at('briefs'), brief(), { slot: '2026-03-02' });
    const { messageIds } = await p.post(at('briefs'), brief(), { slot: '2026-03-09' });
    await p.post(at('briefs'), brief());
    expect(await p.findPosted(at('briefs'), '2026-03-09', since)).toEqual(messageIds);
    expect(await p.findPosted(at('briefs'), '2026-03-16', since)).toBeNull();
    expect(fake.messages(fake.channelId('briefs'))[1]?.embeds).toMatchObject([{ footer: { text: expect.stringMatching(/ · slot 2026-03-09$/) } }]);
    expect(fake.callsTo('GET', '/channels/:id/messages')[0]?.query).toEqual({ limit: '100' });
  });

  it('pages back with `before` past a busy channel: 150 members wrote after the brief', async () => {
    const p = poster();
    const { messageIds } = await p.post(at('briefs'), brief(), { slot: '2026-03-09' });
    for (let i = 0; i < 150; i += 1) fake.memberMessage(fake.channelId('briefs'), `message ${i}`);
    expect(await p.findPosted(at('briefs'), '2026-03-09', since)).toEqual(messageIds);
    const [first, second, ...more] = fake.callsTo('GET', '/channels/:id/messages').map((call) => call.query);
    expect(first).toEqual({ limit: '100' });
    // The oldest message of the first page bounds the second.
    expect(second).toEqual({ limit: '100', before: fake.messages(fake.channelId('briefs'))[51]?.id });
    expect(more).toEqual([]);
  });

  it('reads no further back than `since`: older history is not paged through', async () => {
    const hourAgo = new Date(since.getTime() - 3_600_000);
    for (let i = 0; i < 250; i += 1) fake.memberMessage(fake.channelId('briefs'), `old ${i}`, { at: hourAgo });
    for (let i = 0; i < 20; i += 1) fake.memberMessage(fake.channelId('briefs'), `new ${i}`);
    expect(await poster().findPosted(at('briefs'), '2026-03-09', since)).toBeNull();
    expect(fake.callsTo('GET', '/channels/:id/messages')).toHaveLength(1);
  });

  it('gives up after ten pages in a channel busier than that since the slot', async () => {
    for (let i = 0; i < 1_050; i += 1) fake.memberMessage(fake.channelId('briefs'), `message ${i}`);
    expect(await poster().findPosted(at('briefs'), '2026-03-09', since)).toBeNull();
    expect(fake.callsTo('GET', '/channels/:id/messages')).toHaveLength(10);
  });

  it('finds a notice posted for a slot by its subtext line', async () => {
    const p = poster();
    const { messageIds } = await p.postNotice(at('briefs'), { kind: 'no_new_week', week: '2026-W07', asOf: null }, { slot: '2026-03-09' });
    expect(fake.messages(fake.channelId('briefs'))[0]?.content).toMatch(/No new week of data since week 2026-W07[\s\S]*\n-# slot 2026-03-09$/);
    expect(await p.findPosted(at('briefs'), '2026-03-09', since)).toEqual(messageIds);
  });

  it('a channel the bot cannot see is a permanent DeliveryError', async () => {
    const hidden = await startFakeDiscord({ guilds: [{ channels: [{ name: 'hidden', access: 'missing-access' }] }] });
    try {
      const p = createDiscordPoster({ apiUrl: `${hidden.url}/api`, token: hidden.token, rest: { retries: 0, offset: 0 } });
      await expect(p.findPosted({ platform: 'discord', workspace: hidden.guild.id, channel: hidden.channelId('hidden') }, 's', since)).rejects.toMatchObject({ reason: '50001', permanent: true });
    } finally {
      await hidden.close();
    }
  });
});

describe('delivery lines, notices and DMs', () => {
  it('a delayed brief on old data says so above the embed', async () => {
    await poster().post(at('briefs'), brief(), { slot: 's', delayed: true, dataAsOf: '2026-02-16T02:00:00Z' });
    const [message] = fake.messages(fake.channelId('briefs'));
    expect(message?.content).toContain('**Delayed:**');
    expect(message?.content).toContain('Data as of 2026-02-16T02:00:00Z');
  });

  it('alerts go out as one message from the alert template, pinging nobody', async () => {
    await poster().postNotice(at('briefs'), { kind: 'alerts', signals: SIGNALS.slice(0, 3), modelNames: MODEL_NAMES, asOf: '2026-02-16T02:00:00Z' });
    const [body] = bodies('POST', '/channels/:id/messages');
    expect(body).toMatchObject({ content: expect.stringContaining('**Alerts since the last brief**'), allowed_mentions: { parse: [] } });
  });

  it('notifyUser opens a DM channel and posts the notice there', async () => {
    const user = '1180000000000000999';
    await poster().notifyUser(fake.guild.id, user, { kind: 'stale_data', channel: at('briefs'), newestDay: '2026-03-01', asOf: null });
    expect(bodies('POST', '/users/@me/channels')).toEqual([{ recipient_id: user }]);
    const [dm] = fake.callsTo('POST', '/channels/:id/messages');
    expect(dm?.body).toMatchObject({ content: expect.stringContaining(`the brief for <#${fake.channelId('briefs')}> went out with old figures`) });
  });
});
