import { buildWeeklyMarket } from '../../../src/core/market.js';
import { detectSignals } from '../../../src/core/signals.js';
import { ThresholdsSchema } from '../../../src/core/thresholds.js';
import type { Brief, CatalogModel, CountryMap, Restatement, UsageRow } from '../../../src/core/types.js';
import { addDays, weekRange } from '../../../src/core/week.js';

// Briefs built through the real core (market, then signals) from hand-made data: as many models,
// signals and revisions as a brief can hold, with names chosen by the test.

export const HOSTILE_NAME = '<!channel> @everyone <https://x|y>';

const WEEK = '2026-W07';
const AS_OF = '2026-02-16T02:00:00Z';

/** `count` ranked models named by `name(i)`; prices move, ranks reshuffle, half are new: every list is full. */
export function bigBrief(count: number, name: (i: number) => string): Brief {
  const { start } = weekRange(WEEK);
  const ids = Array.from({ length: count }, (_, i) => `lab${i}/model-${i}`);
  const catalog: CatalogModel[] = ids.map((id, i) => ({
    id,
    canonicalSlug: id,
    name: name(i),
    created: null,
    contextLength: 128_000,
    huggingFaceId: null,
    price: { input: 0.1 * (i + 1), output: 0.5 * (i + 1), cacheRead: null },
  }));
  // Last week's catalog: every other model was not listed yet, the rest cost half as much.
  const previousCatalog = catalog
    .filter((_, i) => i % 2 === 0)
    .map((m) => ({ ...m, price: { ...m.price, input: (m.price.input ?? 0) / 2, output: (m.price.output ?? 0) / 2 } }));
  const rows: UsageRow[] = [];
  for (let day = 0; day < 14; day += 1) {
    const date = addDays(start, day - 7);
    const thisWeek = day >= 7;
    ids.forEach((id, i) => {
      // Last week's order is reversed this week, so every model moves.
      const tokens = thisWeek ? (count - i) * 3e10 * (i % 3 === 0 ? 4 : 1) : (i + 1) * 2e10;
      rows.push({ date, permaslug: id, tokens, asOf: AS_OF });
    });
  }
  const countries: CountryMap = Object.fromEntries(ids.map((id, i) => [id.split('/')[0] ?? id, i % 2 === 0 ? 'CN' : 'US']));
  const market = buildWeeklyMarket({ week: WEEK, rows, catalog, countries });
  const thresholds = ThresholdsSchema.parse({ topN: 50, rankMovePlaces: 1, surgePct: 1, slumpPct: 1, minTokens: 0, priceChangePct: 1 });
  const signals = detectSignals({ market, catalog, previousCatalog, thresholds });
  const restatements: Restatement[] = Array.from({ length: 20 }, (_, i) => ({
    date: addDays(start, i % 7),
    permaslug: ids[i % count] ?? 'x',
    fromTokens: 1e10,
    toTokens: 1.1e10,
    fromAsOf: '2026-02-15T02:00:00Z',
    toAsOf: AS_OF,
  }));
  const modelNames = Object.fromEntries(catalog.map((m) => [m.id, m.name]));
  return { market, signals, source: 'openrouter', restatements, modelNames };
}
