import { formatDay } from './format.js';
import { buildCatalogIndex, resolveIdentity } from './identity.js';
import { thinDays, type ThinDay } from './plausibility.js';
import type {
  CatalogModel,
  Country,
  CountryMap,
  CountryTotal,
  Coverage,
  Day,
  Identity,
  IsoWeek,
  MarketModel,
  UsageRow,
  WeeklyMarket,
} from './types.js';
import { addDays, daysInRange, previousWeek, weekRange } from './week.js';

// One week of the market: daily rows summed per model and per country bloc, ranked, and compared
// with the week before. Everything a brief or a signal needs is computed here, once.

export interface WeeklyMarketInput {
  week: IsoWeek;
  /** This week's and last week's rows at least; rows of other days are ignored. */
  rows: readonly UsageRow[];
  catalog: readonly CatalogModel[];
  countries: CountryMap;
}

interface Tally {
  identity: Identity;
  tokens: number;
}

interface Ranked extends Tally {
  rank: number;
}

function byTokensThenKey(a: { tokens: number; key: string }, b: { tokens: number; key: string }): number {
  // Plain code-unit order, not localeCompare: ranks must not depend on the machine's locale.
  return b.tokens - a.tokens || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function rank(tallies: ReadonlyMap<string, Tally>): Ranked[] {
  return [...tallies.values()]
    .filter((tally) => tally.identity.kind === 'model')
    .map((tally) => ({ ...tally, key: tally.identity.key }))
    .sort(byTokensThenKey)
    .map(({ identity, tokens }, i) => ({ identity, tokens, rank: i + 1 }));
}

function sumTokens(tallies: ReadonlyMap<string, Tally>): number {
  let total = 0;
  for (const tally of tallies.values()) total += tally.tokens;
  return total;
}

/** Exact to the last bit for integer token counts: one rounding (the division), not three. */
function changePct(tokens: number, previous: number | null): number | null {
  return previous ? ((tokens - previous) * 100) / previous : null;
}

function countryTotals(current: ReadonlyMap<string, Tally>, before: ReadonlyMap<string, Tally>, total: number): CountryTotal[] {
  const blocs = new Map<Country, { tokens: number; previousTokens: number }>();
  const bloc = (country: Country) => {
    let entry = blocs.get(country);
    if (!entry) blocs.set(country, (entry = { tokens: 0, previousTokens: 0 }));
    return entry;
  };
  for (const { identity, tokens } of current.values()) bloc(identity.country).tokens += tokens;
  for (const { identity, tokens } of before.values()) bloc(identity.country).previousTokens += tokens;
  return [...blocs]
    .map(([country, sums]) => ({ key: country, country, ...sums, share: total > 0 ? sums.tokens / total : 0 }))
    .sort(byTokensThenKey)
    .map(({ country, tokens, share, previousTokens }) => ({ country, tokens, share, previousTokens }));
}

function thinReason(thin: ThinDay): string {
  return `${formatDay(thin.day)} has ${thin.rows} ${thin.rows === 1 ? 'row' : 'rows'}, usually about ${Math.round(thin.usual)}: counted as missing`;
}

/** `thin` days count as missing: a day holding 1 of its usual ~50 rows would rank one model alone. */
function coverageOf(start: Day, end: Day, daysSeen: ReadonlySet<Day>, thin: readonly ThinDay[], asOfMs: number): Coverage {
  const missing = daysInRange(start, end).filter((day) => !daysSeen.has(day));
  const daysPresent = 7 - missing.length - thin.length;
  if (daysSeen.size === 0) return { daysPresent, complete: false, reasons: ['no usage data for this week'] };
  const reasons: string[] = [];
  if (missing.length > 0) reasons.push(`${missing.length} of 7 days missing (${missing.map(formatDay).join(', ')})`);
  reasons.push(...thin.map(thinReason));
  // OpenRouter's current UTC day is partial: until as_of reaches Monday 00:00Z, Sunday may still grow.
  if (!(asOfMs >= Date.parse(`${addDays(end, 1)}T00:00:00Z`))) {
    const shown = Number.isNaN(asOfMs) ? 'an unreadable time' : `${new Date(asOfMs).toISOString().slice(0, 16)}Z`;
    reasons.push(`data as of ${shown}, before the week ended`);
  }
  return { daysPresent, complete: reasons.length === 0, reasons };
}

export function buildWeeklyMarket(input: WeeklyMarketInput): WeeklyMarket {
  const { start, end } = weekRange(input.week);
  const previous = weekRange(previousWeek(input.week));
  const index = buildCatalogIndex(input.catalog);
  const identities = new Map<string, Identity>();
  const current = new Map<string, Tally>();
  const before = new Map<string, Tally>();
  const daysSeen = new Set<Day>();
  const previousDaysSeen = new Set<Day>();
  const rowsPerDay = new Map<Day, number>();
  let asOf: string | null = null;
  let asOfMs = Number.NaN;

  for (const row of input.rows) {
    // `YYYY-MM-DD` strings order like the days they name; the two weeks are back to back.
    if (row.date < previous.start || row.date > end) continue;
    let identity = identities.get(row.permaslug);
    if (!identity) identities.set(row.permaslug, (identity = resolveIdentity(row.permaslug, index, input.countries)));
    rowsPerDay.set(row.date, (rowsPerDay.get(row.date) ?? 0) + 1);
    const thisWeek = row.date >= start;
    const tallies = thisWeek ? current : before;
    const tally = tallies.get(identity.key);
    if (tally) tally.tokens += row.tokens;
    else tallies.set(identity.key, { identity, tokens: row.tokens });
    if (!thisWeek) previousDaysSeen.add(row.date);
    if (thisWeek) {
      daysSeen.add(row.date);
      const rowMs = Date.parse(row.asOf);
      if (asOf === null || Number.isNaN(asOfMs) || rowMs > asOfMs) {
        asOf = row.asOf;
        asOfMs = rowMs;
      }
    }
  }

  const totalTokens = sumTokens(current);
  const previousRanking = rank(before).map(({ identity, tokens, rank: place }) => ({
    id: identity.key,
    name: identity.name,
    country: identity.country,
    rank: place,
    tokens,
  }));
  const previousByKey = new Map(previousRanking.map((entry) => [entry.id, entry]));
  const models: MarketModel[] = rank(current).map(({ identity, tokens, rank: place }) => {
    const last = previousByKey.get(identity.key);
    const price = identity.modelId === null ? undefined : index.byId.get(identity.modelId)?.price;
    return {
      rank: place,
      id: identity.key,
      modelId: identity.modelId,
      name: identity.name,
      country: identity.country,
      tokens,
      share: totalTokens > 0 ? tokens / totalTokens : 0,
      previousRank: last?.rank ?? null,
      previousTokens: last?.tokens ?? null,
      changePct: changePct(tokens, last?.tokens ?? null),
      price: price ? { ...price } : null,
    };
  });

  return {
    week: input.week,
    start,
    end,
    asOf,
    totalTokens,
    previousTotalTokens: sumTokens(before),
    countries: countryTotals(current, before, totalTokens),
    models,
    previousRanking,
    coverage: coverageOf(start, end, daysSeen, thinDays(rowsPerDay, [...daysSeen].sort()), asOfMs),
    previousDaysPresent: previousDaysSeen.size - thinDays(rowsPerDay, [...previousDaysSeen]).length,
  };
}
