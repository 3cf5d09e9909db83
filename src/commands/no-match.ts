import type { Answer } from '../core/answers.js';
import { buildLookupIndex, lookupModel } from '../core/lookup.js';
import type { MarketWeek } from '../core/market-week.js';
import type { CatalogStore } from '../core/ports/catalog.js';

type NoMatch = Extract<Answer, { kind: 'no_match' }>;

/**
 * "No model matches" is only true of the week asked about: a model OpenRouter listed later (after
 * an older --week, or since the newest week with data) exists. Looks the query up in the newest
 * catalog among the models that week does not know, and says when the model was first listed.
 */
export async function explainNoMatch(store: Pick<CatalogStore, 'latestCatalog' | 'priceHistory'>, data: MarketWeek, answer: NoMatch): Promise<NoMatch> {
  const latest = await store.latestCatalog();
  if (!latest) return answer;
  const known = new Set([...data.catalog.map((m) => m.id), ...data.market.models.map((m) => m.id)]);
  const unknown = latest.models.filter((m) => !known.has(m.id));
  const found = lookupModel(buildLookupIndex(unknown.map((m) => ({ id: m.id, name: m.name, canonicalSlug: m.canonicalSlug, tokens: 0 }))), answer.query);
  if (!found.match) return answer;
  const history = await store.priceHistory(found.match.id);
  const firstListed = history[0]?.date ?? latest.fetchedOn;
  return { ...answer, later: { id: found.match.id, name: found.match.name, firstListed, week: data.market.week } };
}
