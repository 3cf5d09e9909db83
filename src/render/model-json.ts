import type { MarketModel, ModelPrice } from '../core/types.js';

// JSON shapes shared by the brief and the command answers (a documented contract: add, never rename).

export const priceJson = (p: ModelPrice | null) => (p ? { input: p.input, output: p.output } : null);

export function rankedModelJson(m: MarketModel) {
  return {
    rank: m.rank,
    id: m.id,
    name: m.name,
    country: m.country,
    tokens: m.tokens,
    share: m.share,
    previousRank: m.previousRank,
    previousTokens: m.previousTokens,
    price: priceJson(m.price),
  };
}
