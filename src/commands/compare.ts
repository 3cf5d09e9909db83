import { lookupModel, type LookupIndex } from '../core/lookup.js';
import type { MarketWeek } from '../core/market-week.js';
import type { Answer, PricedModel } from '../core/answers.js';
import { lookupIndexFor, pricedModel } from './models.js';

/** `/compare <a> <b>`: two models side by side; ratios are b ÷ a ("b costs N× a"). */
export function compareAnswer(data: MarketWeek, queryA: string, queryB: string): Answer {
  const index = lookupIndexFor(data);
  const a = resolve(data, index, queryA.trim());
  if (a.kind === 'no_match') return a;
  const b = resolve(data, index, queryB.trim());
  if (b.kind === 'no_match') return b;
  if (a.model.id === b.model.id) return { kind: 'same_model', queries: [queryA.trim(), queryB.trim()], model: a.model };
  const ratio = (x: number | null | undefined, y: number | null | undefined) => (x && y ? y / x : null);
  return {
    kind: 'compare',
    week: data.market.week,
    asOf: data.market.asOf,
    a: a.model,
    b: b.model,
    inputRatio: ratio(a.model.price?.input, b.model.price?.input),
    outputRatio: ratio(a.model.price?.output, b.model.price?.output),
  };
}

type Resolved = { kind: 'model'; model: PricedModel } | Extract<Answer, { kind: 'no_match' }>;

function resolve(data: MarketWeek, index: LookupIndex, query: string): Resolved {
  const found = lookupModel(index, query);
  if (!found.match) return { kind: 'no_match', query, suggestions: found.alternatives.map((e) => pricedModel(data, e.id)) };
  return { kind: 'model', model: pricedModel(data, found.match.id) };
}
