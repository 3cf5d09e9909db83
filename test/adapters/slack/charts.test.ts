import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { useSlackApp } from './harness.js';

// Charts on Slack end to end: real Bolt against the fake Slack, which checks the three upload steps
// filesUploadV2 takes (files.getUploadURLExternal, the bytes, files.completeUploadExternal).

const slack = useSlackApp();

const WAIT = 10_000;

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
    await slack.start();
    const { ack } = await slack.slash('/chart share');
    expect(ack).toEqual({});
    const [file] = await slack.fake.waitForFiles(1, WAIT);
    expect(file).toMatchObject({ channel: 'C0MARKET', filename: 'tokenbrief-share-2026-W10.png', threadTs: undefined });
    expect(file?.title).toBe('Weekly token share by country bloc, 2026-W01 to 2026-W10');
    expect(file?.altText).toContain('in 2026-W10 Chinese models had 59.0% and US models 32.9%');
    expect(file?.initialComment).toBe(file?.altText);
    const png = PNG.sync.read(file?.bytes ?? Buffer.alloc(0));
    expect([png.width, png.height]).toEqual([1200, 675]);

    const [asked] = slack.fake.callsTo('files.getUploadURLExternal');
    expect(asked?.args).toMatchObject({ filename: 'tokenbrief-share-2026-W10.png', length: String(file?.bytes.length) });
    expect(slack.fake.uploads).toEqual([{ fileId: expect.stringMatching(/^F/), status: 200, bytes: file?.bytes.length }]);
    const [completed] = slack.fake.callsTo('files.completeUploadExternal');
    expect(completed?.args).toMatchObject({ channel_id: 'C0MARKET', files: [{ id: asked && slack.fake.uploads[0]?.fileId, title: file?.title }] });
  });

  it('/chart top 4 draws the top chart (the weeks only shape the share chart)', async () => {
    await slack.start();
    await slack.slash('/chart top 4');
    const [file] = await slack.fake.waitForFiles(1, WAIT);
    expect(file?.title).toBe('Top 10 models by tokens, 2026-W10');
    expect(file?.altText).toContain('MiniMax M2.5 (CN) led with 2.55T tokens (+6.3% week over week)');
  });

  it('/chart pie and /chart share 99 are answered at once with the usage, nothing uploaded', async () => {
    await slack.start();
    const pie = await slack.slash('/chart pie');
    expect(pie.ack).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Unknown chart "pie". Charts: share, top.') });
    const many = await slack.slash('/chart share 99');
    expect(many.ack).toMatchObject({ text: expect.stringContaining('weeks must be a whole number from 2 to 52, got 99.') });
    expect(slack.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('a chart that cannot be drawn gets an apology only the asker sees, and is logged', async () => {
    const running = await slack.start({ renderChart: failingRenderer });
    const { responseUrl } = await slack.slash('/chart share');
    const [post] = await slack.fake.waitForResponses(responseUrl, 1, WAIT);
    expect(post?.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('The chart could not be drawn') });
    expect(running.lines.join('\n')).toContain('resvg exploded');
    expect(slack.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('in a channel the bot is not in, Slack refuses the share and the asker is told how to invite the bot', async () => {
    await slack.start();
    const { responseUrl } = await slack.slash('/chart share', { channel_id: 'C0OUTSIDE' });
    const [post] = await slack.fake.waitForResponses(responseUrl, 1, WAIT);
    expect(post?.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining("I'm not a member of this channel yet") });
    expect(slack.fake.files()).toEqual([]);
  });
});

describe('the posted brief', () => {
  it('/brief post puts the share chart in the brief\'s thread', async () => {
    await slack.start();
    await slack.slash('/brief post', { user_id: 'U0ADMIN' });
    const [brief] = await slack.fake.waitFor('chat.postMessage', 1, WAIT);
    const [file] = await slack.fake.waitForFiles(1, WAIT);
    const [message] = slack.fake.messages('C0MARKET');
    expect(brief?.args.text).toContain('Week 2026-W10');
    expect(file).toMatchObject({ channel: 'C0MARKET', threadTs: message?.ts, filename: 'tokenbrief-share-2026-W10.png' });
  });

  it('a channel that turned charts off gets the brief alone', async () => {
    await slack.start();
    const { responseUrl } = await slack.slash('/alerts set charts off', { user_id: 'U0ADMIN', channel_id: 'C0GENERAL' });
    const [done] = await slack.fake.waitForResponses(responseUrl, 1, WAIT);
    expect((done?.body as { text: string }).text).toContain('Done: charts off: briefs here come without a chart.');
    expect((done?.body as { text: string }).text).toContain('*Charts in briefs:* off');
    await slack.slash('/brief post', { user_id: 'U0ADMIN', channel_id: 'C0GENERAL' });
    await slack.fake.waitFor('chat.postMessage');
    expect((await slack.store.channelSettings('slack:T0TEAM:C0GENERAL'))?.charts).toBe(false);
    // Another channel's switch stays its own.
    expect((await slack.store.channelSettings('slack:T0TEAM:C0MARKET'))?.charts).toBeUndefined();
    // The brief's post is the last thing the command does; a chart would have been drawn before it.
    expect(slack.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('when the chart cannot be drawn, the brief goes out without it and the failure is logged', async () => {
    const running = await slack.start({ renderChart: failingRenderer });
    // The week went out in an earlier test: the ledger needs force to post it again.
    await slack.slash('/brief post force', { user_id: 'U0ADMIN' });
    await slack.fake.waitFor('chat.postMessage');
    const lines = running.lines;
    await until(() => lines.some((line) => line.includes('brief chart failed') && line.includes('"level":50')));
    expect(slack.fake.messages('C0MARKET')).toHaveLength(1);
    expect(slack.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('when the upload fails, the brief stays posted once and the failure is logged', async () => {
    const running = await slack.start();
    slack.fake.failNext('upload', { status: 500 });
    // The week went out in an earlier test: the ledger needs force to post it again.
    await slack.slash('/brief post force', { user_id: 'U0ADMIN' });
    await slack.fake.waitFor('chat.postMessage', 1, WAIT);
    const lines = running.lines;
    await until(() => lines.some((line) => line.includes('brief posted without its chart')));
    expect(slack.fake.uploads).toEqual([expect.objectContaining({ status: 500 })]);
    expect(slack.fake.messages('C0MARKET')).toHaveLength(1);
    expect(slack.fake.files()).toEqual([]);
  });
});
