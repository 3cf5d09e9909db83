import type { CatalogModel, CatalogSnapshot, Day, ModelPrice, UsageRow } from './types.js';

// Plausibility gates: what real OpenRouter data can look like, so an answer that cannot be real (a
// bug, a proxy, an attacker) is set aside instead of shaping a brief. Each threshold sits far outside
// anything observed, so real data never trips it; the README lists them with their reasons.

/** A batch whose `as_of` is later than now plus this is from the future: refused. Covers clock skew. */
export const MAX_AS_OF_SKEW_MS = 15 * 60_000;
/** Tokens of one model on one day. The whole market moved about 1.3T tokens a day in early 2026. */
export const MAX_DAILY_TOKENS = 1e14;
/** USD per 1M tokens. The priciest real models list a few hundred dollars. */
export const MAX_PRICE_PER_MILLION = 10_000;
/** A catalog that lost more than this share of the previous trusted snapshot's models is suspect. */
export const MAX_CATALOG_LOSS = 0.25;
/** A day with fewer rows than this share of the usual count of nearby days is incomplete. */
export const MIN_DAY_ROWS_RATIO = 0.5;
/** A day needs this many nearby days with data before its row count can be judged. */
const MIN_NEIGHBOURS = 3;
/** Nearby = at most this many days before or after. */
const NEARBY_DAYS = 7;
const DAY_MS = 86_400_000;
/** A restatement moving a model's day by this factor or more (either way) is reported. */
export const RESTATEMENT_FACTOR = 10;

export function isFutureAsOf(asOfMs: number, nowMs: number): boolean {
  return asOfMs > nowMs + MAX_AS_OF_SKEW_MS;
}

export function plausibleTokens(tokens: number): boolean {
  return Number.isSafeInteger(tokens) && tokens >= 0 && tokens <= MAX_DAILY_TOKENS;
}

const plausiblePrice = (value: number | null): boolean =>
  value === null || (Number.isFinite(value) && value >= 0 && value <= MAX_PRICE_PER_MILLION);


/** `rows` without the out-of-range ones, and how many were dropped. */
export function keepPlausibleRows(rows: readonly UsageRow[]): { rows: UsageRow[]; dropped: number } {
  const kept = rows.filter((row) => plausibleTokens(row.tokens));
  return { rows: kept, dropped: rows.length - kept.length };
}

/**
 * `snapshot` with every out-of-range price dropped (made "not listed"), and how many models had one.
 * The model itself stays: without it its usage would lose its name and identity, and a top model
 * would "enter" and "leave" the ranking on the strength of one bad number.
 */
export function dropImplausiblePrices(snapshot: CatalogSnapshot): { snapshot: CatalogSnapshot; models: number } {
  let models = 0;
  const checked = snapshot.models.map((model): CatalogModel => {
    const { input, output, cacheRead } = model.price;
    if (plausiblePrice(input) && plausiblePrice(output) && plausiblePrice(cacheRead)) return model;
    models += 1;
    const keep = (value: number | null): number | null => (plausiblePrice(value) ? value : null);
    const price: ModelPrice = { input: keep(input), output: keep(output), cacheRead: keep(cacheRead) };
    return { ...model, price };
  });
  return { snapshot: { ...snapshot, models: checked }, models };
}

/**
 * Why `next` is not to be trusted as a successor of `previous`, or null when it is: it lost more
 * than MAX_CATALOG_LOSS of the models `previous` listed (OpenRouter delists a handful at a time).
 */
export function catalogLossReason(previous: CatalogSnapshot, next: CatalogSnapshot): string | null {
  if (previous.models.length === 0) return null;
  const ids = new Set(next.models.map((model) => model.id));
  const lost = previous.models.filter((model) => !ids.has(model.id)).length;
  if (lost / previous.models.length <= MAX_CATALOG_LOSS) return null;
  return `lists ${next.models.length} models and lacks ${lost} of the ${previous.models.length} listed on ${previous.fetchedOn}`;
}

export interface ThinDay {
  day: Day;
  rows: number;
  /** The median row count of the nearby days it was judged against. */
  usual: number;
}

/**
 * Days of `days` holding far fewer rows than nearby days usually do (fewer than MIN_DAY_ROWS_RATIO
 * of their median): a day with 1 of the usual ~50 rows is not a day of data, it is a hole (also when
 * most of its rows were dropped as invalid). `counts` holds rows per day; the neighbours are the days
 * within NEARBY_DAYS that have rows. Days without rows are missing, not thin, and a day is judged only
 * when at least MIN_NEIGHBOURS neighbours have rows.
 */
export function thinDays(counts: ReadonlyMap<Day, number>, days: readonly Day[]): ThinDay[] {
  const thin: ThinDay[] = [];
  for (const day of days) {
    const rows = counts.get(day) ?? 0;
    if (rows === 0) continue;
    const at = Date.parse(day);
    const others = [...counts]
      .filter(([other, n]) => other !== day && n > 0 && Math.abs(Date.parse(other) - at) <= NEARBY_DAYS * DAY_MS)
      .map(([, n]) => n);
    if (others.length < MIN_NEIGHBOURS) continue;
    const usual = median(others);
    if (rows < usual * MIN_DAY_ROWS_RATIO) thin.push({ day, rows, usual });
  }
  return thin;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A restatement by a factor of RESTATEMENT_FACTOR or more, either way (to or from zero included). */
export function isHugeRestatement(fromTokens: number, toTokens: number): boolean {
  const low = Math.min(fromTokens, toTokens);
  const high = Math.max(fromTokens, toTokens);
  return high > 0 && high >= low * RESTATEMENT_FACTOR;
}
