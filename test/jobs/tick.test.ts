import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drawBriefChart } from '../../src/commands/chart.js';
import type { ChannelRef } from '../../src/core/channel.js';
import type { ChartImage, ChartRenderer } from '../../src/core/ports/charts.js';
import { DEFAULT_COUNTRY_MAP } from '../../src/core/identity.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { Store } from '../../src/core/ports/store.js';
import { createChartReader } from '../../src/jobs/chart.js';
import { deliverDue as deliver, type TickDeps } from '../../src/jobs/tick.js';
import { createScheduler } from '../../src/scheduler.js';
import { sampleStore, recordingPoster, type Behaviour } from './recording-poster.js';

// The minute tick against a real (in-memory) store holding the bundled sample, through a poster that
// plays the platform and remembers what it was given: exactly once, recovery, catch-up, failures.

const SLOT = new Date('2026-03-09T09:00:00Z');
const at = (ms: number) => new Date(SLOT.getTime() + ms);
const MIN = 60_000;
const HOUR = 3_600_000;
const channel = (n: number): ChannelRef => ({ platform: 'slack', workspace: 'T1', channel: `C${n}` });

let store: Store;
let now: Date;

beforeEach(async () => {
  store = await sampleStore();
  now = SLOT;
});
afterEach(() => store.close());

async function subscribe(count: number, since = new Date('2026-03-05T00:00:00Z')): Promise<void> {
  for (let n = 1; n <= count; n++) {
    await store.subscribe({ channel: channel(n), schedule: { weekday: 'monday', time: '09:00', zone: 'UTC' }, subscribedBy: `U${n}`, at: since });
  }
}

function deps(poster: ReturnType<typeof recordingPoster>['poster'], over: Partial<TickDeps> = {}): TickDeps {
  return {
    store,
    posters: { slack: poster },
    countries: DEFAULT_COUNTRY_MAP,
    logger: silentLogger,
    source: 'fixed',
    replica: 'r1',
    tickingSince: new Date('2026-03-01T00:00:00Z'),
    clock: () => now,
    sleep: async () => undefined,
    ...over,
  };
}

/** One tick at `when`, the injected clock moved there first. */
const deliverDue = (d: TickDeps, when: Date) => {
  now = when;
  return deliver(d, when);
};

const ledger = async () => (await store.deliveries(new Date(0))).map((d) => [d.channel.channel, d.slot, d.state, d.delayed]);

describe('the minute tick', () => {
  it('posts the latest complete week once at the slot, and nothing on later ticks', async () => {
    await subscribe(1);
    const platform = recordingPoster();
    expect(await deliverDue(deps(platform.poster), at(-MIN))).toMatchObject({ due: 0 });
    const report = await deliverDue(deps(platform.poster), SLOT);
    expect(report).toMatchObject({ due: 1, sent: 1 });
    for (const later of [SLOT, at(MIN), at(HOUR), at(3 * 86_400_000)]) await deliverDue(deps(platform.poster), later);
    expect(platform.messages).toMatchObject([{ channel: 'slack:T1:C1', slot: '2026-03-09', kind: 'brief', week: '2026-W10', options: { delayed: false, dataAsOf: expect.any(String) } }]);
    expect(await ledger()).toEqual([['C1', '2026-03-09', 'sent', false]]);
  });

  it('runs a tick only once while the previous one still runs', async () => {
    let release: () => void = () => undefined;
    let started = 0;
    const scheduler = createScheduler({
      cron: false,
      clock: () => now,
      logger: silentLogger,
      work: async () => {
        started += 1;
        await new Promise<void>((resolve) => (release = resolve));
      },
    });
    const first = scheduler.tick();
    expect(await scheduler.tick()).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(started).toBe(1);
    await scheduler.stop(Date.now() + 1000);
  });

  it('a crash between claim and send: the next process finds the post and does not post again', async () => {
    await subscribe(1);
    const platform = recordingPoster('slack', (_channel, call) => (call === 1 ? 'hang-after-post' : 'post'));
    void deliverDue(deps(platform.poster), SLOT);
    await until(() => platform.messages.length === 1);
    // A second process, before the lease (2 min) ran out, leaves the claim alone and asks to tick when it runs out; then it recovers it.
    now = at(MIN);
    expect(await deliverDue(deps(platform.poster, { replica: 'r2', tickingSince: now }), now)).toMatchObject({ recovered: 0, recheckAt: at(2 * MIN) });
    now = at(2 * MIN);
    expect(await deliverDue(deps(platform.poster, { replica: 'r2', tickingSince: at(MIN) }), now)).toMatchObject({ recovered: 1, recheckAt: null });
    expect(platform.messages).toHaveLength(1);
    expect(await store.lastSent(channel(1))).toMatchObject({ claimedBy: 'r2', messageIds: ['m1'] });
  });

  it('a crash before the post went out: the claim is taken over and the brief sent once', async () => {
    await subscribe(1);
    const platform = recordingPoster('slack', (_channel, call) => (call === 1 ? 'hang' : 'post'));
    void deliverDue(deps(platform.poster), SLOT);
    await until(async () => (await ledger()).length === 1);
    now = at(11 * MIN);
    await deliverDue(deps(platform.poster, { replica: 'r2', tickingSince: at(10 * MIN) }), now);
    await deliverDue(deps(platform.poster, { replica: 'r2', tickingSince: at(10 * MIN) }), at(20 * MIN));
    expect(platform.messages.map((m) => [m.channel, m.slot])).toEqual([['slack:T1:C1', '2026-03-09']]);
  });

  it('a restart after half of 200 channels were sent: every channel ends with exactly one brief', async () => {
    await subscribe(200);
    // The first process dies after 100 posts: a few of its last posts went out unanswered, the rest never left.
    const platform = recordingPoster('slack', (_channel, call) => (call <= 100 ? 'post' : call <= 104 ? 'hang-after-post' : 'hang'));
    void deliverDue(deps(platform.poster), SLOT);
    await until(() => platform.messages.length === 104);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const restarted = recordingPoster('slack');
    // The platform keeps what it was given before the restart.
    restarted.messages.push(...platform.messages);
    now = at(3 * MIN);
    await deliverDue(deps(restarted.poster, { replica: 'r2', tickingSince: now }), now);
    now = at(12 * MIN);
    await deliverDue(deps(restarted.poster, { replica: 'r2', tickingSince: at(3 * MIN) }), now);
    const perChannel = new Map<string, number>();
    for (const m of restarted.messages) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(200);
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    expect((await store.deliveries(new Date(0))).every((d) => d.state === 'sent')).toBe(true);
  });

  it('after 3 hours down, posts the missed slot once, marked delayed', async () => {
    await subscribe(1);
    const platform = recordingPoster();
    now = at(3 * HOUR);
    await deliverDue(deps(platform.poster, { tickingSince: now }), now);
    await deliverDue(deps(platform.poster, { tickingSince: at(3 * HOUR) }), at(3 * HOUR + MIN));
    expect(platform.messages).toMatchObject([{ slot: '2026-03-09', options: { delayed: true } }]);
    expect(await ledger()).toEqual([['C1', '2026-03-09', 'sent', true]]);
  });

  it('after 3 days down, records the slot skipped and posts nothing', async () => {
    await subscribe(1);
    const platform = recordingPoster();
    now = at(3 * 86_400_000);
    expect(await deliverDue(deps(platform.poster, { tickingSince: now }), now)).toMatchObject({ skipped: 1 });
    expect(platform.messages).toEqual([]);
    expect(await ledger()).toEqual([['C1', '2026-03-09', 'skipped', false]]);
  });

  it('retries transient failures (429 with Retry-After, 500) with backoff, then posts once', async () => {
    await subscribe(2);
    const slept: number[] = [];
    const failures: Behaviour[] = [{ fail: 'transient', reason: 'ratelimited', retryAfterMs: 7000 }, { fail: 'transient', reason: 'http_500' }];
    const platform = recordingPoster('slack', (ch) => (ch === 'slack:T1:C1' ? (failures.shift() ?? 'post') : 'post'));
    const report = await deliverDue(deps(platform.poster, { sleep: async (ms) => void slept.push(ms) }), SLOT);
    expect(report).toMatchObject({ sent: 2, deferred: 0 });
    expect(slept).toEqual([7000, 2000]);
    expect(platform.messages.map((m) => m.channel).sort()).toEqual(['slack:T1:C1', 'slack:T1:C2']);
  });

  it('leaves a channel that keeps failing for the next tick after its lease, without holding up the others', async () => {
    await subscribe(2);
    let down = true;
    const platform = recordingPoster('slack', (ch) => (down && ch === 'slack:T1:C1' ? { fail: 'transient', reason: 'http_500' } : 'post'));
    expect(await deliverDue(deps(platform.poster), SLOT)).toMatchObject({ sent: 1, deferred: 1 });
    down = false;
    expect(await deliverDue(deps(platform.poster), at(11 * MIN))).toMatchObject({ sent: 1 });
    expect(platform.messages.map((m) => m.channel).sort()).toEqual(['slack:T1:C1', 'slack:T1:C2']);
  });

  it('a channel deleted mid fan-out: its subscription pauses, its admin is told, the others are delivered', async () => {
    await subscribe(5);
    const platform = recordingPoster('slack', (ch) => (ch === 'slack:T1:C3' ? { fail: 'permanent', reason: 'channel_not_found' } : 'post'));
    expect(await deliverDue(deps(platform.poster), SLOT)).toMatchObject({ sent: 4, failed: 1 });
    expect((await store.subscription(channel(3)))?.paused).toMatchObject({ reason: 'channel_not_found' });
    expect(platform.dms).toEqual([{ workspace: 'T1', user: 'U3', notice: { kind: 'delivery_paused', channel: channel(3), reason: 'channel_not_found' } }]);
    expect((await ledger()).filter(([, , state]) => state === 'failed')).toEqual([['C3', '2026-03-09', 'failed', false]]);
    // Paused: never tried again.
    await deliverDue(deps(platform.poster), at(8 * 86_400_000));
    expect(platform.messages.filter((m) => m.channel === 'slack:T1:C3')).toEqual([]);
  });

  it('posts one "no new week" line when the latest week was already delivered to the channel', async () => {
    await subscribe(1);
    await store.claimSlot({ channel: channel(1), slot: 'manual:2026-W10', kind: 'manual', week: '2026-W10', by: 'x', at: at(-HOUR), leaseUntil: at(-HOUR + MIN), delayed: false });
    await store.markSent({ channel: channel(1), slot: 'manual:2026-W10', by: 'x', messageIds: ['x1'], at: at(-HOUR) });
    const platform = recordingPoster();
    await deliverDue(deps(platform.poster), SLOT);
    expect(platform.messages).toMatchObject([{ kind: 'no_new_week', week: '2026-W10', slot: '2026-03-09' }]);
  });

  it('a stale live source posts what there is at once, with its "data as of" line, and tells the admin', async () => {
    await subscribe(1, new Date('2026-03-10T00:00:00Z'));
    const platform = recordingPoster();
    // A week after the sample's newest day, nothing newer came in: stale.
    expect(await deliverDue(deps(platform.poster, { source: 'live' }), new Date('2026-03-16T09:00:00Z'))).toMatchObject({ sent: 1, waiting: 0 });
    expect(platform.messages).toMatchObject([{ kind: 'brief', week: '2026-W10', options: { dataAsOf: expect.any(String) } }]);
    expect(platform.dms).toMatchObject([{ user: 'U1', notice: { kind: 'stale_data', newestDay: '2026-03-08' } }]);
  });
});

describe("the scheduled brief's chart", () => {
  const image: ChartImage = { png: Buffer.from([1]), width: 1, height: 1, title: 'share', alt: 'share', fileName: 'share.png', week: '2026-W10', kind: 'share' };
  const chartsSent = (platform: ReturnType<typeof recordingPoster>) =>
    Object.fromEntries(platform.messages.map((m) => [m.channel, (m.options as { chart?: unknown }).chart ?? null]));
  /** The tick's chart drawn as `main` draws it: the share chart's data from the store, through `render`. */
  const drawWith = (render: ChartRenderer) => (week: string) => drawBriefChart({ charts: createChartReader(store, DEFAULT_COUNTRY_MAP), render }, week);
  let lines: Record<string, unknown>[];
  const logger = () => pino({ level: 'info', base: null }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  beforeEach(() => {
    lines = [];
  });

  it('is drawn once per week per tick and goes to the channels with charts on; a channel with charts off gets none', async () => {
    await subscribe(3);
    await store.updateChannelSettings('slack:T1:C2', (current) => ({ ...current, charts: false }));
    const platform = recordingPoster();
    const drawn: string[] = [];
    const render: ChartRenderer = async (data) => {
      drawn.push(data.kind);
      return image;
    };
    expect(await deliverDue(deps(platform.poster, { drawChart: drawWith(render) }), SLOT)).toMatchObject({ sent: 3 });
    expect(drawn).toEqual(['share']);
    expect(chartsSent(platform)).toEqual({ 'slack:T1:C1': image, 'slack:T1:C2': null, 'slack:T1:C3': image });
  });

  it('a renderer that throws: every brief goes out without the chart, and one warn line says why', async () => {
    await subscribe(2);
    const platform = recordingPoster();
    const render: ChartRenderer = async () => {
      throw new Error('resvg exploded');
    };
    expect(await deliverDue(deps(platform.poster, { drawChart: drawWith(render), logger: logger() }), SLOT)).toMatchObject({ sent: 2, deferred: 0 });
    expect(chartsSent(platform)).toEqual({ 'slack:T1:C1': null, 'slack:T1:C2': null });
    expect(lines.filter((line) => line.level === 40)).toEqual([expect.objectContaining({ week: '2026-W10', err: 'resvg exploded', msg: expect.stringContaining('brief chart failed') })]);
    expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });

  it('a renderer that never finishes: the briefs go out without the chart once its deadline passed, with a warn line', async () => {
    await subscribe(2);
    const platform = recordingPoster();
    const render: ChartRenderer = () => new Promise<never>(() => undefined);
    const options = { chartDeadlineMs: 50 };
    expect(await deliverDue(deps(platform.poster, { drawChart: drawWith(render), logger: logger(), options }), SLOT)).toMatchObject({ sent: 2 });
    expect(chartsSent(platform)).toEqual({ 'slack:T1:C1': null, 'slack:T1:C2': null });
    expect(lines.filter((line) => line.level === 40)).toEqual([expect.objectContaining({ week: '2026-W10', deadlineMs: 50, msg: expect.stringContaining('not drawn in time') })]);
  });

  it('a drawer that throws at once is a failed chart too, not a failed brief', async () => {
    await subscribe(1);
    const platform = recordingPoster();
    const drawChart = (): Promise<ChartImage> => {
      throw new Error('no renderer');
    };
    expect(await deliverDue(deps(platform.poster, { drawChart }), SLOT)).toMatchObject({ sent: 1, deferred: 0 });
    expect(chartsSent(platform)).toEqual({ 'slack:T1:C1': null });
  });
});

describe('the minute tick among replicas', () => {
  it('only the holder of a platform\'s fan-out posts there; the others leave it to it and record nothing', async () => {
    await subscribe(20);
    const platform = recordingPoster();
    const standby = await deliverDue(deps(platform.poster, { replica: 'r1', fanout: () => false }), SLOT);
    expect(standby).toMatchObject({ due: 20, sent: 0, elsewhere: 20 });
    expect(await ledger()).toEqual([]);
    expect(await deliverDue(deps(platform.poster, { replica: 'r2', fanout: (p) => p === 'slack' }), SLOT)).toMatchObject({ sent: 20, elsewhere: 0 });
    expect(platform.messages).toHaveLength(20);
    expect(new Set((await store.deliveries(new Date(0))).map((d) => d.claimedBy))).toEqual(new Set(['r2']));
  });

  it('a holder that loses the fan-out lease mid-way claims no more channels; the new holder posts the rest, each once', async () => {
    await subscribe(40);
    let holding = true;
    const platform = recordingPoster('slack', (_channel, call) => {
      if (call === 10) holding = false;
      return 'post';
    });
    const first = await deliverDue(deps(platform.poster, { replica: 'r1', fanout: () => holding, options: { concurrency: 4 } }), SLOT);
    // The ten claimed before the lease went are posted; the channels after it are left to the new holder.
    expect(first.sent).toBeGreaterThanOrEqual(10);
    expect(first.sent).toBeLessThan(40);
    expect(first.sent + first.elsewhere).toBe(40);
    const second = await deliverDue(deps(platform.poster, { replica: 'r2' }), at(MIN / 2));
    expect(second.sent).toBe(40 - first.sent);
    const perChannel = new Map<string, number>();
    for (const m of platform.messages) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
    expect([...perChannel.values()]).toEqual(Array.from({ length: 40 }, () => 1));
  });

  it('a holder posts within the first half of its claim: a post stalled past it is stopped, and recovered once the claim runs out', async () => {
    await subscribe(1);
    const leaseMs = 400;
    const stalled = recordingPoster('slack', () => 'stall');
    const first = await deliverDue(deps(stalled.poster, { replica: 'r1', options: { leaseMs } }), SLOT);
    // Stopped at half the lease: nothing posted, the claim left open, a tick asked for when it runs out.
    expect(first).toMatchObject({ sent: 0, deferred: 1, recheckAt: at(leaseMs) });
    expect(stalled.messages).toEqual([]);
    const platform = recordingPoster();
    expect(await deliverDue(deps(platform.poster, { replica: 'r2', options: { leaseMs } }), at(leaseMs - 1))).toMatchObject({ recovered: 0, sent: 0, recheckAt: at(leaseMs) });
    expect(await deliverDue(deps(platform.poster, { replica: 'r2', options: { leaseMs } }), at(leaseMs))).toMatchObject({ sent: 1, recheckAt: null });
    expect(platform.messages).toMatchObject([{ channel: 'slack:T1:C1', slot: '2026-03-09', options: { delayed: true } }]);
  });

  it('the scheduler ticks again when a tick asks, before the next minute', async () => {
    const ticks: number[] = [];
    const scheduler = createScheduler({
      cron: false,
      clock: () => new Date(),
      logger: silentLogger,
      work: async () => {
        ticks.push(Date.now());
        return ticks.length === 1 ? new Date(Date.now() + 50) : null;
      },
    });
    await scheduler.tick();
    await until(() => ticks.length === 2);
    expect(ticks[1]! - ticks[0]!).toBeGreaterThanOrEqual(45);
    await scheduler.stop(Date.now() + 1000);
  });
});

async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await done()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!(await done())) throw new Error('condition never met');
}

