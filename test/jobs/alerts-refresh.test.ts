import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSampleSource } from '../../src/adapters/source/sample.js';
import type { ChannelRef } from '../../src/core/channel.js';
import { DEFAULT_COUNTRY_MAP } from '../../src/core/identity.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { SourceError, type Source } from '../../src/core/ports/source.js';
import type { Store } from '../../src/core/ports/store.js';
import { runAlerts } from '../../src/jobs/alerts.js';
import { createMinuteJobs } from '../../src/jobs/minute.js';
import { createRefreshJob } from '../../src/jobs/refresh.js';
import { sampleStore, recordingPoster } from './recording-poster.js';

const C1: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const DAY = 86_400_000;
let store: Store;
let now: Date;

beforeEach(async () => {
  store = await sampleStore();
  await store.subscribe({ channel: C1, schedule: { weekday: 'monday', time: '09:00', zone: 'UTC' }, subscribedBy: 'U1', at: new Date('2026-03-09T00:00:00Z') });
  now = new Date('2026-03-09T01:00:00Z');
});
afterEach(() => store.close());

/** A new catalog the day after the newest, with the top model's prices cut by `factor`. */
async function cutTopPrice(factor: number, day: string): Promise<string> {
  const latest = await store.latestCatalog();
  const [top] = (await store.usageBetween('2026-03-02', '2026-03-08')).sort((a, b) => b.tokens - a.tokens);
  const models = (latest?.models ?? []).map((m) =>
    m.id === top?.permaslug.replace(/-\d{8}$/, '') || m.canonicalSlug === top?.permaslug
      ? { ...m, price: { ...m.price, input: (m.price.input ?? 1) * factor, output: (m.price.output ?? 2) * factor } }
      : m,
  );
  await store.saveIngest({ usage: [], catalogs: [{ fetchedOn: day, models }] });
  return top?.permaslug ?? '';
}

describe('alerts after a refresh', () => {
  it('records a baseline first, then alerts once per event, then holds the same model back for the cooldown', async () => {
    const platform = recordingPoster();
    const alerts = () => runAlerts({ store, posters: { slack: platform.poster }, countries: DEFAULT_COUNTRY_MAP, logger: silentLogger, clock: () => now, cooldownMs: 7 * DAY, replica: 'r1' });
    expect(await alerts()).toMatchObject({ baselines: 1, sent: 0 });
    expect(platform.messages).toEqual([]);

    await cutTopPrice(0.5, '2026-03-10');
    now = new Date('2026-03-10T01:00:00Z');
    expect(await alerts()).toMatchObject({ sent: 1 });
    expect(platform.messages).toMatchObject([{ kind: 'alerts' }]);
    // The same refresh again (a retry, a second replica): nothing new.
    expect(await alerts()).toMatchObject({ sent: 0 });

    // Another cut of the same model two days later: within the cooldown, recorded, not sent.
    await cutTopPrice(0.5, '2026-03-12');
    now = new Date('2026-03-12T01:00:00Z');
    expect(await alerts()).toMatchObject({ sent: 0 });
    expect((await store.alertHistory(C1)).records.some((r) => r.state === 'cooldown')).toBe(true);
    expect(platform.messages).toHaveLength(1);
  });

  it('posts one alert message once across a crash: after the post (found on the platform) or after marking it sent (history recorded late)', async () => {
    // The first alert post reaches the platform, then the process dies before it hears back.
    const platform = recordingPoster('slack', (_channel, call) => (call === 1 ? 'hang-after-post' : 'post'));
    const alerts = (replica: string) =>
      runAlerts({ store, posters: { slack: platform.poster }, countries: DEFAULT_COUNTRY_MAP, logger: silentLogger, clock: () => now, cooldownMs: 7 * DAY, replica });
    await alerts('r1');

    await cutTopPrice(0.5, '2026-03-10');
    now = new Date('2026-03-10T01:00:00Z');
    const crashed = await Promise.race([alerts('r1').then(() => 'finished'), new Promise((resolve) => setTimeout(resolve, 200, 'crashed'))]);
    expect(crashed).toBe('crashed');
    const [slot] = platform.messages.map((m) => m.slot);
    expect(slot).toBe('alerts:2026-03-08+2026-03-10');
    expect(await store.delivery(C1, slot ?? '')).toMatchObject({ kind: 'alerts', state: 'claimed', claimedBy: 'r1' });

    // Another replica, while the claim holds: leaves it alone. Once the lease ran out: finds the post.
    expect(await alerts('r2')).toMatchObject({ sent: 0, recovered: 0 });
    now = new Date(now.getTime() + 11 * 60_000);
    expect(await alerts('r2')).toMatchObject({ sent: 0, recovered: 1 });
    expect(platform.messages).toHaveLength(1);
    expect(await store.delivery(C1, slot ?? '')).toMatchObject({ state: 'sent', messageIds: [platform.messages[0]?.id] });
    expect(await alerts('r2')).toMatchObject({ sent: 0, recovered: 0 });

    // Marked sent, then the process died before recording the history: the next run records it, posts nothing.
    // (A deeper cut of the same model, after its cooldown.)
    await cutTopPrice(0.25, '2026-03-18');
    now = new Date('2026-03-18T01:00:00Z');
    const next = 'alerts:2026-03-08+2026-03-18';
    await store.claimSlot({ channel: C1, slot: next, kind: 'alerts', week: null, by: 'r1', at: now, leaseUntil: new Date(now.getTime() + 60_000), delayed: false });
    await store.markSent({ channel: C1, slot: next, by: 'r1', messageIds: ['m-lost'], at: now });
    const recordsBefore = (await store.alertHistory(C1)).records.length;
    expect(await alerts('r2')).toMatchObject({ sent: 0, recovered: 1 });
    expect(platform.messages).toHaveLength(1);
    expect((await store.alertHistory(C1)).records.length).toBeGreaterThan(recordsBefore);
    expect(await alerts('r2')).toMatchObject({ sent: 0, recovered: 0 });
  });

  it('sends nothing to a channel with alerts off', async () => {
    await store.setAlerts(C1, false);
    const platform = recordingPoster();
    expect(await runAlerts({ store, posters: { slack: platform.poster }, countries: DEFAULT_COUNTRY_MAP, logger: silentLogger, clock: () => now, cooldownMs: DAY, replica: 'r1' })).toMatchObject({
      channels: 0,
    });
  });
});

describe('alerts again without a refresh', () => {
  it('a replica taking a platform over runs the alerts at its next tick, and again once a claim another run left runs out', async () => {
    const platform = recordingPoster();
    // The tick posts the channel's missed Monday brief too; only the alerts count here.
    const alertsPosted = () => platform.messages.filter((m) => m.kind === 'alerts');
    await runAlerts({ store, posters: { slack: platform.poster }, countries: DEFAULT_COUNTRY_MAP, logger: silentLogger, clock: () => now, cooldownMs: 7 * DAY, replica: 'r1' });
    await cutTopPrice(0.5, '2026-03-10');
    now = new Date('2026-03-10T01:00:00Z');
    const MIN = 60_000;
    const slot = 'alerts:2026-03-08+2026-03-10';
    let holding = false;
    let refreshes = 0;
    const jobs = createMinuteJobs({
      store,
      posters: { slack: platform.poster },
      fanout: () => holding,
      countries: DEFAULT_COUNTRY_MAP,
      logger: silentLogger,
      source: 'fixed',
      replica: 'r2',
      tickingSince: now,
      clock: () => now,
      sleep: async () => undefined,
      refresh: { due: () => refreshes === 0, run: async () => (refreshes += 1, { ok: true, summary: 'nothing new', changed: false, failure: null }) },
      alertCooldownMs: 7 * DAY,
    });
    // Its refresh's alerts: the platform's fan-out is another replica's, which claims the slot and dies.
    await jobs.tick(now);
    await jobs.idle();
    expect(alertsPosted()).toEqual([]);
    await store.claimSlot({ channel: C1, slot, kind: 'alerts', week: null, by: 'r1', at: now, leaseUntil: new Date(now.getTime() + 2 * MIN), delayed: false });

    holding = true;
    jobs.tookOver();
    now = new Date(now.getTime() + MIN / 2);
    await jobs.tick(now);
    await jobs.idle();
    // The claim holds: left alone, and looked at again once it runs out.
    expect(alertsPosted()).toEqual([]);
    now = new Date(now.getTime() + MIN / 2);
    expect(await jobs.tick(now)).toEqual(new Date(now.getTime() + 1.5 * MIN));
    now = new Date(now.getTime() + 1.5 * MIN);
    await jobs.tick(now);
    await jobs.idle();
    expect(alertsPosted()).toMatchObject([{ kind: 'alerts', slot }]);
    expect(await store.delivery(C1, slot)).toMatchObject({ state: 'sent', claimedBy: 'r2' });
    expect(refreshes).toBe(1);
  });
});

describe('the refresh job', () => {
  it('a malformed refresh stores nothing from it, keeps the last good data, logs and tells the admins once a day', async () => {
    const before = await store.usageSpan();
    const malformed: Source = {
      // The database holds the sample; a source of that name keeps the provenance refusal out of the way.
      name: 'sample',
      fetchUsage: async () => {
        throw new SourceError('OpenRouter answered a body that is not the rankings dataset');
      },
      fetchCatalogs: async () => [],
    };
    const told: unknown[] = [];
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (obj: unknown) => void errors.push(obj), child: () => logger };
    const job = createRefreshJob({ source: malformed, store, logger, kind: 'live', clock: () => now, tellAdmins: async (notice) => void told.push(notice) });
    expect(job.due(now)).toBe(true);
    expect(await job.run(now)).toMatchObject({ ok: false, changed: false });
    expect(await store.lastRefresh()).toMatchObject({ ok: false, summary: expect.stringMatching(/not the rankings dataset/) });
    expect(await store.usageSpan()).toEqual(before);
    expect(errors.length).toBeGreaterThan(0);
    // Retried every few minutes until the deadline, the admins told only once that day.
    now = new Date(now.getTime() + 11 * 60_000);
    expect(job.due(now)).toBe(true);
    await job.run(now);
    expect(told).toEqual([{ source: 'sample', reason: expect.stringMatching(/not the rankings dataset/), asOf: expect.any(String) }]);
    now = new Date('2026-03-09T13:00:00Z');
    expect(job.due(now)).toBe(false);
    expect(job.due(new Date('2026-03-10T00:11:00Z'))).toBe(true);
  });

  it('reads a fixed source once a day', async () => {
    const job = createRefreshJob({ source: createSampleSource(), store, logger: silentLogger, kind: 'fixed', clock: () => now, tellAdmins: async () => undefined });
    expect(await job.run(now)).toMatchObject({ ok: true });
    expect(job.due(new Date(now.getTime() + 30 * 60_000))).toBe(false);
    expect(job.due(new Date('2026-03-10T00:11:00Z'))).toBe(true);
    expect(await store.lastRefresh()).toMatchObject({ ok: true });
  });
});
