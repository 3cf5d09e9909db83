import { z } from 'zod';
import { OTHER } from '../core/types.js';
import type { MarketWeek } from '../core/market-week.js';
import type { Answer } from '../core/answers.js';

/** The longest chart a command shows (Discord also caps an option's choices at 25). */
export const TOP_MAX = 25;

/** Whether `n` can be a chart size: the same rule for every way of asking. */
export function isTopSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= TOP_MAX;
}

// `n` was checked where it was read (the parsers); the country is normalised here for every caller.
const TopOptionsSchema = z.object({
  n: z.number().default(10),
  country: z
    .string()
    .trim()
    .transform((c) => (/^[a-z]{2}$/i.test(c) ? c.toUpperCase() : c.toLowerCase()))
    .optional(),
});
export type TopOptions = z.input<typeof TopOptionsSchema>;

/** `/top [n] [country]`: this week's chart, optionally one country bloc. Ranks stay market-wide. */
export function topAnswer(data: MarketWeek, options: TopOptions): Answer {
  const { n, country } = TopOptionsSchema.parse(options);
  const models = data.market.models.filter((m) => country === undefined || m.country === country).slice(0, n);
  if (models.length === 0 && country !== undefined) {
    // The long tail is a bucket, not a bloc anyone can filter by.
    const ranked = data.market.countries.filter((c) => c.country !== OTHER).map((c) => c.country);
    return { kind: 'unranked_country', week: data.market.week, country, ranked };
  }
  return { kind: 'top', week: data.market.week, asOf: data.market.asOf, country: country ?? null, totalTokens: data.market.totalTokens, models };
}
