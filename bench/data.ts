// The data the benches run on: a real catalog and a deterministic year of usage over it.
import { readFileSync } from 'node:fs';
import { parseModelsBody } from '../src/adapters/source/wire.js';
import type { CatalogModel, UsageRow } from '../src/core/types.js';
import { addDays } from '../src/core/week.js';

const MODELS_FIXTURE = new URL('../test/fixtures/openrouter/2026-02-27_api-v1-models_full-response.json', import.meta.url);

export const catalog: CatalogModel[] = parseModelsBody(JSON.parse(readFileSync(MODELS_FIXTURE, 'utf8')), '2026-02-27').snapshot.models;

/** A deterministic year: 366 days × (50 models + the `other` row), models joined to a real catalog. */
export function yearOfRows(models: CatalogModel[]): UsageRow[] {
  const priced = models.filter((m) => m.price.output !== null).slice(0, 80);
  const rows: UsageRow[] = [];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let d = 0; d < 366; d++) {
    const date = addDays('2025-03-10', d);
    const asOf = `${addDays(date, 1)}T02:00:00Z`;
    // A drifting window of 50 of the 80 models, so ranks move, models enter and leave.
    for (let i = 0; i < 50; i++) {
      const model = priced[(i + Math.floor(d / 9)) % priced.length]!;
      rows.push({ date, permaslug: model.canonicalSlug, tokens: Math.round((2e12 / (i + 1)) * (0.8 + 0.4 * random())), asOf });
    }
    rows.push({ date, permaslug: 'other', tokens: 4e11, asOf });
  }
  return rows;
}
