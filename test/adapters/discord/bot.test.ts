import { NO_CHARTS } from '../../commands/poster.js';
import { Events, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { discordChannel } from '../../../src/adapters/discord/interactions.js';
import { formatChannelRef } from '../../../src/core/channel.js';
import { commandDeps } from '../../commands/deps.js';
import type { Store } from '../../../src/core/ports/store.js';
import { runCommand } from '../../../src/commands/run.js';
import { DEFAULT_COUNTRY_MAP } from '../../../src/core/identity.js';
import { discordMessages } from '../../../src/render/discord-embeds.js';
import type { CommandInteractionOptions, FakeDiscord, InteractionPayload, Json, RecordedCall } from '../../fakes/discord.js';
import { messageBodies, realCatalogStore, sampleStore, storeWithModels, useDiscordBot } from './harness.js';

const discord = useDiscordBot();

const ADMIN = PermissionFlagsBits.ManageGuild;
const EPHEMERAL = MessageFlags.Ephemeral;

/** Waits until a recorded call has been answered (calls are recorded on arrival). */
async function answered(call: RecordedCall | undefined): Promise<RecordedCall> {
  if (!call) throw new Error('no call');
  await vi.waitFor(() => expect(call.status).not.toBeNull());
  return call;
}

/** Sends a command and returns its payload and the edit that filled in the deferred response. */
async function ask(fake: FakeDiscord, options: CommandInteractionOptions): Promise<{ payload: InteractionPayload; edit: RecordedCall }> {
  const payload = fake.sendInteraction(fake.commandInteraction(options));
  const [edit] = await fake.waitForCall('PATCH', `/webhooks/:app/${payload.token}/messages/@original`);
  return { payload, edit: await answered(edit) };
}

async function autocomplete(fake: FakeDiscord, typed: string): Promise<{ name: string; value: string }[]> {
  const payload = fake.sendInteraction(fake.autocompleteInteraction({ name: 'price', focused: { name: 'model', value: typed } }));
  const response = await fake.waitForInteractionResponse(payload.id);
  expect(response.type).toBe(8);
  return (response.data as { choices: { name: string; value: string }[] }).choices;
}

const body = (call: RecordedCall): Json => call.body as Json;

describe('Discord bot: login and registration', () => {
  it('logs in with the Guilds intent only, mentions off, and the commands registered with typed options', async () => {
    const { fake, bot } = await discord.start();

    expect(fake.gateway.identifies).toEqual([expect.objectContaining({ token: fake.token, intents: 1 })]);
    expect(fake.callsTo('GET', '/gateway/bot')).toHaveLength(1);
    expect(bot.client.options.allowedMentions).toEqual({ parse: [] });
    expect(bot.client.guilds.cache.has(fake.guild.id)).toBe(true);
    const commands = fake.commands(fake.guild.id);
    expect(commands.map((c) => c.name)).toEqual(['price', 'top', 'compare', 'brief', 'alerts', 'subscribe', 'unsubscribe', 'status', 'chart']);
    expect(commands.find((c) => c.name === 'alerts')?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(commands.find((c) => c.name === 'brief')?.default_member_permissions).toBeNull();
  });
});

describe('Discord bot: commands', () => {
  it('/price kimi: deferred in public, then edited with the same answer the command layer gives', async () => {
    const { fake, store } = await discord.start();

    const { payload, edit } = await ask(fake, { name: 'price', options: { model: 'kimi' } });

    expect(fake.interaction(payload.id)?.callback).toEqual({ type: 5, data: { flags: 0 } });
    const content = String(body(edit).content);
    expect(content).toContain('**Kimi K2.5**');
    expect(content).toContain('(moonshotai/kimi-k2.5)');
    expect(content).toMatch(/Price per 1M tokens: \*\*\$[\d.]+\*\* input · \*\*\$[\d.]+\*\* output/);
    expect(content).toContain('Source: OpenRouter (openrouter.ai/rankings), as of');
    const reply = await runCommand(commandDeps(store), { command: 'price', query: 'kimi' }, {
      channel: discordChannel(fake.guild.id, fake.channelId('general')),
      userId: '1',
      poster: discord.running.bot.poster,
      ...NO_CHARTS,
      isAdmin: async () => false,
    });
    expect(content).toBe(discordMessages(reply)[0]?.content);
    expect(body(edit).allowed_mentions).toEqual({ parse: [] });
    expect(edit.status).toBe(200);
  });

  it('/top 5 CN and /compare answer in public', async () => {
    const { fake } = await discord.start();

    const top = await ask(fake, { name: 'top', options: { n: 5, country: 'CN' } });
    expect(String(body(top.edit).content)).toMatch(/^\*\*Top 5 🇨🇳 CN models, week 2026\\?-W10\*\*/);
    const compare = await ask(fake, { name: 'compare', options: { a: 'kimi', b: 'opus' } });
    expect(String(body(compare.edit).content)).toMatch(/^\*\*Kimi K2.5\*\* vs \*\*Claude Opus 4.6\*\*/);
    expect(fake.interaction(compare.payload.id)?.original).toMatchObject({ flags: 0 });
  });

  it('a model nobody has: the public placeholder is deleted and the "did you mean" goes only to the asker', async () => {
    const { fake } = await discord.start();

    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'price', options: { model: 'qqqqqq' } }));
    const [followUp] = await fake.waitForCall('POST', `/webhooks/:app/${payload.token}`);

    expect(body(await answered(followUp))).toMatchObject({ content: expect.stringContaining('No model matches "qqqqqq"'), flags: EPHEMERAL });
    expect(fake.callsTo('DELETE', `/webhooks/:app/${payload.token}/messages/@original`)).toHaveLength(1);
    expect(fake.interaction(payload.id)?.original).toBeNull();
  });

  it('autocomplete on the real 344-model catalog: best matches first, ties by this week\'s usage, ≤ 25 choices', async () => {
    const { fake } = await discord.start({ store: realCatalogStore() });

    const kim = await autocomplete(fake, 'kim');
    expect(kim[0]).toEqual({ name: 'Kimi K2.5 (moonshotai/kimi-k2.5)', value: 'moonshotai/kimi-k2.5' });
    expect(kim.map((c) => c.value)).toEqual(expect.arrayContaining(['moonshotai/kimi-k2', 'moonshotai/kimi-k2-thinking', 'moonshotai/kimi-k2-0905']));
    expect(kim.every((c) => c.value.startsWith('moonshotai/kimi'))).toBe(true);

    const opus = await autocomplete(fake, 'opus');
    expect(opus.slice(0, 2).map((c) => c.value)).toEqual(['anthropic/claude-opus-4.6', 'anthropic/claude-opus-4.5']);
    expect(opus.every((c) => c.value.startsWith('anthropic/claude-opus'))).toBe(true);

    const gl = await autocomplete(fake, 'gl');
    expect(gl.slice(0, 3).map((c) => c.value)).toEqual(['z-ai/glm-5', 'z-ai/glm-4.7', 'z-ai/glm-4.7-flash']);

    const empty = await autocomplete(fake, '');
    expect(empty).toHaveLength(25);
    expect(empty[0]?.value).toBe('minimax/minimax-m2.5');
    for (const choice of [...kim, ...opus, ...gl, ...empty]) {
      expect([...choice.name].length).toBeLessThanOrEqual(100);
      expect([...choice.value].length).toBeLessThanOrEqual(100);
    }
  });

  it('autocomplete with no data yet answers an empty list instead of failing', async () => {
    const { openStore } = await import('../../../src/wiring.js');
    const { fake } = await discord.start({ store: openStore(':memory:') });

    expect(await autocomplete(fake, 'kimi')).toEqual([]);
  });
});

describe('Discord bot: the admin gate', () => {
  const set = { name: 'alerts', subcommand: 'set', options: { name: 'surgePct', value: 40 } } as const;

  it('a member without Manage Server is refused, only to them, and nothing changes', async () => {
    const { fake, store } = await discord.start();

    const { payload, edit } = await ask(fake, set);

    expect(fake.interaction(payload.id)?.callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(body(edit).content).toBe("Only members with the Manage Server permission can change this channel's alerts.");
    expect(await store.channelSettings(formatChannelRef(discordChannel(fake.guild.id, fake.channelId('general'))))).toBeNull();

    const post = await ask(fake, { name: 'brief', options: { post: true } });
    expect(fake.interaction(post.payload.id)?.callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(body(post.edit).content).toBe('Only members with the Manage Server permission can post the brief.');
  });

  it('Manage Server or Administrator may change the channel\'s thresholds', async () => {
    const { fake, store } = await discord.start();
    const general = formatChannelRef(discordChannel(fake.guild.id, fake.channelId('general')));
    const briefs = formatChannelRef(discordChannel(fake.guild.id, fake.channelId('briefs')));

    const { edit } = await ask(fake, { ...set, permissions: ADMIN });
    expect(String(body(edit).content)).toContain('✅ Done: surgePct set to 40.');
    expect(await store.channelSettings(general)).toEqual({ thresholds: { surgePct: 40 }, watchlist: [] });

    await ask(fake, { ...set, channelId: fake.channelId('briefs'), permissions: PermissionFlagsBits.Administrator });
    expect(await store.channelSettings(briefs)).toEqual({ thresholds: { surgePct: 40 }, watchlist: [] });

    await ask(fake, { name: 'alerts', subcommand: 'watch', options: { model: 'kimi' }, permissions: ADMIN });
    await ask(fake, { name: 'alerts', subcommand: 'reset', permissions: ADMIN });
    expect(await store.channelSettings(general)).toEqual({ thresholds: {}, watchlist: ['moonshotai/kimi-k2.5'] });
  });

  it('a bad threshold value comes back with the allowed range, only to the asker', async () => {
    const { fake } = await discord.start();

    const { edit } = await ask(fake, { name: 'alerts', subcommand: 'set', options: { name: 'topN', value: 2.5 }, permissions: ADMIN });

    // The usage is the template's own markdown; `<…>` is no mention or emoji syntax, so Discord shows it as written.
    expect(body(edit).content).toBe('⚠️ topN must be a whole number from 3 to 50; got 2.5.\n**Usage:** /alerts set topN <a whole number from 3 to 50>');
  });
});

describe('Discord bot: the brief', () => {
  it('/brief previews as embeds only to the asker', async () => {
    const { fake } = await discord.start();

    const { payload, edit } = await ask(fake, { name: 'brief' });

    expect(fake.interaction(payload.id)?.callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(body(edit)).toMatchObject({
      content: expect.stringContaining('Preview (only you can see this)'),
      embeds: [{ title: expect.stringContaining('week 2026-W10'), footer: { text: expect.stringContaining('Source: OpenRouter') } }],
    });
  });

  it('/brief post of a 60-model week with huge names posts into the channel without a 50035, split within every limit, and answers the admin privately', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `Model ${i} ${'*_`~|>[]'.repeat(40)}`);
    const { fake } = await discord.start({ store: storeWithModels(names) });

    const { payload, edit } = await ask(fake, { name: 'brief', options: { post: true }, permissions: ADMIN });
    const posted = fake.messages(fake.channelId('general'));
    expect(posted.length).toBeGreaterThan(1);
    expect(fake.interaction(payload.id)?.callback).toEqual({ type: 5, data: { flags: 64 } });
    expect(String(body(edit).content)).toContain('Posted the brief for week 2026-W10 here');
    expect(fake.calls.map((call) => call.status)).not.toContain(400);
    const embeds = posted.flatMap((message) => message.embeds as Json[]);
    const text = JSON.stringify(embeds);
    for (let i = 0; i < 10; i++) expect(text).toContain(`Model ${i} `);
    expect(embeds.every((e) => (e.fields as unknown[]).length <= 25)).toBe(true);
  });
});

describe('Discord bot: nothing can ping', () => {
  it('an @everyone-named model is inert: escaped, and every payload carries allowed_mentions.parse == []', async () => {
    const names = ['@everyone free credits <@&1180000000000000110> @here', ...Array.from({ length: 11 }, (_, i) => `Model ${i}`)];
    const { fake, bot } = await discord.start({ store: storeWithModels(names) });

    const top = await ask(fake, { name: 'top' });
    expect(String(body(top.edit).content)).toContain('**@\u200beveryone free credits <\u200b@\u200b&1180000000000000110\\> @\u200bhere**');
    await ask(fake, { name: 'brief', options: { post: true }, permissions: ADMIN });
    const { buildBrief } = await import('../../../src/jobs/brief.js');
    const { DEFAULT_THRESHOLDS } = await import('../../../src/core/thresholds.js');
    const brief = await buildBrief(discord.running.store, { countries: DEFAULT_COUNTRY_MAP, thresholds: DEFAULT_THRESHOLDS });
    await bot.poster.post(discordChannel(fake.guild.id, fake.channelId('briefs')), brief);

    const payloads = messageBodies(fake).filter((b) => b.content !== undefined || b.embeds !== undefined);
    expect(payloads.length).toBeGreaterThanOrEqual(3);
    for (const payload of payloads) expect(payload.allowed_mentions).toEqual({ parse: [] });
    // Every `@` and `<` of the name is followed by a zero-width space, so no mention syntax survives.
    expect(JSON.stringify(payloads)).not.toMatch(/@everyone|@here|<@/);
    expect(fake.messages(fake.channelId('briefs')).every((m) => m.mention_everyone === false)).toBe(true);
  });
});

describe('Discord bot: the gateway', () => {
  it('after a dropped gateway connection discord.js resumes and the next command is still answered', async () => {
    const { fake, bot } = await discord.start();
    const reconnecting = new Promise((resolve) => bot.client.once(Events.ShardReconnecting, resolve));

    fake.dropGateway();
    await reconnecting;
    await fake.waitForGateway();
    const { edit } = await ask(fake, { name: 'price', options: { model: 'kimi' } });

    expect(String(body(edit).content)).toContain('**Kimi K2.5**');
    expect(fake.gateway.resumes).toBe(1);
    expect(fake.gateway.identifies).toHaveLength(1);
  });
});

describe('Discord bot: failures', () => {
  it('no data yet: an ephemeral explanation, never a stack trace', async () => {
    const { openStore } = await import('../../../src/wiring.js');
    const { fake } = await discord.start({ store: openStore(':memory:') });

    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'price', options: { model: 'kimi' } }));
    const [followUp] = await fake.waitForCall('POST', `/webhooks/:app/${payload.token}`);

    expect(body(await answered(followUp))).toMatchObject({ content: expect.stringContaining('no usage data stored yet'), flags: EPHEMERAL });
  });

  it('a failing store: an ephemeral apology without the error text', async () => {
    const store = await sampleStore();
    const broken: Store = { ...store, close: () => store.close(), usageSpan: () => Promise.reject(new Error('SQLITE_CORRUPT at /secret/path.db')) };
    const { fake } = await discord.start({ store: broken });

    const { edit } = await ask(fake, { name: 'alerts', subcommand: 'watch', options: { model: 'kimi' }, permissions: ADMIN });

    expect(body(edit).content).toBe('⚠️ Something went wrong while answering; it has been logged. Please try again later.');
  });

  it('a command this version does not have (a stale registration) gets an ephemeral hint', async () => {
    const { fake } = await discord.start();
    const payload = fake.commandInteraction({ name: 'price', options: { model: 'kimi' } });
    payload.data = { ...payload.data, name: 'stats' };

    fake.sendInteraction(payload);

    expect(await fake.waitForInteractionResponse(payload.id)).toEqual({
      type: 4,
      data: expect.objectContaining({ content: expect.stringContaining('no /stats command'), flags: EPHEMERAL, allowed_mentions: { parse: [] } }),
    });
  });
});
