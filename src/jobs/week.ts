import { NoDataError } from '../core/errors.js';
import { buildMarketWeek, type MarketWeek } from '../core/market-week.js';
import type { CatalogStore } from '../core/ports/catalog.js';
import type { ProvenanceStore } from '../core/ports/store.js';
import type { UsageStore } from '../core/ports/usage.js';
import type { WeekReader } from '../core/ports/weeks.js';
import type { CatalogSnapshot, CountryMap, Day, IsoWeek } from '../core/types.js';
import { latestCompleteWeek, previousWeek, weekRange } from '../core/week.js';

/** The stores a week is read from. */
export type WeekStores = UsageStore & CatalogStore & ProvenanceStore;

/** The week a brief is about by default: the newest week whose Sunday the store has data for. */
async function defaultWeek(store: WeekStores): Promise<IsoWeek> {
  const span = await store.usageSpan();
  if (!span) throw new NoDataError('no usage data stored yet: run `tokenbrief fetch` or use --source sample');
  return latestCompleteWeek(span.last);
}

/** Reads one week (the newest complete one by default) and builds its market; no signals yet (see `signalsFor`). */
export async function loadMarketWeek(store: WeekStores, query: { week?: IsoWeek | undefined; countries: CountryMap }): Promise<MarketWeek> {
  const week = query.week ?? (await defaultWeek(store));
  const { start, end } = weekRange(week);
  const previous = weekRange(previousWeek(week));
  const rows = await store.usageBetween(previous.start, end);
  if (!rows.some((row) => row.date >= start)) {
    const span = await store.usageSpan();
    const covers = span ? ` (data covers ${span.first} to ${span.last})` : '';
    throw new NoDataError(`no data for ${week}${covers}`);
  }
  // Past weeks are joined and priced with the catalog of their time; when no snapshot is that old
  // (a backfill of usage with only today's catalog) the newest one still names the models.
  const snapshot = (await store.catalogAsOf(end)) ?? (await store.latestCatalog());
  const previousSnapshot = await catalogBefore(store, snapshot, previous.end);
  const restatements = await store.restatementsBetween(previous.start, end);
  // The label comes from the data itself, never from the environment: it must say where these figures came from.
  const source = (await store.dataSource()) ?? 'unknown';
  return buildMarketWeek({ week, rows, snapshot, previousSnapshot, restatements, countries: query.countries, source });
}

/** The WeekReader commands are given: every read sees the store as it is now. */
export function createWeekReader(store: WeekStores, countries: CountryMap): WeekReader {
  return { read: (week) => loadMarketWeek(store, { week, countries }) };
}

/** The snapshot as of `day`, unless it is the very snapshot the week itself uses (then there is no "before"). */
async function catalogBefore(store: CatalogStore, current: CatalogSnapshot | null, day: Day): Promise<CatalogSnapshot | null> {
  const before = await store.catalogAsOf(day);
  return before && current && before.fetchedOn >= current.fetchedOn ? null : before;
}
