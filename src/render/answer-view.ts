import type { Answer, PriceComparison, PricedModel } from '../core/answers.js';
import { footerText, modelRow, type ModelRowView } from './brief-view.js';
import { escapeFor, type Platform } from './escape.js';
import { signalSentence, speakerFor, type Speaker } from './sentences.js';
import { TEMPLATES, type Templates } from './templates.js';
import type { Signal } from '../core/signals.types.js';

// Command answers as views (escaped strings, raw numbers) plus the template that lays them out.

export interface PricedModelView {
  name: string;
  id: string;
  country: string;
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  contextLength: number | null;
  rank: number | null;
  tokens: number | null;
  /** End-of-last-week price, when it differs from now. */
  previous: { input: number | null; output: number | null } | null;
  /** False for a ranked model missing from the catalog (a stealth model): why its price is —. */
  listed: boolean;
}

export type AnswerView =
  | { template: 'price'; view: { query: string; week: string; model: PricedModelView; comparison: string | null; alternatives: string[]; footer: string } }
  | { template: 'no-match'; view: { query: string; suggestions: string[]; later: { name: string; id: string; firstListed: string; week: string } | null } }
  | {
      template: 'top';
      view: {
        week: string;
        country: string | null;
        /** A real country (CN, US…) has a flag; `unattributed` is spelled out instead. */
        flagged: boolean;
        totalTokens: number;
        models: ModelRowView[];
        nameWidth: number;
        /** Some row has no price (—): the template says why. */
        unpriced: boolean;
        footer: string;
      };
    }
  | { template: 'same-model'; view: { a: string; b: string; name: string; id: string } }
  | { template: 'compare'; view: { week: string; a: PricedModelView; b: PricedModelView; ratios: string[]; footer: string } }
  | { template: 'alert'; view: AlertView }
  | { template: 'unranked-country'; view: { country: string; week: string; ranked: string[] } };

/** Alerts of one week (`/alerts`-style answers), or of one refresh between briefs (`week` null). */
export interface AlertView {
  week: string | null;
  items: Array<{ sentence: string; rule: string }>;
  footer: string;
}

export function alertView(
  alert: { week: string | null; asOf: string | null; signals: readonly Signal[]; modelNames: Readonly<Record<string, string>> },
  platform: Platform,
  templates: Templates = TEMPLATES,
): AlertView {
  const say = speakerFor(platform, alert.modelNames, templates);
  return {
    week: alert.week === null ? null : say.short(alert.week),
    items: alert.signals.map((signal) => ({ sentence: signalSentence(signal, say), rule: say.text(signal.rule) })),
    footer: footerText(alert.asOf, say),
  };
}

function pricedModelView(model: PricedModel, say: Speaker): PricedModelView {
  return {
    name: say.model(model.name),
    id: say.short(model.id),
    country: say.short(model.country),
    input: model.price?.input ?? null,
    output: model.price?.output ?? null,
    cacheRead: model.price?.cacheRead ?? null,
    contextLength: model.contextLength,
    rank: model.rank,
    tokens: model.tokens,
    previous: model.previousPrice ? { input: model.previousPrice.input, output: model.previousPrice.output } : null,
    listed: model.listed,
  };
}

/** "Output is 6.8× cheaper than Claude Sonnet 4.5 ($15.00 per 1M tokens)"; ratio = other ÷ match. */
function comparisonSentence(comparison: PriceComparison, say: Speaker): string {
  const cheaper = comparison.ratio > 1;
  return say.sentence('price_comparison', {
    output: comparison.field === 'output',
    other: say.model(comparison.other.name),
    price: comparison.other.price?.[comparison.field] ?? null,
    same: comparison.ratio === 1,
    cheaper,
    factor: cheaper ? comparison.ratio : 1 / comparison.ratio,
  });
}

/** "Output: Claude Opus 4.6 costs 22.7× MiniMax M2.5"; `ratio` is b ÷ a (see commands/compare.ts). */
function compareSentence(field: 'input' | 'output', a: PricedModel, b: PricedModel, ratio: number | null, say: Speaker): string | null {
  const output = field === 'output';
  const pa = a.price?.[field] ?? null;
  const pb = b.price?.[field] ?? null;
  if (pa === null || pb === null) return null;
  if (ratio === null) {
    // No finite ratio: one of the two is free.
    if (pa === 0 && pb === 0) return say.sentence('compare_both_free', { output });
    const [free, paid, price] = pa === 0 ? [a, b, pb] : [b, a, pa];
    return say.sentence('compare_free', { output, free: say.model(free.name), paid: say.model(paid.name), price });
  }
  if (ratio === 1) return say.sentence('compare_same', { output, price: pa });
  const [pricier, cheaper, factor] = ratio > 1 ? [b, a, ratio] : [a, b, 1 / ratio];
  return say.sentence('compare_ratio', { output, pricier: say.model(pricier.name), cheaper: say.model(cheaper.name), factor });
}

function nameWithId(model: PricedModel, say: Speaker): string {
  return model.name === model.id ? say.short(model.id) : `${say.model(model.name)} (${say.short(model.id)})`;
}

export function answerView(answer: Answer, platform: Platform, templates: Templates): AnswerView {
  switch (answer.kind) {
    case 'price': {
      const say = speakerFor(platform, {}, templates);
      return {
        template: 'price',
        view: {
          query: say.short(answer.query),
          week: say.short(answer.week),
          model: pricedModelView(answer.match, say),
          comparison: answer.comparison ? comparisonSentence(answer.comparison, say) : null,
          alternatives: answer.alternatives.map((m) => nameWithId(m, say)),
          footer: footerText(answer.asOf, say),
        },
      };
    }
    case 'no_match': {
      const say = speakerFor(platform, {}, templates);
      const later = answer.later
        ? { name: say.model(answer.later.name), id: say.short(answer.later.id), firstListed: say.short(answer.later.firstListed), week: say.short(answer.later.week) }
        : null;
      return { template: 'no-match', view: { query: say.short(answer.query), suggestions: answer.suggestions.map((m) => nameWithId(m, say)), later } };
    }
    case 'top': {
      const say = speakerFor(platform, {}, templates);
      const models = answer.models.map((m) => modelRow(m, say));
      return {
        template: 'top',
        view: {
          week: say.short(answer.week),
          country: answer.country === null ? null : say.short(answer.country),
          flagged: answer.country !== null && /^[A-Z]{2}$/.test(answer.country),
          totalTokens: answer.totalTokens,
          models,
          nameWidth: Math.max(5, ...models.map((m) => [...m.name].length)),
          unpriced: answer.models.some((m) => (m.price?.output ?? null) === null),
          footer: footerText(answer.asOf, say),
        },
      };
    }
    case 'compare': {
      const say = speakerFor(platform, {}, templates);
      const ratios = [
        compareSentence('output', answer.a, answer.b, answer.outputRatio, say),
        compareSentence('input', answer.a, answer.b, answer.inputRatio, say),
      ].filter((line): line is string => line !== null);
      return {
        template: 'compare',
        view: { week: say.short(answer.week), a: pricedModelView(answer.a, say), b: pricedModelView(answer.b, say), ratios, footer: footerText(answer.asOf, say) },
      };
    }
    case 'alert':
      return { template: 'alert', view: alertView(answer, platform, templates) };
    case 'same_model': {
      const say = speakerFor(platform, {}, templates);
      const [a, b] = answer.queries;
      return { template: 'same-model', view: { a: say.short(a), b: say.short(b), name: say.model(answer.model.name), id: say.short(answer.model.id) } };
    }
    case 'unranked_country':
      return { template: 'unranked-country', view: { country: escapeFor(platform, answer.country), week: escapeFor(platform, answer.week), ranked: answer.ranked.map((c) => escapeFor(platform, c)) } };
  }
}
