import { isoWeek, type Day } from './calendar.js';
import { OTHER_ROW, type DailyUsage } from './daily-usage.js';
import { T, USAGE } from './usage-plan.js';

// The generator's check table: weekly CN / US / total, the W08 top five and February's leaders, so
// a run shows at a glance whether the published figures came out.

const blocOf = new Map(USAGE.map((plan) => [plan.permaslug, plan.bloc]));
const fmt = (tokens: number): string => (tokens / T).toFixed(3).padStart(7);

function totalsBy(usage: DailyUsage, keyOf: (day: Day) => string | null): Map<string, Map<string, number>> {
  const totals = new Map<string, Map<string, number>>();
  for (const [day, rows] of usage) {
    const key = keyOf(day);
    if (key === null) continue;
    const bucket = totals.get(key) ?? new Map<string, number>();
    totals.set(key, bucket);
    for (const row of rows) bucket.set(row.permaslug, (bucket.get(row.permaslug) ?? 0) + row.tokens);
  }
  return totals;
}

function sumWhere(bucket: ReadonlyMap<string, number>, keep: (permaslug: string) => boolean): number {
  let sum = 0;
  for (const [permaslug, tokens] of bucket) if (keep(permaslug)) sum += tokens;
  return sum;
}

function top(bucket: ReadonlyMap<string, number>, n: number): [string, number][] {
  return [...bucket].filter(([slug]) => slug !== OTHER_ROW).sort((a, b) => b[1] - a[1]).slice(0, n);
}

export function formatSummary(usage: DailyUsage): string {
  const weeks = totalsBy(usage, isoWeek);
  const lines = ['week       start        CN       US     rest    other    total   Δtotal  leader'];
  let previous: number | null = null;
  for (const [week, bucket] of weeks) {
    const cn = sumWhere(bucket, (s) => blocOf.get(s) === 'CN');
    const us = sumWhere(bucket, (s) => blocOf.get(s) === 'US');
    const other = bucket.get(OTHER_ROW) ?? 0;
    const total = sumWhere(bucket, () => true);
    const start = [...usage.keys()].find((day) => isoWeek(day) === week) ?? '';
    const delta = previous === null ? '       ' : fmt(total - previous);
    lines.push(`${week}  ${start} ${fmt(cn)}  ${fmt(us)}  ${fmt(total - cn - us - other)}  ${fmt(other)}  ${fmt(total)}  ${delta}  ${cn > us ? 'CN' : 'US'}`);
    previous = total;
  }
  const w08 = top(weeks.get('2026-W08') ?? new Map(), 5);
  const w08Cn = w08.filter(([slug]) => blocOf.get(slug) === 'CN').reduce((sum, [, tokens]) => sum + tokens, 0);
  const w08All = w08.reduce((sum, [, tokens]) => sum + tokens, 0);
  lines.push('', `2026-W08 top 5 (CN share of top-5 volume ${((100 * w08Cn) / w08All).toFixed(1)}%):`);
  w08.forEach(([slug, tokens], i) => lines.push(`  #${i + 1} ${fmt(tokens)}  ${slug}`));
  const february = totalsBy(usage, (day) => (day.startsWith('2026-02') ? 'feb' : null)).get('feb') ?? new Map();
  lines.push('', 'February 2026 (to Feb 28), top 10:');
  top(february, 10).forEach(([slug, tokens], i) => lines.push(`  #${i + 1} ${fmt(tokens)}  ${slug}`));
  lines.push('', `Tokens in T (10^12), final figures (newest as_of). Last day ${[...usage.keys()].at(-1) ?? ''}.`);
  return lines.join('\n');
}
