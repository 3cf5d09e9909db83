import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleSource } from '../../src/adapters/source/sample.js';
import { runCommand, type CommandContext, type CommandDeps } from '../../src/commands/run.js';
import type { ChartImage } from '../../src/core/ports/charts.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { DeliveryError } from '../../src/core/ports/poster.js';
import type { Store } from '../../src/core/ports/store.js';
import { ingest } from '../../src/jobs/ingest.js';
import { renderReply } from '../../src/render/replies.js';
import { openStore } from '../../src/wiring.js';
import { commandDeps, slackChannelRef } from './deps.js';
import { NO_CHARTS, testPoster } from './poster.js';

// The scheduling commands over a real (in-memory) store, with a fixed clock: what is stored, what
// the replies say on every platform.

const NOW = new Date('2026-03-11T12:00:00Z'); // a Wednesday
let store: Store;
let deps: CommandDeps;
beforeAll(async () => {
  store = await openStore(':memory:');
  await ingest(createSampleSource(), store, silentLogger);
  deps = { ...commandDeps(store), now: () => NOW, defaultZone: 'Europe/Berlin' };
});
afterAll(() => store.close());

const ctx = (channel: string, admin = true): CommandContext => ({
  channel: slackChannelRef(channel),
  userId: 'U1',
  poster: testPoster('slack', async () => ({ messageIds: ['1.000001'] })),
  ...NO_CHARTS,
  isAdmin: async () => admin,
});

describe('/subscribe and /status', () => {
  it('subscribing says the schedule and the next brief in the channel zone; changing it says so', async () => {
    const first = await runCommand(deps, { command: 'subscribe', schedule: { weekday: 'monday', time: '09:00', zone: 'America/New_York' } }, ctx('S1'));
    expect(first).toMatchObject({ kind: 'subscribed', next: new Date('2026-03-16T13:00:00Z'), previous: null, visibility: 'channel' });
    expect(renderReply(first, 'text')).toContain('Subscribed: the weekly brief comes to this channel every Monday at 09:00 (America/New_York).\nNext brief: Monday 16 March 2026, 09:00 EDT.');
    const changed = await runCommand(deps, { command: 'subscribe', schedule: { weekday: 'sunday', time: '02:30', zone: 'America/New_York' } }, ctx('S1'));
    expect(renderReply(changed, 'discord')).toContain('Schedule changed:');
    await runCommand(deps, { command: 'alerts', alerts: { action: 'switch', on: false } }, ctx('S1'));
    const again = await runCommand(deps, { command: 'subscribe', schedule: { weekday: 'sunday', time: '03:00', zone: 'America/New_York' } }, ctx('S1'));
    expect(renderReply(again, 'slack')).toContain('Alerts between briefs are off (`/alerts on` starts them)');
    expect((await store.subscription(slackChannelRef('S1')))?.schedule.weekday).toBe('sunday');
  });

  it('members cannot subscribe, unsubscribe or switch alerts; nothing changes', async () => {
    const schedule = { weekday: 'monday' as const, time: '09:00', zone: 'UTC' };
    expect(await runCommand(deps, { command: 'subscribe', schedule }, ctx('S2', false))).toMatchObject({ kind: 'forbidden' });
    expect(await runCommand(deps, { command: 'unsubscribe' }, ctx('S2', false))).toMatchObject({ kind: 'forbidden' });
    expect(await runCommand(deps, { command: 'alerts', alerts: { action: 'switch', on: false } }, ctx('S2', false))).toMatchObject({ kind: 'forbidden' });
    expect(await store.subscription(slackChannelRef('S2'))).toBeNull();
  });

  it('/status shows the data, the last refresh, a pause, the last delivery and skipped slots, escaped', async () => {
    const channel = slackChannelRef('S3');
    await store.subscribe({ channel, schedule: { weekday: 'monday', time: '09:00', zone: 'UTC' }, subscribedBy: 'U1', at: new Date('2026-02-01T00:00:00Z') });
    await store.recordRefresh({ startedAt: new Date('2026-03-11T00:05:00Z'), finishedAt: new Date('2026-03-11T00:06:00Z'), ok: false, summary: 'HTTP 502 from <https://evil|openrouter>', asOf: null });
    await store.markSkipped({ channel, slot: '2026-03-02', reason: 'beyond-grace', at: new Date('2026-03-10T00:00:00Z') });
    await store.claimSlot({ channel, slot: '2026-03-09', kind: 'scheduled', week: '2026-W10', by: 'r', at: new Date('2026-03-09T09:00:00Z'), leaseUntil: new Date('2026-03-09T09:10:00Z'), delayed: true });
    await store.markSent({ channel, slot: '2026-03-09', by: 'r', messageIds: ['9.1'], at: new Date('2026-03-09T09:00:02Z') });
    await store.pauseSubscription(channel, 'channel_not_found', new Date('2026-03-10T09:00:00Z'));

    const reply = await runCommand(deps, { command: 'status' }, ctx('S3', false));
    expect(reply).toMatchObject({ kind: 'status', visibility: 'asker', status: { next: null } });
    const text = renderReply(reply, 'slack');
    expect(text).toContain('*Data:* sample, newest week 2026-W10, as of 2026-03-09T02:05:00Z');
    expect(text).toContain('*Last refresh:* 2026-03-11 00:06 UTC, failed: HTTP 502 from &lt;https:\u200b//evil|openrouter&gt;');
    expect(text).toContain(':no_entry: *Paused* since 2026-03-10 09:00 UTC: channel\u02cdnot\u02cdfound.');
    expect(text).toContain('*Last delivery here:* week 2026-W10 (delayed) at 2026-03-09 09:00 UTC: sent');
    expect(text).toContain('*Skipped (tokenbrief was down):* 2026-03-02');
    expect(text).not.toContain('*Next brief:*');
  });

  it('/alerts on|off reports whether the channel is subscribed', async () => {
    const off = await runCommand(deps, { command: 'alerts', alerts: { action: 'switch', on: false } }, ctx('S4'));
    expect(off).toMatchObject({ kind: 'alerts_switched', on: false, subscribed: false });
    expect(renderReply(off, 'text')).toContain('This channel is not subscribed, so it gets no alerts.');
  });
});

describe('/brief post in the ledger', () => {
  it('a failed post is marked failed with the reason and may be tried again', async () => {
    const refusing = testPoster('slack', async (channel) => {
      throw new DeliveryError('no', { channel, permanent: false, reason: 'http_503', posted: [] });
    });
    await expect(runCommand(deps, { command: 'brief', post: true, force: false }, { ...ctx('P1'), poster: refusing })).rejects.toBeInstanceOf(DeliveryError);
    expect(await store.deliveries(new Date(0), [slackChannelRef('P1')])).toMatchObject([{ slot: 'manual:2026-W10', state: 'failed', reason: 'http_503' }]);
    const again = await runCommand(deps, { command: 'brief', post: true, force: false }, ctx('P1'));
    expect(again).toMatchObject({ kind: 'brief_posted', messageIds: ['1.000001'] });
    expect(await store.deliveries(new Date(0), [slackChannelRef('P1')])).toMatchObject([
      { slot: 'manual:2026-W10', state: 'failed' },
      { slot: `manual:2026-W10:${NOW.toISOString()}`, state: 'sent' },
    ]);
  });

  it('the brief carries its chart while the channel has charts on; a chart that fails never holds it back', async () => {
    const options: unknown[] = [];
    const recording = testPoster('slack', async (_channel, _brief, postOptions) => (options.push(postOptions), { messageIds: ['2.000001'] }));
    const drawn: ChartImage = { kind: 'share', png: Buffer.from('png'), width: 1, height: 1, title: 'share', alt: 'share', fileName: 'share.png', week: '2026-W10' };
    const drawing = { ...ctx('Q1'), poster: recording, renderChart: async () => drawn };
    expect(await runCommand(deps, { command: 'brief', post: true, force: false }, drawing)).toMatchObject({ kind: 'brief_posted' });
    expect(options.at(-1)).toEqual({ slot: 'manual:2026-W10', chart: drawn });

    await runCommand(deps, { command: 'alerts', alerts: { action: 'charts', on: false } }, drawing);
    await runCommand(deps, { command: 'brief', post: true, force: true }, drawing);
    expect(options.at(-1)).toMatchObject({ chart: null });

    const failing = { ...ctx('Q2'), poster: recording };
    expect(await runCommand(deps, { command: 'brief', post: true, force: false }, failing)).toMatchObject({ kind: 'brief_posted', messageIds: ['2.000001'] });
    expect(options.at(-1)).toEqual({ slot: 'manual:2026-W10', chart: null });
  });
});
