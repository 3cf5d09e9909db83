import type { Store } from '../adapters/store/store.js';
import { shortName } from '../core/identity.js';
import { buildWeeklyMarket } from '../core/market.js';
import { detectSignals } from '../core/signals.js';
import type { Thresholds } from '../core/thresholds.js';
import type { CatalogModel, CatalogSnapshot, CountryMap, Day, IsoWeek, WeeklyMarket } from '../core/types.js';
import type { Signal } from '../core/signals.types.js';
import { latestCompleteWeek, previousWeek, weekRange } from '../core/week.js';

/** A week is asked for that the store has no usage for. */
export class NoDataError extends Error {
  override readonly name = 'NoDataError';
}

/** Everything the brief and the commands need about one week, read from the store once. */
export interface WeekData {
  market: WeeklyMarket;
  signals: Signal[];
  catalog: CatalogModel[];
  previousCatalog: CatalogModel[] | null;
  /** Identity key → display name for every model the week's data or signals mention. */
  modelNames: Record<string, string>;
  countries: CountryMap;
}

export interface WeekQuery {
  week?: IsoWeek;
  countries: CountryMap;
  thresholds: Thresholds;
  /** Identity keys whose every move the asking channel wants signalled (see `detectSignals`). */
  watchlist?: readonly string[];
}

/** The week a brief is about by default: the newest week whose Sunday the store has data for. */
async function defaultWeek(store: Store): Promise<IsoWeek> {
  const span = await store.usageSpan();
  if (!span) throw new NoDataError('no usage data stored yet: run `tokenbrief fetch` or use --source sample');
  return latestCompleteWeek(span.last);
}

export async function loadWeek(store: Store, query: WeekQuery): Promise<WeekData> {
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
  const catalog = snapshot?.models ?? [];
  const previousCatalog = previousSnapshot?.models ?? null;

  const market = buildWeeklyMarket({ week, rows, catalog, countries: query.countries });
  const signals = detectSignals({ market, catalog, previousCatalog, thresholds: query.thresholds, watchlist: query.watchlist });
  return { market, signals, catalog, previousCatalog, modelNames: namesFor(market, catalog, previousCatalog), countries: query.countries };
}

/** The snapshot as of `day`, unless it is the very snapshot the week itself uses (then there is no "before"). */
async function catalogBefore(store: Store, current: CatalogSnapshot | null, day: Day): Promise<CatalogSnapshot | null> {
  const before = await store.catalogAsOf(day);
  return before && current && before.fetchedOn >= current.fetchedOn ? null : before;
}

function namesFor(market: WeeklyMarket, catalog: CatalogModel[], previousCatalog: CatalogModel[] | null): Record<string, string> {
  const names: Record<string, string> = {};
  for (const model of [...(previousCatalog ?? []), ...catalog]) names[model.id] = shortName(model.name);
  for (const entry of market.previousRanking) names[entry.id] = shortName(entry.name);
  for (const model of market.models) names[model.id] = shortName(model.name);
  return names;
}
