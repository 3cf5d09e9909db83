import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { discordChannel } from '../../../src/adapters/discord/interactions.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { DEFAULT_INVOKER, type CommandInteractionOptions, type FakeDiscord, type Json, type RecordedCall } from '../../fakes/discord.js';
import { useDiscordBot } from './harness.js';

// Issue 9's chat surface on Discord, end to end: the real discord.js bot against the fake Discord,
// the commands registered by `tokenbrief discord register`, the store the bot uses.

const discord = useDiscordBot();

const ADMIN = PermissionFlagsBits.ManageGuild;
const EPHEMERAL = MessageFlags.Ephemeral;

const general = (fake: FakeDiscord): ChannelRef => discordChannel(fake.guild.id, fake.channelId('general'));

/** Sends a command; resolves with the initial response and the content the answer ended with. */
async function ask(fake: FakeDiscord, options: CommandInteractionOptions): Promise<{ callback: { type: number; data?: unknown }; content: string }> {
  const payload = fake.sendInteraction(fake.commandInteraction(options));
  const callback = await fake.waitForInteractionResponse(payload.id);
  if (callback.type === 4) return { callback, content: String((callback.data as Json).content) };
  const [edit] = await fake.waitForCall('PATCH', `/webhooks/:app/${payload.token}/messages/@original`);
  await vi.waitFor(() => expect((edit as RecordedCall).status).not.toBeNull());
  return { callback, content: String(((edit as RecordedCall).body as Json).content) };
}

describe('/subscribe on Discord', () => {
  it('weekday, time and timezone options store the subscription; the answer names the next brief time in that zone', async () => {
    const { fake, store } = await discord.start();
    const { callback, content } = await ask(fake, { name: 'subscribe', options: { weekday: 'tuesday', time: '8:30am', timezone: 'Australia/Sydney' }, permissions: ADMIN });
    expect(callback).toEqual({ type: 5, data: { flags: 0 } });
    expect(content).toContain('every **Tuesday at 08:30** (Australia/Sydney)');
    expect(content).toMatch(/Next brief: \*\*Tuesday \d{1,2} \w+ \d{4}, 08:30 GMT\+1[01]\*\*/);
    expect(await store.subscription(general(fake))).toMatchObject({
      schedule: { weekday: 'tuesday', time: '08:30', zone: 'Australia/Sydney' },
      subscribedBy: DEFAULT_INVOKER.id,
    });
  });

  it('a bad time or zone is answered at once, only to the asker, naming what is accepted; nothing is stored', async () => {
    const { fake, store } = await discord.start();
    const time = await ask(fake, { name: 'subscribe', options: { time: 'noonish' }, permissions: ADMIN });
    expect(time.callback).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(time.content).toContain('"noonish" is not a time of day. Times: HH:MM on a 24-hour clock');
    const zone = await ask(fake, { name: 'subscribe', options: { timezone: 'Europe/Berlinn' }, permissions: ADMIN });
    expect(zone.content).toContain('Did you mean Europe/Berlin?');
    expect(await store.subscription(general(fake))).toBeNull();
  });

  it('a member without Manage Server is refused', async () => {
    const { fake, store } = await discord.start();
    const { content } = await ask(fake, { name: 'subscribe', permissions: 0n });
    expect(content).toBe('Only members with the Manage Server permission can subscribe this channel to the weekly brief.');
    expect(await store.subscription(general(fake))).toBeNull();
  });

  it('the timezone option autocompletes from what is typed', async () => {
    const { fake } = await discord.start();
    const payload = fake.sendInteraction(fake.autocompleteInteraction({ name: 'subscribe', focused: { name: 'timezone', value: 'new y' } }));
    const response = await fake.waitForInteractionResponse(payload.id);
    expect(response.type).toBe(8);
    const choices = (response.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices[0]).toEqual({ name: 'America/New_York', value: 'America/New_York' });
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('/alerts off, /status for anyone, /unsubscribe', async () => {
    const { fake, store } = await discord.start();
    await ask(fake, { name: 'subscribe', permissions: ADMIN });
    expect((await ask(fake, { name: 'alerts', subcommand: 'off', permissions: ADMIN })).content).toContain('Alerts are off for this channel');
    expect((await store.subscription(general(fake)))?.alerts).toBe(false);

    const status = await ask(fake, { name: 'status', permissions: 0n });
    expect(status.callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(status.content).toContain('**Data:** sample, newest week 2026-W10');
    expect(status.content).toContain('**This channel:** every Monday at 09:00 (UTC); alerts off');
    expect(status.content).toMatch(/\*\*Next brief:\*\* Monday \d{1,2} \w+ \d{4}, 09:00 UTC/);

    expect((await ask(fake, { name: 'unsubscribe', permissions: ADMIN })).content).toContain('Unsubscribed');
    expect(await store.subscription(general(fake))).toBeNull();
  });
});

describe('/brief post on Discord, through the ledger', () => {
  it('posts into the channel with the slot nonce; the second says it was delivered; force posts again', async () => {
    const { fake, store } = await discord.start();
    const first = await ask(fake, { name: 'brief', options: { post: true }, permissions: ADMIN });
    expect(first.content).toContain('Posted the brief for week 2026-W10 here');
    const posted = fake.messages(fake.channelId('general'));
    expect(posted).toHaveLength(1);
    expect(fake.callsTo('POST', '/channels/:id/messages')[0]?.body).toMatchObject({ enforce_nonce: true, nonce: expect.any(String) });

    const second = await ask(fake, { name: 'brief', options: { post: true }, permissions: ADMIN });
    expect(second.content).toContain('This channel already got the brief for week 2026-W10: posted by hand at');
    expect(second.content).toContain(`(message ${posted[0]?.id})`);
    expect(second.content).toContain('`/brief post force`');
    expect(fake.messages(fake.channelId('general'))).toHaveLength(1);

    await ask(fake, { name: 'brief', options: { force: true }, permissions: ADMIN });
    expect(fake.messages(fake.channelId('general'))).toHaveLength(2);
    expect((await store.deliveries(new Date(0), [general(fake)])).map((entry) => [entry.kind, entry.state])).toEqual([
      ['manual', 'sent'],
      ['manual', 'sent'],
    ]);
    const status = await ask(fake, { name: 'status' });
    expect(status.content).toMatch(/\*\*Last delivery here:\*\* week 2026-W10 \(by hand\) at .*: sent/);
  });
});
