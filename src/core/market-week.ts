import { buildCatalogIndex, resolveIdentity, shortName } from './identity.js';
import { isHugeRestatement } from './plausibility.js';
import { buildWeeklyMarket } from './market.js';
import { detectSignals } from './signals.js';
import type { Signal } from './signals.types.js';
import type { Thresholds } from './thresholds.js';
import type { Brief, CatalogModel, CatalogSnapshot, CountryMap, IsoWeek, Restatement, UsageRow, WeeklyMarket } from './types.js';

// A week is built in two steps so that work done once per data version is not redone per channel:
// the market (rows joined with the catalog, ranked, totalled) is built once, then every channel's
// signals are detected from it under that channel's thresholds and watchlist.

/** One week of the market as the stored data make it, before any channel's settings apply. */
export interface MarketWeek {
  market: WeeklyMarket;
  catalog: CatalogModel[];
  previousCatalog: CatalogModel[] | null;
  /** Identity key → display name for every model the week's data or signals can mention. */
  modelNames: Record<string, string>;
  countries: CountryMap;
  /** Revisions to last week's or this week's days: last week's figures readers saw moved. */
  restatements: Restatement[];
  /** Where the figures came from, as stored with them ('unknown' for data of an older tokenbrief). */
  source: string;
}

/** What one channel (or the defaults) asks of the signals. */
export interface SignalSettings {
  thresholds: Thresholds;
  /** Identity keys whose every move is signalled (see `detectSignals`). */
  watchlist?: readonly string[];
}

export interface MarketWeekInput {
  week: IsoWeek;
  /** Usage of the week and the one before it. */
  rows: readonly UsageRow[];
  /** The catalog of the week's time, and the one before it when it differs (null: none older). */
  snapshot: CatalogSnapshot | null;
  previousSnapshot: CatalogSnapshot | null;
  restatements: Restatement[];
  countries: CountryMap;
  source: string;
}

export function buildMarketWeek(input: MarketWeekInput): MarketWeek {
  const catalog = input.snapshot?.models ?? [];
  const previousCatalog = input.previousSnapshot?.models ?? null;
  const market = buildWeeklyMarket({ week: input.week, rows: input.rows, catalog, countries: input.countries });
  return {
    market,
    catalog,
    previousCatalog,
    modelNames: namesFor(market, catalog, previousCatalog, input.restatements, input.countries),
    countries: input.countries,
    restatements: input.restatements,
    source: input.source,
  };
}

/** The week's signals under one channel's settings. */
export function signalsFor(week: MarketWeek, settings: SignalSettings): Signal[] {
  const { market, catalog, previousCatalog } = week;
  return detectSignals({ market, catalog, previousCatalog, thresholds: settings.thresholds, watchlist: settings.watchlist });
}

/** The brief one channel gets: the shared market, its own signals. */
export function briefFor(week: MarketWeek, settings: SignalSettings): Brief {
  return { market: week.market, signals: signalsFor(week, settings), source: week.source, restatements: week.restatements, modelNames: week.modelNames };
}

function namesFor(
  market: WeeklyMarket,
  catalog: CatalogModel[],
  previousCatalog: CatalogModel[] | null,
  restatements: readonly Restatement[],
  countries: CountryMap,
): Record<string, string> {
  const names: Record<string, string> = {};
  // Huge restatements are named model by model (see the brief's revisions), so they need names too.
  const index = buildCatalogIndex(catalog);
  for (const r of restatements) {
    if (isHugeRestatement(r.fromTokens, r.toTokens)) names[r.permaslug] = shortName(resolveIdentity(r.permaslug, index, countries).name);
  }
  for (const model of [...(previousCatalog ?? []), ...catalog]) names[model.id] = shortName(model.name);
  for (const entry of market.previousRanking) names[entry.id] = shortName(entry.name);
  for (const model of market.models) names[model.id] = shortName(model.name);
  return names;
}
