import type { Answer, PricedModel } from '../commands/answers.js';
import type { MarketModel, ModelPrice } from '../core/types.js';

// The `--format json` shapes of command answers. Field names are a documented contract (README).

const price = (p: ModelPrice | null) => (p ? { input: p.input, output: p.output } : null);

function model(m: PricedModel) {
  return { id: m.id, name: m.name, country: m.country, price: price(m.price), rank: m.rank, tokens: m.tokens };
}

function ranked(m: MarketModel) {
  return {
    rank: m.rank,
    id: m.id,
    name: m.name,
    country: m.country,
    tokens: m.tokens,
    share: m.share,
    previousRank: m.previousRank,
    previousTokens: m.previousTokens,
    price: price(m.price),
  };
}

export function answerToJson(answer: Answer): object {
  switch (answer.kind) {
    case 'price':
      return {
        query: answer.query,
        week: answer.week,
        asOf: answer.asOf,
        match: { ...model(answer.match), contextLength: answer.match.contextLength, previousPrice: price(answer.match.previousPrice) },
        alternatives: answer.alternatives.map(model),
        comparison: answer.comparison && { model: model(answer.comparison.other), field: answer.comparison.field, ratio: answer.comparison.ratio },
      };
    case 'no_match':
      return { query: answer.query, match: null, alternatives: answer.suggestions.map(model) };
    case 'top':
      return { week: answer.week, asOf: answer.asOf, country: answer.country, totalTokens: answer.totalTokens, models: answer.models.map(ranked) };
    case 'compare':
      return { week: answer.week, asOf: answer.asOf, a: model(answer.a), b: model(answer.b), inputRatio: answer.inputRatio, outputRatio: answer.outputRatio };
    case 'alert':
      return { week: answer.week, asOf: answer.asOf, signals: answer.signals };
    case 'error':
      return { error: answer.message };
  }
}
