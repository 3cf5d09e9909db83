import { z } from 'zod';
import { OTHER } from '../core/types.js';
import type { MarketWeek } from '../core/market-week.js';
import type { Answer } from '../core/answers.js';

/** The longest chart a command shows (Discord also caps an option's choices at 25). */
const TOP_MAX = 25;

/** Why `n` can't be a chart size, or null when it can: one wording for every way of asking. */
export function topSizeProblem(n: unknown): string | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= TOP_MAX ? null : `n must be a whole number from 1 to ${TOP_MAX}, got ${String(n)}.`;
}

const TopOptionsSchema = z.object({
  n: z
    .number()
    .default(10)
    .superRefine((n, ctx) => {
      const problem = topSizeProblem(n);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  country: z
    .string()
    .trim()
    .transform((c) => (/^[a-z]{2}$/i.test(c) ? c.toUpperCase() : c.toLowerCase()))
    .optional(),
});
export type TopOptions = z.input<typeof TopOptionsSchema>;

/** `/top [n] [country]`: this week's chart, optionally one country bloc. Ranks stay market-wide. */
export function topAnswer(data: MarketWeek, options: TopOptions): Answer {
  const parsed = TopOptionsSchema.safeParse(options);
  if (!parsed.success) return { kind: 'error', message: parsed.error.issues.map((i) => i.message).join('; ') };
  const { n, country } = parsed.data;
  const models = data.market.models.filter((m) => country === undefined || m.country === country).slice(0, n);
  if (models.length === 0 && country !== undefined) {
    // The long tail is a bucket, not a bloc anyone can filter by.
    const known = data.market.countries.filter((c) => c.country !== OTHER).map((c) => c.country).join(', ');
    return { kind: 'error', message: `No ${country} models ranked in ${data.market.week}. Countries this week: ${known}.` };
  }
  return { kind: 'top', week: data.market.week, asOf: data.market.asOf, country: country ?? null, totalTokens: data.market.totalTokens, models };
}
