import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster } from '../../../src/adapters/discord/post.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { ChartImage } from '../../../src/core/ports/charts.js';
import { DEFAULT_COUNTRY_MAP } from '../../../src/core/identity.js';
import { DEFAULT_THRESHOLDS } from '../../../src/core/thresholds.js';
import { buildBrief } from '../../../src/jobs/brief.js';
import type { Json } from '../../fakes/discord.js';
import { sampleStore, startBot, type Running } from './harness.js';

// undici keeps one process-wide dispatcher under a symbol all its copies share. In `npm start` with
// Slack, @slack/bolt's undici 7 takes it first; Discord's REST (undici 6) sent through it could not
// upload a file (nodejs/undici#5520), so every Discord brief with a chart failed. Here Slack's undici
// holds it as it does in that process, and the Discord posters still upload the chart.

const DISPATCHER_SLOTS = [Symbol.for('undici.globalDispatcher.1'), Symbol.for('undici.globalDispatcher.2')];
const slots = globalThis as unknown as Record<symbol, unknown>;
const before = DISPATCHER_SLOTS.map((slot) => slots[slot]);

interface Undici {
  Agent: new () => { close(): Promise<void> };
  setGlobalDispatcher(agent: unknown): void;
}
const fromBolt = createRequire(createRequire(import.meta.url).resolve('@slack/bolt'));
const slackUndici = createRequire(fromBolt.resolve('@slack/socket-mode'))('undici') as Undici;
const slackAgent = new slackUndici.Agent();

beforeAll(() => slackUndici.setGlobalDispatcher(slackAgent));
afterAll(async () => {
  DISPATCHER_SLOTS.forEach((slot, i) => (slots[slot] = before[i]));
  await slackAgent.close();
});

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  await running?.store.close();
  running = undefined;
});

function tinyChart(): ChartImage {
  const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
  return { png, width: 2, height: 2, title: 'share', alt: 'Chinese models had 59.0%.', fileName: 'tokenbrief-share-2026-W10.png', week: '2026-W10', kind: 'share' };
}

describe("Discord's REST beside Slack's undici", () => {
  it('the bot and a standalone poster upload a brief chart while Slack’s undici holds the process-wide dispatcher', async () => {
    running = await startBot(await sampleStore());
    const { fake, bot, store } = running;
    expect(slots[DISPATCHER_SLOTS[0] as symbol]).toBe(slackAgent);
    const brief = await buildBrief(store, { countries: DEFAULT_COUNTRY_MAP, thresholds: DEFAULT_THRESHOLDS });
    const chart = tinyChart();
    const briefs: ChannelRef = { platform: 'discord', workspace: fake.guild.id, channel: fake.channelId('briefs') };
    const standalone = createDiscordPoster({ apiUrl: `${fake.url}/api`, token: fake.token, rest: { retries: 0 } });

    await bot.poster.post(briefs, brief, { chart, slot: '2026-03-09' });
    await standalone.post(briefs, brief, { chart, slot: '2026-03-16' });

    const uploads = fake.callsTo('POST', '/channels/:id/messages').map((call) => call.files.map((file) => [file.name, file.bytes.equals(chart.png)]));
    expect(uploads).toEqual([[[chart.fileName, true]], [[chart.fileName, true]]]);
    expect(fake.messages(briefs.channel).map((message) => ((message.attachments as Json[])[0] as Json).description)).toEqual([chart.alt, chart.alt]);
  });
});
