import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogModel, CatalogSnapshot, Day, ModelPrice, PricePoint, UsageBatch, UsageRow } from '../../../src/core/types.js';
import type { Store } from '../../../src/core/ports/store.js';
import { describeSchedulerContract } from './schedule-contract.js';

// The behaviour every Store must show, whatever it is built on. Run it from each implementation's
// test file: `describeStoreContract('sqlite :memory:', async () => openSqliteStore(':memory:'))`.
// `open` must return a fresh, empty store each call; the suite migrates and closes it.

const T1 = '2026-05-12T02:00:00Z';
const T2 = '2026-05-13T02:00:00Z';
const T3 = '2026-05-14T02:00:00Z';

const row = (date: Day, permaslug: string, tokens: number, asOf = T1): UsageRow => ({ date, permaslug, tokens, asOf });

function batch(rows: UsageRow[]): UsageBatch {
  const dates = rows.map((r) => r.date).sort();
  const asOfs = rows.map((r) => r.asOf).sort();
  return {
    rows,
    asOf: asOfs.at(-1) ?? T1,
    startDate: dates[0] ?? '2026-05-01',
    endDate: dates.at(-1) ?? '2026-05-01',
    dropped: 0,
  };
}

const price = (input: number | null, output: number | null, cacheRead: number | null = null): ModelPrice => ({
  input,
  output,
  cacheRead,
});

function model(id: string, p: ModelPrice = price(1, 2)): CatalogModel {
  return {
    id,
    canonicalSlug: `${id}-20260101`,
    name: `Lab: ${id.split('/')[1] ?? id}`,
    created: 1_767_225_600,
    contextLength: 131_072,
    huggingFaceId: null,
    price: p,
  };
}

const snapshot = (fetchedOn: Day, models: CatalogModel[]): CatalogSnapshot => ({ fetchedOn, models });

/** The ledger by definition: every snapshot (the last saved per day) in date order, change points only. */
function referenceLedger(saved: CatalogSnapshot[], modelId: string): PricePoint[] {
  const byDay = new Map(saved.map((s) => [s.fetchedOn, s]));
  const points: PricePoint[] = [];
  let last: ModelPrice | undefined;
  for (const day of [...byDay.keys()].sort()) {
    const listed = byDay.get(day)?.models.find((m) => m.id === modelId);
    if (!listed) continue;
    const p = listed.price;
    if (!last || last.input !== p.input || last.output !== p.output || last.cacheRead !== p.cacheRead) {
      points.push({ modelId, date: day, price: p });
    }
    last = p;
  }
  return points;
}

/** Deterministic pseudo-random numbers, so a failing order can be replayed. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** How many admins change one channel at once in the concurrency check. */
const CONCURRENT_CHANGES = 12;

/**
 * Many changes to one channel at once, spread over `stores` (handles on one database, e.g. two
 * connections): every change must survive. A store that reads the settings, awaits, then writes loses
 * all but the last of them, and this throws (the check's own test proves it can fail).
 */
export async function assertConcurrentChangesKept(stores: readonly Store[], channel = 'slack:T1:C1'): Promise<void> {
  const models = Array.from({ length: CONCURRENT_CHANGES }, (_, i) => `m/${i}`);
  await Promise.all(
    models.map((model, i) =>
      stores[i % stores.length]!.updateChannelSettings(channel, (current) => ({ ...current, watchlist: [...current.watchlist, model] })),
    ),
  );
  const kept = new Set((await stores[0]!.channelSettings(channel))?.watchlist ?? []);
  const lost = models.filter((model) => !kept.has(model));
  if (lost.length > 0) throw new Error(`concurrent changes lost: ${lost.join(', ')} (kept ${[...kept].join(', ') || 'none'})`);
}

export interface StoreContractOptions {
  /** A second, independent handle on the database `open` last opened (another connection), for the concurrency check. */
  openSibling?: () => Promise<Store>;
}

export function describeStoreContract(name: string, open: () => Promise<Store>, options: StoreContractOptions = {}): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
      await store.migrate();
      await store.claimSource('file:test');
    });
    afterEach(async () => {
      await store.close();
    });

    describe('migrate', () => {
      it('is idempotent and keeps stored data', async () => {
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 10)]));
        await store.migrate();
        await store.migrate();
        expect(await store.usageBetween('2026-05-01', '2026-05-01')).toEqual([row('2026-05-01', 'a/x', 10)]);
      });
    });

    describe('provenance', () => {
      it('knows its source, and refuses data of another before writing anything', async () => {
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 10)]));
        expect(await store.dataSource()).toBe('file:test');
        await store.claimSource('file:test');
        await expect(store.claimSource('openrouter')).rejects.toThrow(/holds file:test data; refusing to add openrouter data/);
        expect(await store.dataSource()).toBe('file:test');
        expect(await store.usageBetween('2026-05-01', '2026-05-01')).toEqual([row('2026-05-01', 'a/x', 10)]);
      });

      it('refuses writes to a database no source has claimed, storing nothing', async () => {
        const unclaimed = await open();
        try {
          await unclaimed.migrate();
          const refused = /no source claimed; call claimSource before writing data/;
          await expect(unclaimed.saveUsage(batch([row('2026-05-01', 'a/x', 10)]))).rejects.toThrow(refused);
          await expect(unclaimed.saveCatalog(snapshot('2026-05-01', [model('a/x')]))).rejects.toThrow(refused);
          await expect(unclaimed.saveIngest({ usage: [batch([row('2026-05-01', 'a/x', 10)])], catalogs: [] })).rejects.toThrow(refused);
          expect(await unclaimed.dataSource()).toBeNull();
          expect(await unclaimed.usageSpan()).toBeNull();
          expect(await unclaimed.latestCatalog()).toBeNull();
        } finally {
          await unclaimed.close();
        }
      });

      it('keeps a suspect catalog aside: never read back as a catalog', async () => {
        const good = snapshot('2026-05-01', [model('a/x'), model('b/y')]);
        await store.saveIngest({ usage: [], catalogs: [good] });
        const empty = snapshot('2026-05-02', []);
        await store.saveIngest({ usage: [], catalogs: [], suspectCatalogs: [{ snapshot: empty, comparedWith: '2026-05-01', comparedModels: 2, reason: 'lost all' }] });
        expect(await store.latestCatalog()).toEqual(good);
        expect(await store.catalogAsOf('2026-05-02')).toEqual(good);
      });
    });

    describe('an empty store', () => {
      it('answers empty, never throws', async () => {
        expect(await store.usageBetween('2025-01-01', '2026-12-31')).toEqual([]);
        expect(await store.usageSpan()).toBeNull();
        expect(await store.restatementsBetween('2025-01-01', '2026-12-31')).toEqual([]);
        expect(await store.catalogAsOf('2026-05-01')).toBeNull();
        expect(await store.latestCatalog()).toBeNull();
        expect(await store.priceHistory('a/x')).toEqual([]);
      });

      it('accepts an empty batch', async () => {
        expect(await store.saveUsage(batch([]))).toEqual({ inserted: 0, restated: 0, unchanged: 0 });
      });
    });

    describe('saveUsage', () => {
      it('counts inserted rows, then the same batch again as unchanged', async () => {
        const rows = [row('2026-05-01', 'a/x', 10), row('2026-05-01', 'other', 5), row('2026-05-02', 'a/x', 12)];
        expect(await store.saveUsage(batch(rows))).toEqual({ inserted: 3, restated: 0, unchanged: 0 });
        expect(await store.saveUsage(batch(rows))).toEqual({ inserted: 0, restated: 0, unchanged: 3 });
        expect(await store.restatementsBetween('2026-05-01', '2026-05-02')).toEqual([]);
      });

      it('lets a newer as_of restate tokens and records the restatement', async () => {
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 10, T1), row('2026-05-01', 'b/y', 20, T1)]));
        const result = await store.saveUsage(
          batch([row('2026-05-01', 'a/x', 11, T2), row('2026-05-01', 'b/y', 20, T2), row('2026-05-02', 'a/x', 7, T2)]),
        );
        expect(result).toEqual({ inserted: 1, restated: 1, unchanged: 1 });
        expect(await store.usageBetween('2026-05-01', '2026-05-02')).toEqual([
          row('2026-05-01', 'a/x', 11, T2),
          row('2026-05-01', 'b/y', 20, T2), // same tokens: only as_of moves forward
          row('2026-05-02', 'a/x', 7, T2),
        ]);
        expect(await store.restatementsBetween('2026-05-01', '2026-05-01')).toEqual([
          { date: '2026-05-01', permaslug: 'a/x', fromTokens: 10, toTokens: 11, fromAsOf: T1, toAsOf: T2 },
        ]);
      });

      it('never lets an older recording overwrite a newer one', async () => {
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 11, T2)]));
        expect(await store.saveUsage(batch([row('2026-05-01', 'a/x', 10, T1)]))).toEqual({
          inserted: 0,
          restated: 0,
          unchanged: 1,
        });
        expect(await store.usageBetween('2026-05-01', '2026-05-01')).toEqual([row('2026-05-01', 'a/x', 11, T2)]);
        expect(await store.restatementsBetween('2026-05-01', '2026-05-01')).toEqual([]);
      });

      it('keeps the stored row when a recording has the same as_of', async () => {
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 10, T1)]));
        expect(await store.saveUsage(batch([row('2026-05-01', 'a/x', 99, T1)]))).toEqual({
          inserted: 0,
          restated: 0,
          unchanged: 1,
        });
        expect(await store.usageBetween('2026-05-01', '2026-05-01')).toEqual([row('2026-05-01', 'a/x', 10, T1)]);
      });

      it('compares as_of as instants, not as text', async () => {
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 10, '2026-05-12T02:00:00Z')]));
        // The same instant written differently is not newer...
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 11, '2026-05-12T04:00:00+02:00')]));
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 12, '2026-05-12T02:00:00.000Z')]));
        expect((await store.usageBetween('2026-05-01', '2026-05-01'))[0]?.tokens).toBe(10);
        // ...while half a second later is, although it sorts first as text ('.' < 'Z').
        const later = '2026-05-12T02:00:00.500Z';
        expect(await store.saveUsage(batch([row('2026-05-01', 'a/x', 13, later)]))).toMatchObject({ restated: 1 });
        expect(await store.usageBetween('2026-05-01', '2026-05-01')).toEqual([row('2026-05-01', 'a/x', 13, later)]);
      });

      it('keeps the newest as_of when one batch holds a day twice, in either order', async () => {
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 11, T2), row('2026-05-01', 'a/x', 10, T1)]));
        await store.saveUsage(batch([row('2026-05-02', 'a/x', 10, T1), row('2026-05-02', 'a/x', 11, T2)]));
        expect(await store.usageBetween('2026-05-01', '2026-05-02')).toEqual([
          row('2026-05-01', 'a/x', 11, T2),
          row('2026-05-02', 'a/x', 11, T2),
        ]);
      });

      it('applies a day held twice in one batch row by row: the later row restates the earlier', async () => {
        expect(await store.saveUsage(batch([row('2026-05-01', 'a/x', 10, T1), row('2026-05-01', 'a/x', 11, T2), row('2026-05-01', 'a/x', 9, T1)]))).toEqual({
          inserted: 1,
          restated: 1,
          unchanged: 1,
        });
        expect(await store.restatementsBetween('2026-05-01', '2026-05-01')).toEqual([
          { date: '2026-05-01', permaslug: 'a/x', fromTokens: 10, toTokens: 11, fromAsOf: T1, toAsOf: T2 },
        ]);
      });

      it('records every restatement of a day, oldest first, within inclusive date bounds', async () => {
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 10, T1), row('2026-05-02', 'a/x', 20, T1)]));
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 11, T2), row('2026-05-02', 'a/x', 21, T2)]));
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 12, T3), row('2026-05-03', 'a/x', 1, T3)]));
        expect(await store.restatementsBetween('2026-05-01', '2026-05-02')).toEqual([
          { date: '2026-05-01', permaslug: 'a/x', fromTokens: 10, toTokens: 11, fromAsOf: T1, toAsOf: T2 },
          { date: '2026-05-01', permaslug: 'a/x', fromTokens: 11, toTokens: 12, fromAsOf: T2, toAsOf: T3 },
          { date: '2026-05-02', permaslug: 'a/x', fromTokens: 20, toTokens: 21, fromAsOf: T1, toAsOf: T2 },
        ]);
        expect(await store.restatementsBetween('2026-05-02', '2026-05-02')).toHaveLength(1);
        expect(await store.restatementsBetween('2026-05-03', '2026-05-31')).toEqual([]);
      });

      it('round-trips token counts up to 9e15 exactly, and zero', async () => {
        const big = [row('2026-05-01', 'a/x', 9e15), row('2026-05-01', 'b/y', 8_999_999_999_999_999), row('2026-05-01', 'c/z', 0)];
        await store.saveUsage(batch(big));
        expect(await store.usageBetween('2026-05-01', '2026-05-01')).toEqual(big);
      });

      it.each([
        ['a fractional token count', { tokens: 1.5 }],
        ['a negative token count', { tokens: -1 }],
        ['a NaN token count', { tokens: Number.NaN }],
        ['an as_of that is not a time', { asOf: 'yesterday' }],
      ])('stores nothing from a batch with %s in its third row', async (_label, bad) => {
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 10, T1)]));
        const rows = [row('2026-05-01', 'a/x', 11, T2), row('2026-05-02', 'a/x', 5, T2), { ...row('2026-05-03', 'a/x', 5, T2), ...bad }];
        await expect(store.saveUsage(batch(rows))).rejects.toThrow();
        expect(await store.usageBetween('2026-05-01', '2026-05-31')).toEqual([row('2026-05-01', 'a/x', 10, T1)]);
        expect(await store.restatementsBetween('2026-05-01', '2026-05-31')).toEqual([]);
        expect(await store.usageSpan()).toEqual({ first: '2026-05-01', last: '2026-05-01' });
      });
    });

    describe('saveIngest', () => {
      const at = (fetchedOn: Day, p: ModelPrice) => snapshot(fetchedOn, [model('a/x', p)]);

      it('applies batches oldest as_of first and snapshots oldest day first, whatever order they come in', async () => {
        const counts = await store.saveIngest({
          usage: [batch([row('2026-05-01', 'a/x', 12, T3)]), batch([row('2026-05-01', 'a/x', 10, T1)]), batch([row('2026-05-01', 'a/x', 11, T2)])],
          catalogs: [at('2026-05-03', price(1, 2)), at('2026-05-01', price(1, 2))],
        });
        // In input order the T1 and T2 batches would be older than T3 (unchanged), and the 05-01
        // snapshot would move the 05-03 point back (two points counted instead of one).
        expect(counts).toEqual({ inserted: 1, restated: 2, unchanged: 0, pricePoints: 1 });
        expect(await store.restatementsBetween('2026-05-01', '2026-05-01')).toEqual([
          { date: '2026-05-01', permaslug: 'a/x', fromTokens: 10, toTokens: 11, fromAsOf: T1, toAsOf: T2 },
          { date: '2026-05-01', permaslug: 'a/x', fromTokens: 11, toTokens: 12, fromAsOf: T2, toAsOf: T3 },
        ]);
        expect(await store.priceHistory('a/x')).toEqual([{ modelId: 'a/x', date: '2026-05-01', price: price(1, 2) }]);
        expect((await store.latestCatalog())?.fetchedOn).toBe('2026-05-03');
      });

      it('orders batches by as_of instant, not text', async () => {
        const later = '2026-05-12T02:00:00.500Z'; // sorts before T1 as text
        const counts = await store.saveIngest({
          usage: [batch([row('2026-05-01', 'a/x', 11, later)]), batch([row('2026-05-01', 'a/x', 10, T1)])],
          catalogs: [],
        });
        expect(counts).toEqual({ inserted: 1, restated: 1, unchanged: 0, pricePoints: 0 });
        expect(await store.usageBetween('2026-05-01', '2026-05-01')).toEqual([row('2026-05-01', 'a/x', 11, later)]);
      });

      it('sums counts over batches and snapshots, and accepts an empty ingest', async () => {
        expect(await store.saveIngest({ usage: [], catalogs: [] })).toEqual({ inserted: 0, restated: 0, unchanged: 0, pricePoints: 0 });
        await store.saveUsage(batch([row('2026-05-01', 'a/x', 10, T1)]));
        const counts = await store.saveIngest({
          usage: [
            batch([row('2026-05-01', 'a/x', 10, T1), row('2026-05-02', 'a/x', 20, T1)]),
            batch([row('2026-05-01', 'a/x', 15, T2), row('2026-05-03', 'b/y', 30, T2)]),
          ],
          catalogs: [
            snapshot('2026-05-01', [model('a/x', price(1, 2)), model('b/y', price(3, 4))]),
            snapshot('2026-05-02', [model('a/x', price(1, 3)), model('b/y', price(3, 4))]),
          ],
        });
        expect(counts).toEqual({ inserted: 2, restated: 1, unchanged: 1, pricePoints: 3 });
        expect(await store.usageSpan()).toEqual({ first: '2026-05-01', last: '2026-05-03' });
      });

      describe('stores nothing of an ingest that fails at its end', () => {
        const before = { usage: [batch([row('2026-05-01', 'a/x', 10, T1)])], catalogs: [at('2026-05-01', price(1, 2))] };
        const good = {
          usage: [batch([row('2026-05-01', 'a/x', 11, T2), row('2026-05-02', 'a/x', 5, T2)]), batch([row('2026-05-03', 'b/y', 7, T3)])],
          catalogs: [at('2026-05-02', price(5, 5)), at('2026-05-03', price(6, 6))],
        };
        const twice = snapshot('2026-05-04', [model('c/z'), model('a/x'), model('c/z')]);

        async function expectUnchanged(): Promise<void> {
          expect(await store.usageBetween('2026-05-01', '2026-05-31')).toEqual([row('2026-05-01', 'a/x', 10, T1)]);
          expect(await store.restatementsBetween('2026-05-01', '2026-05-31')).toEqual([]);
          expect(await store.latestCatalog()).toEqual(at('2026-05-01', price(1, 2)));
          expect(await store.priceHistory('a/x')).toEqual([{ modelId: 'a/x', date: '2026-05-01', price: price(1, 2) }]);
          expect(await store.priceHistory('c/z')).toEqual([]);
        }

        it('a bad snapshot, applied last', async () => {
          await store.saveIngest(before);
          await expect(store.saveIngest({ ...good, catalogs: [twice, ...good.catalogs] })).rejects.toThrow(/c\/z/);
          await expectUnchanged();
        });

        it('a bad row in the newest batch', async () => {
          await store.saveIngest(before);
          const newest = '2026-05-15T02:00:00Z';
          const bad = batch([row('2026-05-04', 'a/x', 1, newest), { ...row('2026-05-05', 'a/x', 1, newest), tokens: -1 }]);
          await expect(store.saveIngest({ ...good, usage: [bad, ...good.usage] })).rejects.toThrow();
          await expectUnchanged();
        });

        it('a batch whose as_of is not a time', async () => {
          await store.saveIngest(before);
          const bad = { ...batch([row('2026-05-04', 'a/x', 1, T3)]), asOf: 'yesterday' };
          await expect(store.saveIngest({ ...good, usage: [...good.usage, bad] })).rejects.toThrow(/yesterday/);
          await expectUnchanged();
        });

        it('and a later ingest still succeeds', async () => {
          await store.saveIngest(before);
          await expect(store.saveIngest({ ...good, catalogs: [...good.catalogs, twice] })).rejects.toThrow();
          expect(await store.saveIngest(good)).toEqual({ inserted: 2, restated: 1, unchanged: 0, pricePoints: 2 });
        });
      });
    });

    describe('usage reads', () => {
      beforeEach(async () => {
        await store.saveUsage(
          batch([
            row('2026-05-03', 'b/y', 3),
            row('2026-05-01', 'other', 1),
            row('2026-05-02', 'b/y', 2),
            row('2026-05-01', 'a/x', 1),
            row('2026-05-04', 'a/x', 4),
            row('2026-05-02', 'a/x', 2),
          ]),
        );
      });

      it('returns rows with start <= date <= end, by date then permaslug', async () => {
        expect(await store.usageBetween('2026-05-02', '2026-05-03')).toEqual([
          row('2026-05-02', 'a/x', 2),
          row('2026-05-02', 'b/y', 2),
          row('2026-05-03', 'b/y', 3),
        ]);
        expect((await store.usageBetween('2026-05-01', '2026-05-01')).map((r) => r.permaslug)).toEqual(['a/x', 'other']);
        expect(await store.usageBetween('2026-05-05', '2026-05-31')).toEqual([]);
        expect(await store.usageBetween('2026-05-03', '2026-05-02')).toEqual([]);
      });

      it('reports the first and last stored day', async () => {
        expect(await store.usageSpan()).toEqual({ first: '2026-05-01', last: '2026-05-04' });
      });
    });

    describe('catalog snapshots', () => {
      const a = model('a/x', price(0.3, 1.1, 0.03));
      const b = { ...model('b/y', price(null, null)), huggingFaceId: 'b/y-weights', created: null, contextLength: null };

      it('round-trips a snapshot exactly, models in the order given', async () => {
        const snap = snapshot('2026-05-01', [b, a]);
        await store.saveCatalog(snap);
        expect(await store.latestCatalog()).toEqual(snap);
        expect(await store.catalogAsOf('2026-05-01')).toEqual(snap);
      });

      it('answers the newest snapshot fetched on or before a date', async () => {
        await store.saveCatalog(snapshot('2026-05-03', [a]));
        await store.saveCatalog(snapshot('2026-05-01', [b]));
        expect(await store.catalogAsOf('2026-04-30')).toBeNull();
        expect((await store.catalogAsOf('2026-05-01'))?.fetchedOn).toBe('2026-05-01');
        expect((await store.catalogAsOf('2026-05-02'))?.fetchedOn).toBe('2026-05-01');
        expect(await store.catalogAsOf('2026-05-03')).toEqual(snapshot('2026-05-03', [a]));
        expect((await store.catalogAsOf('2026-12-31'))?.fetchedOn).toBe('2026-05-03');
        expect((await store.latestCatalog())?.fetchedOn).toBe('2026-05-03');
      });

      it('replaces a snapshot of the same day entirely', async () => {
        await store.saveCatalog(snapshot('2026-05-01', [a, b]));
        const again = snapshot('2026-05-01', [{ ...a, name: 'Lab: renamed' }]);
        await store.saveCatalog(again);
        expect(await store.catalogAsOf('2026-05-01')).toEqual(again);
      });

      it('stores an empty snapshot', async () => {
        await store.saveCatalog(snapshot('2026-05-01', []));
        expect(await store.latestCatalog()).toEqual(snapshot('2026-05-01', []));
      });

      it('rejects a snapshot listing an id twice, atomically', async () => {
        const first = snapshot('2026-05-01', [a]);
        await store.saveCatalog(first);
        const twice = [model('a/x', price(9, 9)), b, model('b/y', price(5, 5))];
        await expect(store.saveCatalog(snapshot('2026-05-01', twice))).rejects.toThrow(/b\/y/);
        await expect(store.saveCatalog(snapshot('2026-05-02', twice))).rejects.toThrow(/b\/y/);
        expect(await store.latestCatalog()).toEqual(first);
        expect(await store.priceHistory('a/x')).toEqual([{ modelId: 'a/x', date: '2026-05-01', price: a.price }]);
        expect(await store.priceHistory('b/y')).toEqual([]);
      });
    });

    describe('price ledger', () => {
      const at = (fetchedOn: Day, ...prices: [string, ModelPrice][]) =>
        snapshot(fetchedOn, prices.map(([id, p]) => model(id, p)));
      const point = (date: Day, p: ModelPrice, modelId = 'a/x'): PricePoint => ({ modelId, date, price: p });

      it('keeps only change points, and counts the points each save adds', async () => {
        expect(await store.saveCatalog(at('2026-05-01', ['a/x', price(1, 2)], ['b/y', price(3, 4)]))).toEqual({ pricePoints: 2 });
        expect(await store.saveCatalog(at('2026-05-02', ['a/x', price(1, 2)], ['b/y', price(3, 4)]))).toEqual({ pricePoints: 0 });
        expect(await store.saveCatalog(at('2026-05-03', ['a/x', price(1, 2.5)], ['b/y', price(3, 4)]))).toEqual({ pricePoints: 1 });
        expect(await store.saveCatalog(at('2026-05-04', ['a/x', price(1, 2.5, 0.1)]))).toEqual({ pricePoints: 1 });
        expect(await store.priceHistory('a/x')).toEqual([
          point('2026-05-01', price(1, 2)),
          point('2026-05-03', price(1, 2.5)),
          point('2026-05-04', price(1, 2.5, 0.1)),
        ]);
        expect(await store.priceHistory('b/y')).toEqual([point('2026-05-01', price(3, 4), 'b/y')]);
        expect(await store.priceHistory('c/none')).toEqual([]);
      });

      it('makes no point for a model missing from a snapshot', async () => {
        await store.saveCatalog(at('2026-05-01', ['a/x', price(1, 2)]));
        await store.saveCatalog(at('2026-05-02', ['b/y', price(3, 4)]));
        await store.saveCatalog(at('2026-05-03', ['a/x', price(1, 2)]));
        await store.saveCatalog(at('2026-05-04', ['b/y', price(3, 4)]));
        await store.saveCatalog(at('2026-05-05', ['a/x', price(1, 3)]));
        expect(await store.priceHistory('a/x')).toEqual([point('2026-05-01', price(1, 2)), point('2026-05-05', price(1, 3))]);
      });

      it('tells null (not listed) from 0 (free) prices', async () => {
        await store.saveCatalog(at('2026-05-01', ['a/x', price(null, null)]));
        await store.saveCatalog(at('2026-05-02', ['a/x', price(null, null)]));
        await store.saveCatalog(at('2026-05-03', ['a/x', price(0, 0)]));
        await store.saveCatalog(at('2026-05-04', ['a/x', price(0, 0)]));
        await store.saveCatalog(at('2026-05-05', ['a/x', price(0.3, 0)]));
        await store.saveCatalog(at('2026-05-06', ['a/x', price(0.3, null)]));
        expect(await store.priceHistory('a/x')).toEqual([
          point('2026-05-01', price(null, null)),
          point('2026-05-03', price(0, 0)),
          point('2026-05-05', price(0.3, 0)),
          point('2026-05-06', price(0.3, null)),
        ]);
      });

      it('is right when an older snapshot arrives after newer ones', async () => {
        await store.saveCatalog(at('2026-05-03', ['a/x', price(1, 2)]));
        await store.saveCatalog(at('2026-05-05', ['a/x', price(1, 3)]));
        // Same price as 05-03: the point moves back to 05-01.
        expect(await store.saveCatalog(at('2026-05-01', ['a/x', price(1, 2)]))).toEqual({ pricePoints: 1 });
        expect(await store.priceHistory('a/x')).toEqual([point('2026-05-01', price(1, 2)), point('2026-05-05', price(1, 3))]);
        // A different price in between makes both itself and the next listing change points.
        expect(await store.saveCatalog(at('2026-05-04', ['a/x', price(9, 9)]))).toEqual({ pricePoints: 1 });
        expect(await store.priceHistory('a/x')).toEqual([
          point('2026-05-01', price(1, 2)),
          point('2026-05-04', price(9, 9)),
          point('2026-05-05', price(1, 3)),
        ]);
        // Equal to the following listing: 05-05 stops being a change point.
        await store.saveCatalog(at('2026-05-04', ['a/x', price(1, 3)]));
        expect(await store.priceHistory('a/x')).toEqual([point('2026-05-01', price(1, 2)), point('2026-05-04', price(1, 3))]);
      });

      it('follows a same-day replacement that drops or reprices a model', async () => {
        await store.saveCatalog(at('2026-05-01', ['a/x', price(1, 2)]));
        await store.saveCatalog(at('2026-05-02', ['a/x', price(5, 5)]));
        await store.saveCatalog(at('2026-05-03', ['a/x', price(1, 2)]));
        await store.saveCatalog(at('2026-05-02', ['b/y', price(3, 4)]));
        expect(await store.priceHistory('a/x')).toEqual([point('2026-05-01', price(1, 2))]);
        expect(await store.saveCatalog(at('2026-05-02', ['a/x', price(1, 2)]))).toEqual({ pricePoints: 0 });
        expect(await store.priceHistory('a/x')).toEqual([point('2026-05-01', price(1, 2))]);
        expect(await store.priceHistory('b/y')).toEqual([]);
      });

      it('equals processing every snapshot in date order, whatever order they arrive in', async () => {
        const prices = [price(1, 2), price(1, 3), price(0, 0), price(null, null), price(1, 2, 0.5)];
        const ids = ['a/x', 'b/y', 'c/z'];
        const random = lcg(20_260_513);
        const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
        const saved: CatalogSnapshot[] = [];
        for (let i = 0; i < 60; i += 1) {
          const day = `2026-05-${String(1 + Math.floor(random() * 20)).padStart(2, '0')}`;
          const models = ids.filter(() => random() < 0.7).map((id) => model(id, pick(prices)));
          const snap = snapshot(day, models);
          await store.saveCatalog(snap);
          saved.push(snap);
          for (const id of ids) expect(await store.priceHistory(id), `after save ${i}, ${id}`).toEqual(referenceLedger(saved, id));
        }
      });
    });

    describe('scheduler', () => {
      describeSchedulerContract(
        () => store,
        async () => (options.openSibling ? options.openSibling() : null),
      );
    });

    describe('channel settings', () => {
      it('a channel that never changed anything has none', async () => {
        expect(await store.channelSettings('slack:T1:C1')).toBeNull();
      });

      it('updates from the stored settings, empty ones at first, and keeps channels apart', async () => {
        const seen: unknown[] = [];
        const first = await store.updateChannelSettings('slack:T1:C1', (current) => {
          seen.push(current);
          return { thresholds: { ...current.thresholds, surgePct: 40 }, watchlist: [...current.watchlist, 'moonshotai/kimi-k2.5'] };
        });
        expect(first).toEqual({ thresholds: { surgePct: 40 }, watchlist: ['moonshotai/kimi-k2.5'] });
        await store.updateChannelSettings('discord:G1:C1', (current) => current);
        const second = await store.updateChannelSettings('slack:T1:C1', (current) => {
          seen.push(current);
          return { ...current, thresholds: { ...current.thresholds, topN: 5 } };
        });
        expect(seen).toEqual([
          { thresholds: {}, watchlist: [] },
          { thresholds: { surgePct: 40 }, watchlist: ['moonshotai/kimi-k2.5'] },
        ]);
        expect(second).toEqual({ thresholds: { surgePct: 40, topN: 5 }, watchlist: ['moonshotai/kimi-k2.5'] });
        expect(await store.channelSettings('slack:T1:C1')).toEqual(second);
        expect(await store.channelSettings('discord:G1:C1')).toEqual({ thresholds: {}, watchlist: [] });
      });

      it('keeps both of two concurrent changes to one channel', async () => {
        await Promise.all([
          store.updateChannelSettings('slack:T1:C1', (current) => ({ ...current, thresholds: { ...current.thresholds, surgePct: 40 } })),
          store.updateChannelSettings('slack:T1:C1', (current) => ({ ...current, thresholds: { ...current.thresholds, topN: 5 } })),
        ]);
        expect(await store.channelSettings('slack:T1:C1')).toEqual({ thresholds: { surgePct: 40, topN: 5 }, watchlist: [] });
      });

      it(`keeps every one of ${CONCURRENT_CHANGES} concurrent changes to one channel, made through ${options.openSibling ? 'two handles' : 'one handle'}`, async () => {
        const sibling = options.openSibling ? await options.openSibling() : null;
        try {
          await assertConcurrentChangesKept(sibling ? [store, sibling] : [store]);
        } finally {
          await sibling?.close();
        }
      });

      it('refuses thresholds outside the schema and stores nothing', async () => {
        await expect(store.updateChannelSettings('slack:T1:C1', () => ({ thresholds: { topN: 0 }, watchlist: [] }))).rejects.toThrow();
        expect(await store.channelSettings('slack:T1:C1')).toBeNull();
      });

      it('stores nothing when the update throws', async () => {
        await store.updateChannelSettings('slack:T1:C1', () => ({ thresholds: { topN: 5 }, watchlist: [] }));
        const failing = (): never => {
          throw new Error('no');
        };
        await expect(store.updateChannelSettings('slack:T1:C1', failing)).rejects.toThrow('no');
        await expect(store.updateChannelSettings('slack:T1:C2', failing)).rejects.toThrow('no');
        expect(await store.channelSettings('slack:T1:C1')).toEqual({ thresholds: { topN: 5 }, watchlist: [] });
        expect(await store.channelSettings('slack:T1:C2')).toBeNull();
      });

      it('an update that mutates what it got cannot change the empty settings another channel starts from', async () => {
        await store.updateChannelSettings('slack:T1:C1', (current) => {
          current.watchlist.push('z-ai/glm-5');
          return current;
        });
        expect(await store.updateChannelSettings('slack:T1:C2', (current) => current)).toEqual({ thresholds: {}, watchlist: [] });
      });

      it('keeps the charts switch: absent until set (the default, on), then off or on, beside the thresholds', async () => {
        await store.updateChannelSettings('slack:T1:C1', (current) => ({ ...current, thresholds: { topN: 5 } }));
        expect((await store.channelSettings('slack:T1:C1'))?.charts).toBeUndefined();
        await store.updateChannelSettings('slack:T1:C1', (current) => ({ ...current, charts: false }));
        expect(await store.channelSettings('slack:T1:C1')).toEqual({ thresholds: { topN: 5 }, watchlist: [], charts: false });
        await store.updateChannelSettings('slack:T1:C1', (current) => ({ ...current, charts: true }));
        expect((await store.channelSettings('slack:T1:C1'))?.charts).toBe(true);
      });
    });

    describe('leases', () => {
      const GATEWAY = 'discord-gateway';
      const LONG = 60_000;
      // Expiry is measured by the store's clock: these wait it out for real, briefly.
      const SHORT = 150;
      const outlive = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms + 100));

      it('gives a free lease to the first holder, refuses others while it runs, and lets the holder renew', async () => {
        expect(await store.tryAcquire(GATEWAY, 'a', LONG)).toBe(true);
        expect(await store.tryAcquire(GATEWAY, 'b', LONG)).toBe(false);
        expect(await store.tryAcquire(GATEWAY, 'a', LONG)).toBe(true);
        expect(await store.tryAcquire(GATEWAY, 'b', LONG)).toBe(false);
        expect(await store.tryAcquire('another-lease', 'b', LONG)).toBe(true);
      });

      it('a renewal extends the lease: the holder keeps it past its first expiry', async () => {
        expect(await store.tryAcquire(GATEWAY, 'a', SHORT)).toBe(true);
        expect(await store.tryAcquire(GATEWAY, 'a', LONG)).toBe(true);
        await outlive(SHORT);
        expect(await store.tryAcquire(GATEWAY, 'b', LONG)).toBe(false);
      });

      it('once a holder lets its lease expire, another takes it over and the old holder is refused', async () => {
        expect(await store.tryAcquire(GATEWAY, 'a', SHORT)).toBe(true);
        await outlive(SHORT);
        expect(await store.tryAcquire(GATEWAY, 'b', LONG)).toBe(true);
        expect(await store.tryAcquire(GATEWAY, 'a', LONG)).toBe(false);
      });

      it('release frees the lease at once, and only its holder can release it', async () => {
        expect(await store.tryAcquire(GATEWAY, 'a', LONG)).toBe(true);
        await store.release(GATEWAY, 'b');
        expect(await store.tryAcquire(GATEWAY, 'b', LONG)).toBe(false);
        await store.release(GATEWAY, 'a');
        expect(await store.tryAcquire(GATEWAY, 'b', LONG)).toBe(true);
        await store.release(GATEWAY, 'nobody');
        await store.release('never-taken', 'a');
        expect(await store.tryAcquire(GATEWAY, 'a', LONG)).toBe(false);
      });

      it(`gives a lease to exactly one of 8 replicas asking at once, through ${options.openSibling ? 'two handles' : 'one handle'}`, async () => {
        const sibling = options.openSibling ? await options.openSibling() : null;
        try {
          const handles = sibling ? [store, sibling] : [store];
          const holders = Array.from({ length: 8 }, (_, i) => `replica-${i}`);
          const won = await Promise.all(holders.map((holder, i) => handles[i % handles.length]!.tryAcquire(GATEWAY, holder, LONG)));
          expect(won.filter(Boolean)).toHaveLength(1);
          const winner = holders[won.indexOf(true)]!;
          expect(await (sibling ?? store).tryAcquire(GATEWAY, winner, LONG)).toBe(true);
        } finally {
          await sibling?.close();
        }
      });
    });
  });
}
