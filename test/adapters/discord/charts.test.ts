import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { PNG } from 'pngjs';
import { describe, expect, it, vi } from 'vitest';
import type { ChartRenderer } from '../../../src/core/ports/charts.js';
import { DEFAULT_COUNTRY_MAP } from '../../../src/core/identity.js';
import { DEFAULT_THRESHOLDS } from '../../../src/core/thresholds.js';
import { buildBrief } from '../../../src/jobs/brief.js';
import type { FakeDiscord, Json, RecordedCall } from '../../fakes/discord.js';
import { useDiscordBot } from './harness.js';

// Charts on Discord end to end: real discord.js against the fake Discord, which takes the PNG as a
// multipart attachment (its description is the alt text) and keeps the bytes for the test to decode.

const discord = useDiscordBot();

const ADMIN = PermissionFlagsBits.ManageGuild;
const WAIT = { timeout: 15_000 };

const failing: ChartRenderer = async () => {
  throw new Error('resvg exploded');
};

/** The edit that filled the deferred answer in, once answered. */
async function answer(fake: FakeDiscord, options: Parameters<FakeDiscord['commandInteraction']>[0]): Promise<{ id: string; edit: RecordedCall }> {
  const payload = fake.sendInteraction(fake.commandInteraction(options));
  const [edit] = await fake.waitForCall('PATCH', `/webhooks/:app/${payload.token}/messages/@original`, { timeoutMs: 15_000 });
  if (!edit) throw new Error('no edit');
  await vi.waitFor(() => expect(edit.status).not.toBeNull(), WAIT);
  return { id: payload.id, edit };
}

/** `/brief post` goes through the poster: the brief's first message in the channel, and the files sent with it. */
function postedBrief(fake: FakeDiscord): { embed: Json | undefined; files: RecordedCall['files'] } {
  const [call] = fake.callsTo('POST', '/channels/:id/messages');
  return { embed: ((call?.body as Json | undefined)?.embeds as Json[] | undefined)?.[0], files: call?.files ?? [] };
}

function expectChartPng(bytes: Buffer | undefined): void {
  const png = PNG.sync.read(bytes ?? Buffer.alloc(0));
  expect([png.width, png.height]).toEqual([1200, 675]);
}

describe('/chart on Discord', () => {
  it('is registered with a kind choice and a weeks option', async () => {
    const { fake } = await discord.start();
    const chart = fake.commands(fake.guild.id).find((c) => c.name === 'chart');
    expect(chart?.options).toEqual([
      expect.objectContaining({ name: 'kind', required: true, choices: [expect.objectContaining({ value: 'share' }), expect.objectContaining({ value: 'top' })] }),
      expect.objectContaining({ name: 'weeks', min_value: 2, max_value: 52 }),
    ]);
  });

  it('/chart kind:share weeks:6 answers in the channel with the PNG attached, its alt text as the description', async () => {
    const { fake } = await discord.start();
    const { id, edit } = await answer(fake, { name: 'chart', options: { kind: 'share', weeks: 6 } });
    expect(edit.status).toBe(200);
    expect(edit.files).toEqual([expect.objectContaining({ name: 'tokenbrief-share-2026-W10.png', contentType: 'image/png' })]);
    expectChartPng(edit.files[0]?.bytes);
    const original = fake.interaction(id)?.original as Json;
    const [attachment] = original.attachments as Json[];
    expect(attachment).toMatchObject({ filename: 'tokenbrief-share-2026-W10.png' });
    expect(String(attachment?.description)).toContain('from 2026-W05 to 2026-W10: in 2026-W10 Chinese models had 59.0% and US models 32.9%');
    expect(fake.interaction(id)?.callback).toEqual({ type: 5, data: { flags: 0 } });
  });

  it('a chart that cannot be drawn becomes an apology only the asker sees', async () => {
    const { fake } = await discord.start({ renderChart: failing });
    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'chart', options: { kind: 'top' } }));
    const [followUp] = await fake.waitForCall('POST', `/webhooks/:app/${payload.token}`, { timeoutMs: 15_000 });
    await vi.waitFor(() => expect(followUp?.status).not.toBeNull(), WAIT);
    expect(followUp?.body).toMatchObject({ content: expect.stringContaining('The chart could not be drawn'), flags: MessageFlags.Ephemeral });
    expect(followUp?.files).toEqual([]);
  });
});

describe("the brief's chart on Discord", () => {
  it('/brief post shows the share chart inside its first embed (attachment://)', async () => {
    const { fake } = await discord.start();
    const { edit } = await answer(fake, { name: 'brief', options: { post: true }, permissions: ADMIN });
    expect(String((edit.body as Json).content)).toContain('Posted the brief');
    const { embed, files } = postedBrief(fake);
    expect(embed?.image).toEqual({ url: 'attachment://tokenbrief-share-2026-W10.png' });
    expect(files.map((f) => f.name)).toEqual(['tokenbrief-share-2026-W10.png']);
    expectChartPng(files[0]?.bytes);
  });

  it('when the chart cannot be drawn, the brief goes out without it', async () => {
    const { fake } = await discord.start({ renderChart: failing });
    const { edit } = await answer(fake, { name: 'brief', options: { post: true }, permissions: ADMIN });
    expect(edit.status).toBe(200);
    const { embed, files } = postedBrief(fake);
    expect(String(embed?.title)).toContain('Weekly brief');
    expect(embed?.image).toBeUndefined();
    expect(files).toEqual([]);
  });

  it('/alerts charts on:false turns the chart off for that channel only', async () => {
    const { fake } = await discord.start();
    const off = await answer(fake, { name: 'alerts', subcommand: 'charts', options: { on: false }, permissions: ADMIN });
    expect(String((off.edit.body as Json).content)).toContain('**Charts in briefs:** off');
    await answer(fake, { name: 'brief', options: { post: true }, permissions: ADMIN });
    const { embed, files } = postedBrief(fake);
    expect(String(embed?.title)).toContain('Weekly brief');
    expect(files).toEqual([]);
  });

  it('the poster given a chart sends it as a multipart attachment of the first message, described by its alt text', async () => {
    const { fake, bot, store } = await discord.start();
    const brief = await buildBrief(store, { countries: DEFAULT_COUNTRY_MAP, thresholds: DEFAULT_THRESHOLDS });
    const { renderChart } = await import('../../../src/adapters/chart/render.js');
    const { loadChart } = await import('../../../src/jobs/chart.js');
    const chart = await renderChart(await loadChart(store, { kind: 'share', week: brief.market.week, weeks: 12, countries: DEFAULT_COUNTRY_MAP }));
    const channel = fake.channelId('briefs');
    await bot.poster.post({ platform: 'discord', workspace: fake.guild.id, channel }, brief, { chart });
    const [message] = fake.messages(channel);
    expect((message?.attachments as Json[])[0]).toMatchObject({ filename: chart.fileName, description: chart.alt });
    expect(((message?.embeds as Json[])[0] as Json).image).toMatchObject({ url: `attachment://${chart.fileName}` });
  });
});
