import type { Store } from '../adapters/store/store.js';
import type { Brief } from '../core/types.js';
import { loadWeek, type WeekQuery } from './week.js';
import { buildCatalogIndex, resolveIdentity, shortName } from '../core/identity.js';
import { isHugeRestatement } from '../core/plausibility.js';
import { previousWeek, weekRange } from '../core/week.js';

/** The weekly brief job's data half: store → market → signals → a Brief ready to render. */
export async function buildBrief(store: Store, query: WeekQuery): Promise<Brief> {
  const data = await loadWeek(store, query);
  // The label comes from the data itself, never from the environment: it must say where these figures came from.
  const source = (await store.dataSource()) ?? 'unknown';
  const { market } = data;
  // Revisions to last week's or this week's days are news: last week's figures readers saw moved.
  const restatements = await store.restatementsBetween(weekRange(previousWeek(market.week)).start, market.end);
  // Huge restatements are named model by model, so their permaslugs need display names too.
  const index = buildCatalogIndex(data.catalog);
  const modelNames = { ...data.modelNames };
  for (const r of restatements) {
    if (isHugeRestatement(r.fromTokens, r.toTokens)) modelNames[r.permaslug] ??= shortName(resolveIdentity(r.permaslug, index, query.countries).name);
  }
  return { market, signals: data.signals, source, restatements, modelNames };
}
