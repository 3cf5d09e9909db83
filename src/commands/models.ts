import { countryOfModel } from '../core/identity.js';
import { buildLookupIndex, type LookupEntry, type LookupIndex } from '../core/lookup.js';
import type { CatalogModel, MarketModel, ModelPrice } from '../core/types.js';
import type { MarketWeek } from '../core/market-week.js';
import type { PricedModel } from '../core/answers.js';
import { derivedOnce } from '../core/derived.js';

/**
 * Every model a user can ask about: the catalog plus ranked models that never joined it (stealth,
 * delisted). Built once per week object, so a command or a keystroke only walks it.
 */
export const lookupIndexFor = derivedOnce((data: MarketWeek): LookupIndex => {
  const tokens = new Map(data.market.models.map((m) => [m.id, m.tokens]));
  const entries: LookupEntry[] = data.catalog.map((model) => ({
    id: model.id,
    name: model.name,
    canonicalSlug: model.canonicalSlug,
    tokens: tokens.get(model.id) ?? 0,
  }));
  const known = new Set(entries.map((e) => e.id));
  for (const model of data.market.models) {
    if (!known.has(model.id)) entries.push({ id: model.id, name: model.name, canonicalSlug: null, tokens: model.tokens });
  }
  return buildLookupIndex(entries);
});

export function pricedModel(data: MarketWeek, id: string): PricedModel {
  const ranked: MarketModel | undefined = data.market.models.find((m) => m.id === id);
  const listed: CatalogModel | undefined = data.catalog.find((m) => m.id === id);
  const before = data.previousCatalog?.find((m) => m.id === id)?.price ?? null;
  const price = listed?.price ?? ranked?.price ?? null;
  return {
    id,
    name: listed?.name ?? ranked?.name ?? id,
    country: ranked?.country ?? countryOfUnranked(data, id),
    price,
    contextLength: listed?.contextLength ?? null,
    rank: ranked?.rank ?? null,
    tokens: ranked?.tokens ?? null,
    previousPrice: before && price && !samePrice(before, price) ? before : null,
    listed: listed !== undefined,
  };
}

function samePrice(a: ModelPrice, b: ModelPrice): boolean {
  return a.input === b.input && a.output === b.output;
}

function countryOfUnranked(data: MarketWeek, id: string): string {
  return data.market.previousRanking.find((m) => m.id === id)?.country ?? countryOfModel(id, data.countries);
}
