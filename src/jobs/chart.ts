import { shareSeries, topSeries, type ChartData } from '../core/charts.js';
import { buildWeeklyMarket } from '../core/market.js';
import type { ChartQuery, ChartReader } from '../core/ports/charts.js';
import type { CountryMap, IsoWeek, WeeklyMarket } from '../core/types.js';
import { previousWeek, weekRange } from '../core/week.js';
import { loadMarketWeek, type WeekStores } from './week.js';

/** A chart's data, read from the stores. Rejects with NoDataError, as the brief does, when the week has no data. */
export async function loadChart(store: WeekStores, query: ChartQuery & { countries: CountryMap }): Promise<ChartData> {
  // The chart's week is checked (and defaulted) exactly as the brief's is.
  const { market } = await loadMarketWeek(store, { week: query.week, countries: query.countries });
  if (query.kind === 'top') return topSeries(market);
  return shareSeries([...(await earlierMarkets(store, market.week, query.weeks - 1, query.countries)), market]);
}

/** The ChartReader commands are given: every read sees the store as it is now. */
export function createChartReader(store: WeekStores, countries: CountryMap): ChartReader {
  return { read: (query) => loadChart(store, { ...query, countries }) };
}

/** The `count` weeks before `week`, oldest first, each joined with the catalog of its time. */
async function earlierMarkets(store: WeekStores, week: IsoWeek, count: number, countries: CountryMap): Promise<WeeklyMarket[]> {
  const weeks: IsoWeek[] = [];
  for (let w = previousWeek(week); weeks.length < count; w = previousWeek(w)) weeks.unshift(w);
  const [first] = weeks;
  if (first === undefined) return [];
  // One read for the whole span (and the week before it, which each market compares with).
  const rows = await store.usageBetween(weekRange(previousWeek(first)).start, weekRange(previousWeek(week)).end);
  const markets: WeeklyMarket[] = [];
  for (const w of weeks) {
    const { end } = weekRange(w);
    const catalog = ((await store.catalogAsOf(end)) ?? (await store.latestCatalog()))?.models ?? [];
    markets.push(buildWeeklyMarket({ week: w, rows, catalog, countries }));
  }
  return markets;
}
