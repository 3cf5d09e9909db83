import type { Store } from '../adapters/store/store.js';
import { DEFAULT_CHART_WEEKS, shareSeries, topSeries, type ChartData, type ChartKind } from '../core/charts.js';
import { buildWeeklyMarket } from '../core/market.js';
import { DEFAULT_THRESHOLDS } from '../core/thresholds.js';
import type { CountryMap, IsoWeek, WeeklyMarket } from '../core/types.js';
import { previousWeek, weekRange } from '../core/week.js';
import type { Logger } from '../log.js';
import { loadWeek } from './week.js';

export interface ChartQuery {
  kind: ChartKind;
  /** The chart's (last) week; the default week of the brief when absent. */
  week?: IsoWeek | undefined;
  /** Weeks the share chart spans, ending with `week`. */
  weeks: number;
  countries: CountryMap;
}

/** A chart's data, read from the store. Throws NoDataError, as the brief does, when the week has no data. */
export async function loadChart(store: Store, query: ChartQuery): Promise<ChartData> {
  // The chart's week is checked (and defaulted) exactly as the brief's is.
  const { market } = await loadWeek(store, { week: query.week, countries: query.countries, thresholds: DEFAULT_THRESHOLDS });
  if (query.kind === 'top') return topSeries(market);
  return shareSeries([...(await earlierMarkets(store, market.week, query.weeks - 1, query.countries)), market]);
}

/** The `count` weeks before `week`, oldest first, each joined with the catalog of its time. */
async function earlierMarkets(store: Store, week: IsoWeek, count: number, countries: CountryMap): Promise<WeeklyMarket[]> {
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

export interface BriefChartDeps<T> {
  store: Store;
  countries: CountryMap;
  /** Draws the chart (the PNG renderer in the running bot). */
  render: (chart: ChartData) => Promise<T>;
  logger: Logger;
}

/**
 * The brief's share chart, drawn; null when drawing it failed, which is logged. A chart never holds
 * a brief back: the brief goes out without it.
 */
export async function briefChart<T>(deps: BriefChartDeps<T>, week: IsoWeek): Promise<T | null> {
  try {
    return await deps.render(await loadChart(deps.store, { kind: 'share', week, weeks: DEFAULT_CHART_WEEKS, countries: deps.countries }));
  } catch (error) {
    deps.logger.error({ err: error, week }, 'brief chart failed; the brief goes out without it');
    return null;
  }
}
