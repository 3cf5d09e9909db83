import type { Brief } from '../core/types.js';
import { rankedModelJson } from './model-json.js';
import { briefView } from './brief-view.js';
import type { Platform } from './escape.js';
import { TEMPLATES, type Templates } from './templates.js';

export type BriefFormat = Platform | 'json';

/** OpenRouter's data licence; a JSON export republishes the figures, so it says so. */
const DATA_LICENSE = 'CC BY 4.0';

/**
 * The brief as data. Field names are a published contract (external tools read them): add fields,
 * never rename. Prices are USD per 1M tokens; shares are 0..1.
 */
export function briefToJson(brief: Brief) {
  const { market } = brief;
  return {
    week: market.week,
    start: market.start,
    end: market.end,
    asOf: market.asOf,
    source: brief.source,
    license: DATA_LICENSE,
    totalTokens: market.totalTokens,
    previousTotalTokens: market.previousTotalTokens,
    countries: market.countries.map((c) => ({ country: c.country, tokens: c.tokens, share: c.share, previousTokens: c.previousTokens })),
    models: market.models.map(rankedModelJson),
    signals: brief.signals.map(({ kind, rule, threshold, ...fields }) => ({ kind, rule, threshold, ...fields })),
    coverage: { daysPresent: market.coverage.daysPresent, complete: market.coverage.complete, reasons: [...market.coverage.reasons] },
    restatements: brief.restatements.map((r) => ({ ...r })),
  };
}

export function renderBrief(brief: Brief, format: BriefFormat, templates: Templates = TEMPLATES): string {
  if (format === 'json') return JSON.stringify(briefToJson(brief), null, 2);
  return templates.render(format, 'weekly-brief', briefView(brief, format, templates));
}
