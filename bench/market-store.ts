// A realistic store for the command and load benchmarks: ≈300 models of the real catalog (ids, names,
// canonical slugs, prices as OpenRouter lists them) over ≈700 days, with a monthly catalog snapshot in
// which models appear and prices move, stored through the real ingest path into a SQLite file.
import { readFileSync } from 'node:fs';
import { parseModelsBody } from '../src/adapters/source/wire.js';
import { openSqliteStore } from '../src/adapters/store/sqlite.js';
import type { Store } from '../src/core/ports/store.js';
import type { CatalogModel, CatalogSnapshot, UsageBatch, UsageRow } from '../src/core/types.js';
import { addDays } from '../src/core/week.js';

const MODELS_FIXTURE = new URL('../test/fixtures/openrouter/2026-02-27_api-v1-models_full-response.json', import.meta.url);
export const MARKET_MODELS = 300;
export const MARKET_DAYS = 700;
const LAST_DAY = '2026-02-22';
const SNAPSHOT_EVERY = 30;

export const realCatalog = (): CatalogModel[] =>
  parseModelsBody(JSON.parse(readFileSync(MODELS_FIXTURE, 'utf8')), '2026-02-27').snapshot.models;

/** Deterministic pseudo-random numbers, so every run measures the same store. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

/** Fills a new SQLite file at `path` (claimed for `source`); resolves to the open store and its row count. */
export async function marketStore(path: string, source: string): Promise<{ store: Store; rows: number }> {
  const catalog = realCatalog().slice(0, MARKET_MODELS);
  const first = addDays(LAST_DAY, -(MARKET_DAYS - 1));
  const random = lcg(42);
  // A model enters the market some time in the two years (the newest ones late), then grows or fades.
  const enters = catalog.map((_, i) => Math.floor(((i * 7919) % MARKET_MODELS) / MARKET_MODELS * (MARKET_DAYS - 30)));
  const trend = catalog.map(() => 0.995 + random() * 0.01);
  const usage: UsageBatch[] = [];
  let count = 0;
  for (let start = 0; start < MARKET_DAYS; start += 30) {
    const rows: UsageRow[] = [];
    for (let d = start; d < Math.min(MARKET_DAYS, start + 30); d += 1) {
      const date = addDays(first, d);
      const asOf = `${addDays(date, 1)}T02:00:00Z`;
      catalog.forEach((model, i) => {
        const age = d - (enters[i] ?? 0);
        if (age < 0) return;
        const tokens = Math.round((3e12 / (i + 1)) * (trend[i] ?? 1) ** age * (0.85 + 0.3 * random()));
        rows.push({ date, permaslug: model.canonicalSlug, tokens, asOf });
      });
      rows.push({ date, permaslug: 'other', tokens: 5e11, asOf });
    }
    count += rows.length;
    usage.push({ rows, asOf: rows.at(-1)?.asOf ?? '', startDate: rows[0]?.date ?? first, endDate: rows.at(-1)?.date ?? first, dropped: 0 });
  }
  const catalogs: CatalogSnapshot[] = [];
  for (let d = 0; d < MARKET_DAYS; d += SNAPSHOT_EVERY) {
    const models = catalog
      .filter((_, i) => (enters[i] ?? 0) <= d + SNAPSHOT_EVERY)
      .map((model, i) => {
        const { output } = model.price;
        // Now and then a price moves (cuts more often than rises), as they do month to month.
        const moved = output !== null && (i + d) % 11 === 0 ? output * (0.6 + 0.0004 * d) : output;
        return { ...model, price: { ...model.price, output: moved } };
      });
    catalogs.push({ fetchedOn: addDays(first, d), models });
  }
  catalogs.push({ fetchedOn: LAST_DAY, models: catalog });

  const store = openSqliteStore(path);
  await store.migrate();
  await store.claimSource(source);
  await store.saveIngest({ usage, catalogs });
  return { store, rows: count };
}
