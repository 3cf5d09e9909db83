import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceError, type Source } from '../../src/core/ports/source.js';
import { openSqliteStore } from '../../src/adapters/store/sqlite.js';
import type { Store } from '../../src/core/ports/store.js';
import type { CatalogModel, CatalogSnapshot, UsageBatch, UsageRow } from '../../src/core/types.js';
import { ingest } from '../../src/jobs/ingest.js';

const T1 = '2026-05-12T02:00:00Z';
const T2 = '2026-05-13T02:00:00Z';

const row = (date: string, permaslug: string, tokens: number, asOf: string): UsageRow => ({ date, permaslug, tokens, asOf });
const batch = (rows: UsageRow[], asOf: string, dropped = 0): UsageBatch => ({ rows, asOf, startDate: '2026-05-01', endDate: '2026-05-07', dropped });
const model = (id: string, input: number): CatalogModel => ({
  id,
  canonicalSlug: id,
  name: id,
  created: null,
  contextLength: null,
  huggingFaceId: null,
  price: { input, output: input * 4, cacheRead: null },
});

function source(usage: UsageBatch[], catalogs: () => Promise<CatalogSnapshot[]>): Source {
  return { name: 'fake', fetchUsage: async () => usage, fetchCatalogs: catalogs };
}

let store: Store;
let lines: string[];
const logger = () => pino({ level: 'info', base: null }, { write: (line: string) => void lines.push(line) });
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await store.migrate();
  await store.claimSource('fake');
  lines = [];
});
afterEach(async () => {
  await store.close();
});

/** What the store holds, all of it that an ingest can change. */
async function contents() {
  return {
    usage: await store.usageBetween('2026-01-01', '2026-12-31'),
    restatements: await store.restatementsBetween('2026-01-01', '2026-12-31'),
    catalog: await store.latestCatalog(),
    prices: await store.priceHistory('a/x'),
  };
}

describe('ingest', () => {
  it('sums what the store did into the summary and logs it, warning about dropped rows', async () => {
    await store.saveUsage(batch([row('2026-05-01', 'a/x', 10, T1)], T1));
    const summary = await ingest(
      source(
        [batch([row('2026-05-01', 'a/x', 11, T2), row('2026-05-02', 'a/x', 5, T2)], T2, 2), batch([row('2026-05-01', 'a/x', 10, T1)], T1, 1)],
        async () => [{ fetchedOn: '2026-05-02', models: [model('a/x', 2)] }, { fetchedOn: '2026-05-01', models: [model('a/x', 1)] }],
      ),
      store,
      logger(),
    );
    const gates = { futureBatches: [], outOfRangeRows: 0, outOfRangeModels: 0, suspectCatalogs: [], thinDays: [], hugeRestatements: [] };
    const expected = { batches: 2, inserted: 1, restated: 1, unchanged: 1, dropped: 3, snapshots: 2, pricePoints: 2, gates };
    expect(summary).toEqual(expected);
    expect(logged()).toEqual([
      expect.objectContaining({ level: 40, msg: 'dropped malformed usage rows', source: 'fake', dropped: 3 }),
      expect.objectContaining({ level: 30, msg: 'ingest finished', source: 'fake', ...expected }),
    ]);
  });

  it('stores nothing when the catalog fetch fails after usage was fetched', async () => {
    await store.saveIngest({ usage: [batch([row('2026-05-01', 'a/x', 10, T1)], T1)], catalogs: [{ fetchedOn: '2026-05-01', models: [model('a/x', 1)] }] });
    const before = await contents();
    let usageFetched = false;
    const failing: Source = {
      name: 'fake',
      fetchUsage: async () => {
        usageFetched = true;
        return [batch([row('2026-05-01', 'a/x', 11, T2), row('2026-05-02', 'a/x', 5, T2)], T2)];
      },
      fetchCatalogs: async () => {
        throw new SourceError('models endpoint answered 503', { status: 503, retryable: true });
      },
    };
    await expect(ingest(failing, store, logger())).rejects.toThrow(SourceError);
    expect(usageFetched).toBe(true);
    expect(await contents()).toEqual(before);
    expect(logged()).toEqual([]);
  });

  it('stores nothing when the store refuses a snapshot after the usage', async () => {
    await store.saveIngest({ usage: [batch([row('2026-05-01', 'a/x', 10, T1)], T1)], catalogs: [{ fetchedOn: '2026-05-01', models: [model('a/x', 1)] }] });
    const before = await contents();
    const listedTwice = source([batch([row('2026-05-01', 'a/x', 11, T2)], T2)], async () => [
      { fetchedOn: '2026-05-02', models: [model('a/x', 2)] },
      { fetchedOn: '2026-05-03', models: [model('a/x', 2), model('b/y', 1), model('b/y', 2)] },
    ]);
    await expect(ingest(listedTwice, store, logger())).rejects.toThrow(/b\/y/);
    expect(await contents()).toEqual(before);
  });
});
