// A year's backfill (300 models × 366 days) into each store: wall time, and statements sent (for
// Postgres each is a network round trip; SQLite runs them in-process). Then the same year again one
// day later with a tenth of the figures revised, as a refresh restating history would.
import { openPostgresStore } from '../src/adapters/store/postgres.js';
import { openSqliteStore } from '../src/adapters/store/sqlite.js';
import type { IngestInput, Store } from '../src/core/ports/store.js';
import { redactUrl } from '../src/config.js';
import type { CatalogModel, UsageBatch, UsageRow } from '../src/core/types.js';
import { addDays } from '../src/core/week.js';
import { withBenchSchema } from './postgres.js';

const MODELS = 300;
const DAYS = 366;
const FIRST = '2025-03-01';

/** The year as a backfill fetches it: one batch per 30-day window, and the day's catalog. */
function year(asOf: string, revise: (i: number) => boolean): IngestInput {
  const usage: UsageBatch[] = [];
  for (let start = 0; start < DAYS; start += 30) {
    const rows: UsageRow[] = [];
    for (let d = start; d < Math.min(DAYS, start + 30); d += 1) {
      for (let m = 0; m < MODELS; m += 1) {
        const tokens = (m + 1) * 1_000_000 + d;
        rows.push({ date: addDays(FIRST, d), permaslug: `lab${m % 40}/model-${m}`, tokens: revise(d * MODELS + m) ? tokens + 7 : tokens, asOf });
      }
    }
    usage.push({ rows, asOf, startDate: rows[0]!.date, endDate: rows.at(-1)!.date, dropped: 0 });
  }
  const models: CatalogModel[] = Array.from({ length: MODELS }, (_, m) => ({
    id: `lab${m % 40}/model-${m}`,
    canonicalSlug: `lab${m % 40}/model-${m}`,
    name: `Lab ${m % 40}: Model ${m}`,
    created: 1_740_000_000 + m,
    contextLength: 131_072,
    huggingFaceId: null,
    price: { input: 0.1 + m / 100, output: 0.4 + m / 50, cacheRead: null },
  }));
  return { usage, catalogs: [{ fetchedOn: addDays(FIRST, DAYS), models }] };
}

async function backfill(label: string, store: Store, counted: { statements: number }): Promise<void> {
  await store.migrate();
  await store.claimSource('file:bench');
  for (const [pass, input] of [
    ['first backfill', year('2026-03-02T02:00:00Z', () => false)],
    ['again, 10% revised', year('2026-03-03T02:00:00Z', (i) => i % 10 === 0)],
  ] as const) {
    counted.statements = 0;
    const start = process.hrtime.bigint();
    const saved = await store.saveIngest(input);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(
      `${label}, ${pass} (${MODELS} models × ${DAYS} days = ${MODELS * DAYS} rows): ${ms.toFixed(0)} ms, ${counted.statements} statements` +
        ` (${saved.inserted} new, ${saved.restated} restated, ${saved.unchanged} unchanged)`,
    );
  }
}

export async function benchBackfill(): Promise<void> {
  const sqliteCount = { statements: 0 };
  const sqlite = openSqliteStore(':memory:', { onStatement: () => (sqliteCount.statements += 1) });
  await backfill('SQLite (in-process statements)', sqlite, sqliteCount);
  await sqlite.close();

  await withBenchSchema('Postgres backfill', async (url, schema) => {
    const pgCount = { statements: 0 };
    const postgres = openPostgresStore(url, { schema, onQuery: () => (pgCount.statements += 1) });
    await backfill(`Postgres at ${redactUrl(url)} (round trips)`, postgres, pgCount);
    await postgres.close();
  });
}
