import { lookupModel } from '../core/lookup.js';
import type { MarketWeek } from '../core/market-week.js';
import type { Answer, PriceComparison, PricedModel } from '../core/answers.js';
import { lookupIndexFor, pricedModel } from './models.js';

/** `/price <model>`: the best match, its price story this week, and how it compares across the bloc line. */
export function priceAnswer(data: MarketWeek, query: string): Answer {
  const text = query.trim();
  const index = lookupIndexFor(data);
  const found = lookupModel(index, text);
  if (!found.match) {
    return { kind: 'no_match', query: text, suggestions: found.alternatives.map((e) => pricedModel(data, e.id)) };
  }
  const match = pricedModel(data, found.match.id);
  return {
    kind: 'price',
    week: data.market.week,
    asOf: data.market.asOf,
    query: text,
    match,
    alternatives: found.alternatives.map((e) => pricedModel(data, e.id)),
    comparison: compareAcrossBlocs(data, match),
  };
}

/**
 * The comparison people quote: a Chinese model against the most-used US model and vice versa
 * (other countries against the overall #1), on output price, where agent bills are made.
 */
function compareAcrossBlocs(data: MarketWeek, match: PricedModel): PriceComparison | null {
  const myOutput = match.price?.output;
  if (!myOutput) return null;
  const otherBloc = match.country === 'CN' ? 'US' : match.country === 'US' ? 'CN' : null;
  const rival = data.market.models.find(
    (m) => m.id !== match.id && (otherBloc === null || m.country === otherBloc) && (m.price?.output ?? 0) > 0,
  );
  if (!rival?.price?.output) return null;
  return { other: pricedModel(data, rival.id), field: 'output', ratio: rival.price.output / myOutput };
}
