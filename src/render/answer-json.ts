import type { Answer, PricedModel } from '../core/answers.js';
import { renderAnswer } from './answers.js';
import { priceJson, rankedModelJson } from './model-json.js';

// The `--format json` shapes of command answers. Field names are a documented contract (README).

function model(m: PricedModel) {
  return { id: m.id, name: m.name, country: m.country, price: priceJson(m.price), rank: m.rank, tokens: m.tokens };
}

export function answerToJson(answer: Answer): object {
  switch (answer.kind) {
    case 'price':
      return {
        query: answer.query,
        week: answer.week,
        asOf: answer.asOf,
        match: { ...model(answer.match), contextLength: answer.match.contextLength, previousPrice: priceJson(answer.match.previousPrice) },
        alternatives: answer.alternatives.map(model),
        comparison: answer.comparison && { model: model(answer.comparison.other), field: answer.comparison.field, ratio: answer.comparison.ratio },
      };
    case 'no_match':
      return { query: answer.query, match: null, alternatives: answer.suggestions.map(model), listedLater: answer.later ?? null };
    case 'same_model':
      return { queries: answer.queries, sameModel: model(answer.model) };
    case 'top':
      return { week: answer.week, asOf: answer.asOf, country: answer.country, totalTokens: answer.totalTokens, models: answer.models.map(rankedModelJson) };
    case 'compare':
      return { week: answer.week, asOf: answer.asOf, a: model(answer.a), b: model(answer.b), inputRatio: answer.inputRatio, outputRatio: answer.outputRatio };
    case 'alert':
      return { week: answer.week, asOf: answer.asOf, signals: answer.signals };
    case 'unranked_country':
      // The CLI reports this on stderr instead; the shape is a contract all the same.
      return { error: renderAnswer(answer, 'text') };
  }
}
