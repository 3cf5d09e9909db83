import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { sampleStore, startApp, type Running } from './harness.js';

// Charts on Slack end to end: real Bolt against the fake Slack, which checks the three upload steps
// filesUploadV2 takes (files.getUploadURLExternal, the bytes, files.completeUploadExternal).

let store: Store;
let fake: FakeSlack;
let running: Running | undefined;

beforeAll(async () => {
  store = await sampleStore();
});
afterAll(() => store.close());
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await running?.app.stop();
  running = undefined;
  await fake.close();
});

const WAIT = 10_000;

async function command(text: string, fields: Record<string, string> = {}) {
  const [name = '', ...rest] = text.split(' ');
  const responseUrl = fake.newResponseUrl();
  const ack = await fake.sendSlashCommand({ command: name, text: rest.join(' '), response_url: responseUrl, ...fields });
  return { ack, responseUrl };
}

/** Polls until `done` holds (a log line written after the last Slack call). */
async function until(done: () => boolean): Promise<void> {
  for (const started = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - started > WAIT) throw new Error('timed out');
  }
}

const failingRenderer = async (): Promise<never> => {
  throw new Error('resvg exploded');
};

describe('/chart', () => {
  it('/chart share uploads the PNG into the channel in three steps, with alt text carrying the CN and US shares', async () => {
    running = await startApp(fake, store);
    const { ack } = await command('/chart share');
    expect(ack).toEqual({});
    const [file] = await fake.waitForFiles(1, WAIT);
    expect(file).toMatchObject({ channel: 'C0MARKET', filename: 'tokenbrief-share-2026-W10.png', threadTs: undefined });
    expect(file?.title).toBe('Weekly token share by country bloc, 2026-W01 to 2026-W10');
    expect(file?.altText).toContain('in 2026-W10 Chinese models had 59.0% and US models 32.9%');
    expect(file?.initialComment).toBe(file?.altText);
    const png = PNG.sync.read(file?.bytes ?? Buffer.alloc(0));
    expect([png.width, png.height]).toEqual([1200, 675]);

    const [asked] = fake.callsTo('files.getUploadURLExternal');
    expect(asked?.args).toMatchObject({ filename: 'tokenbrief-share-2026-W10.png', length: String(file?.bytes.length) });
    expect(fake.uploads).toEqual([{ fileId: expect.stringMatching(/^F/), status: 200, bytes: file?.bytes.length }]);
    const [completed] = fake.callsTo('files.completeUploadExternal');
    expect(completed?.args).toMatchObject({ channel_id: 'C0MARKET', files: [{ id: asked && fake.uploads[0]?.fileId, title: file?.title }] });
  });

  it('/chart top 4 draws the top chart (the weeks only shape the share chart)', async () => {
    running = await startApp(fake, store);
    await command('/chart top 4');
    const [file] = await fake.waitForFiles(1, WAIT);
    expect(file?.title).toBe('Top 10 models by tokens, 2026-W10');
    expect(file?.altText).toContain('MiniMax M2.5 (CN) led with 2.55T tokens (+6.3% week over week)');
  });

  it('/chart pie and /chart share 99 are answered at once with the usage, nothing uploaded', async () => {
    running = await startApp(fake, store);
    const pie = await command('/chart pie');
    expect(pie.ack).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Unknown chart "pie". Charts: share, top.') });
    const many = await command('/chart share 99');
    expect(many.ack).toMatchObject({ text: expect.stringContaining('weeks must be a whole number from 2 to 52, got 99.') });
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('a chart that cannot be drawn gets an apology only the asker sees, and is logged', async () => {
    running = await startApp(fake, store, { renderChart: failingRenderer });
    const { responseUrl } = await command('/chart share');
    const [post] = await fake.waitForResponses(responseUrl, 1, WAIT);
    expect(post?.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('The chart could not be drawn') });
    expect(running.lines.join('\n')).toContain('resvg exploded');
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('in a channel the bot is not in, Slack refuses the share and the asker is told how to invite the bot', async () => {
    running = await startApp(fake, store);
    const { responseUrl } = await command('/chart share', { channel_id: 'C0OUTSIDE' });
    const [post] = await fake.waitForResponses(responseUrl, 1, WAIT);
    expect(post?.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining("I'm not a member of this channel yet") });
    expect(fake.files()).toEqual([]);
  });
});

describe('the posted brief', () => {
  it('/brief post puts the share chart in the brief\'s thread', async () => {
    running = await startApp(fake, store);
    await command('/brief post', { user_id: 'U0ADMIN' });
    const [brief] = await fake.waitFor('chat.postMessage', 1, WAIT);
    const [file] = await fake.waitForFiles(1, WAIT);
    const [message] = fake.messages('C0MARKET');
    expect(brief?.args.text).toContain('Week 2026-W10');
    expect(file).toMatchObject({ channel: 'C0MARKET', threadTs: message?.ts, filename: 'tokenbrief-share-2026-W10.png' });
  });

  it('a channel that turned charts off gets the brief alone', async () => {
    running = await startApp(fake, store);
    const { responseUrl } = await command('/alerts set charts off', { user_id: 'U0ADMIN', channel_id: 'C0GENERAL' });
    const [done] = await fake.waitForResponses(responseUrl, 1, WAIT);
    expect((done?.body as { text: string }).text).toContain('Done: charts off: briefs here come without a chart.');
    expect((done?.body as { text: string }).text).toContain('*Charts in briefs:* off');
    await command('/brief post', { user_id: 'U0ADMIN', channel_id: 'C0GENERAL' });
    await fake.waitFor('chat.postMessage');
    expect((await store.channelSettings('slack:T0TEAM:C0GENERAL'))?.charts).toBe(false);
    // Another channel's switch stays its own.
    expect((await store.channelSettings('slack:T0TEAM:C0MARKET'))?.charts).toBeUndefined();
    // The brief's post is the last thing the command does; a chart would have been drawn before it.
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('when the chart cannot be drawn, the brief goes out without it and the failure is logged', async () => {
    running = await startApp(fake, store, { renderChart: failingRenderer });
    // The week went out in an earlier test: the ledger needs force to post it again.
    await command('/brief post force', { user_id: 'U0ADMIN' });
    await fake.waitFor('chat.postMessage');
    const lines = running.lines;
    await until(() => lines.some((line) => line.includes('brief chart failed') && line.includes('"level":50')));
    expect(fake.messages('C0MARKET')).toHaveLength(1);
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('when the upload fails, the brief stays posted once and the failure is logged', async () => {
    running = await startApp(fake, store);
    fake.failNext('upload', { status: 500 });
    // The week went out in an earlier test: the ledger needs force to post it again.
    await command('/brief post force', { user_id: 'U0ADMIN' });
    await fake.waitFor('chat.postMessage', 1, WAIT);
    const lines = running.lines;
    await until(() => lines.some((line) => line.includes('brief posted without its chart')));
    expect(fake.uploads).toEqual([expect.objectContaining({ status: 500 })]);
    expect(fake.messages('C0MARKET')).toHaveLength(1);
    expect(fake.files()).toEqual([]);
  });
});
