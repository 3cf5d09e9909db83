import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSampleSource } from '../../src/adapters/source/sample.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite.js';
import { lookupIndexFor } from '../../src/commands/models.js';
import { runCommand, type CommandContext, type CommandDeps } from '../../src/commands/run.js';
import type { CommandInput } from '../../src/core/input.js';
import { DEFAULT_COUNTRY_MAP } from '../../src/core/identity.js';
import { signalsFor } from '../../src/core/market-week.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { Store } from '../../src/core/ports/store.js';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds.js';
import { latestCompleteWeek, weekRange } from '../../src/core/week.js';
import { ingest } from '../../src/jobs/ingest.js';
import { NO_CHARTS, testPoster } from '../commands/poster.js';
import { createChartReader } from '../../src/jobs/chart.js';
import { createWeekReader } from '../../src/jobs/week.js';
import { openStore } from '../../src/wiring.js';
import { slackChannelRef } from '../commands/deps.js';

// The week reader builds a week once per data version: commands after the first are answered from
// memory (one data-version read each), and a refresh or a settings change shows in the very next answer.

/** The store with every call counted by method name. */
function counted(inner: Store): { store: Store; calls: Map<string, number>; reset: () => void } {
  const calls = new Map<string, number>();
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(key), (calls.get(String(key)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, calls, reset: () => calls.clear() };
}

const admin = (channel: string): CommandContext => ({
  channel: slackChannelRef(channel),
  userId: 'U1',
  isAdmin: async () => true,
  poster: testPoster('slack', () => Promise.reject(new Error('nothing is posted here'))),
  ...NO_CHARTS,
});
const PRICE: CommandInput = { command: 'price', query: 'kimi' };
const TOP: CommandInput = { command: 'top', n: 1, country: null };
const PREVIEW: CommandInput = { command: 'brief', post: false, force: false };

let inner: Store;
let store: Store;
let calls: Map<string, number>;
let reset: () => void;
let deps: CommandDeps;

beforeEach(async () => {
  inner = await openStore(':memory:');
  await ingest(createSampleSource(), inner, silentLogger);
  ({ store, calls, reset } = counted(inner));
  deps = { weeks: createWeekReader(store, DEFAULT_COUNTRY_MAP), channels: store, charts: createChartReader(store, DEFAULT_COUNTRY_MAP), catalogs: store, schedule: store, defaultZone: 'UTC', now: () => new Date() };
});
afterEach(() => inner.close());

/** A newcomer far ahead of everyone on the newest week's Sunday: it tops the chart once the data are read again. */
async function refreshWithNewcomer(target: Store): Promise<void> {
  const span = await target.usageSpan();
  const sunday = weekRange(latestCompleteWeek(span?.last ?? '')).end;
  const asOf = '2099-01-01T00:00:00Z';
  await target.saveUsage({ rows: [{ date: sunday, permaslug: 'lab/newcomer', tokens: 1e15, asOf }], asOf, startDate: sunday, endDate: sunday, dropped: 0 });
}

const topId = async (): Promise<string | undefined> => {
  const reply = await runCommand(deps, TOP, admin('C1'));
  return reply.kind === 'answer' && reply.answer.kind === 'top' ? reply.answer.models[0]?.id : undefined;
};

describe('built once per data version', () => {
  it('a second /price does not re-read the store: it asks only for the data version', async () => {
    const first = await runCommand(deps, PRICE, admin('C1'));
    expect(calls.get('usageBetween')).toBe(1);
    reset();
    const second = await runCommand(deps, PRICE, admin('C1'));
    expect(Object.fromEntries(calls)).toEqual({ dataVersion: 1 });
    expect(second).toEqual(first);
    reset();
    await runCommand(deps, TOP, admin('C1'));
    await runCommand(deps, { command: 'compare', a: 'kimi', b: 'opus' }, admin('C1'));
    expect(Object.fromEntries(calls)).toEqual({ dataVersion: 2 });
  });

  it('the week, its lookup index and its signals are the same objects until the data change', async () => {
    const week = await deps.weeks.read();
    expect(await deps.weeks.read()).toBe(week);
    expect(lookupIndexFor(week)).toBe(lookupIndexFor(await deps.weeks.read()));
    const signals = signalsFor(week, { thresholds: DEFAULT_THRESHOLDS });
    // Equal settings written in another order are the same settings.
    const reordered = Object.fromEntries(Object.entries(DEFAULT_THRESHOLDS).reverse()) as typeof DEFAULT_THRESHOLDS;
    expect(signalsFor(week, { thresholds: reordered })).toBe(signals);
    expect(Object.isFrozen(signals)).toBe(true);
    expect(signalsFor(week, { thresholds: { ...DEFAULT_THRESHOLDS, surgePct: 5 } })).not.toBe(signals);
  });

  it('concurrent reads of a week not built yet share one build', async () => {
    const weeks = await Promise.all(Array.from({ length: 20 }, () => deps.weeks.read()));
    expect(new Set(weeks).size).toBe(1);
    expect(calls.get('usageBetween')).toBe(1);
    expect(calls.get('dataVersion')).toBe(20);
  });

  it('a refresh invalidates: the next command sees the new data, read once', async () => {
    const before = await topId();
    expect(before).not.toBe('lab/newcomer');
    await refreshWithNewcomer(inner);
    reset();
    expect(await topId()).toBe('lab/newcomer');
    expect(calls.get('usageBetween')).toBe(1);
    reset();
    expect(await topId()).toBe('lab/newcomer');
    expect(calls.get('usageBetween')).toBeUndefined();
  });

  it('a write by another process sharing the database file invalidates too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenbrief-cache-'));
    const path = join(dir, 'store.db');
    const mine = openSqliteStore(path);
    const theirs = openSqliteStore(path);
    try {
      await mine.migrate();
      await ingest(createSampleSource(), mine, silentLogger);
      deps = { weeks: createWeekReader(mine, DEFAULT_COUNTRY_MAP), channels: mine, charts: createChartReader(mine, DEFAULT_COUNTRY_MAP), catalogs: mine, schedule: mine, defaultZone: 'UTC', now: () => new Date() };
      expect(await topId()).not.toBe('lab/newcomer');
      await refreshWithNewcomer(theirs);
      expect(await topId()).toBe('lab/newcomer');
    } finally {
      await mine.close();
      await theirs.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('/alerts set changes the next /brief at once, and only for that channel', async () => {
    const surges = (reply: Awaited<ReturnType<typeof runCommand>>) => {
      if (reply.kind !== 'brief_preview') throw new Error(`not a preview: ${reply.kind}`);
      return reply.brief.signals.filter((s) => s.kind === 'surge').length;
    };
    const before = surges(await runCommand(deps, PREVIEW, admin('C1')));
    const neighbour = await runCommand(deps, PREVIEW, admin('C2'));
    await runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'surgePct', value: 5 } }, admin('C1'));
    await runCommand(deps, { command: 'alerts', alerts: { action: 'set', name: 'minTokens', value: 1e9 } }, admin('C1'));
    reset();
    const after = await runCommand(deps, PREVIEW, admin('C1'));
    expect(surges(after)).toBeGreaterThan(before);
    // The week itself was not rebuilt: only the changed channel's signals were detected again.
    expect(calls.get('usageBetween')).toBeUndefined();
    const neighbourAgain = await runCommand(deps, PREVIEW, admin('C2'));
    if (neighbour.kind !== 'brief_preview' || neighbourAgain.kind !== 'brief_preview') throw new Error('not a preview');
    expect(neighbourAgain.brief.signals).toBe(neighbour.brief.signals);
    // Back to the defaults: the defaults' signals, still in memory.
    await runCommand(deps, { command: 'alerts', alerts: { action: 'reset', name: null } }, admin('C1'));
    expect(surges(await runCommand(deps, PREVIEW, admin('C1')))).toBe(before);
  });

  it('a failed build is not kept: the next read tries again', async () => {
    let failing = true;
    const flaky = new Proxy(inner, {
      get(target, key, receiver) {
        if (key === 'usageBetween' && failing) {
          return async () => {
            failing = false;
            throw new Error('disk on fire');
          };
        }
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const weeks = createWeekReader(flaky, DEFAULT_COUNTRY_MAP);
    await expect(weeks.read()).rejects.toThrow('disk on fire');
    expect((await weeks.read()).market.models.length).toBeGreaterThan(0);
  });

  it('with the cache off, every read builds anew (what the benchmark compares against)', async () => {
    const weeks = createWeekReader(store, DEFAULT_COUNTRY_MAP, { cache: false });
    const first = await weeks.read();
    expect(await weeks.read()).not.toBe(first);
    expect(calls.get('usageBetween')).toBe(2);
    expect(calls.get('dataVersion')).toBeUndefined();
  });
});
