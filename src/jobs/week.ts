import { NoDataError } from '../core/errors.js';
import { buildMarketWeek, type MarketWeek } from '../core/market-week.js';
import type { CatalogStore } from '../core/ports/catalog.js';
import type { DataVersionStore, ProvenanceStore } from '../core/ports/store.js';
import type { UsageStore } from '../core/ports/usage.js';
import type { WeekReader } from '../core/ports/weeks.js';
import type { CatalogSnapshot, CountryMap, Day, IsoWeek } from '../core/types.js';
import { latestCompleteWeek, previousWeek, weekRange } from '../core/week.js';

/** The stores a week is read from. */
export type WeekStores = UsageStore & CatalogStore & ProvenanceStore;

/** The week a brief is about by default: the newest week whose Sunday the store has data for. */
async function defaultWeek(store: WeekStores): Promise<IsoWeek> {
  const span = await store.usageSpan();
  if (!span) throw new NoDataError({ kind: 'no_usage' });
  return latestCompleteWeek(span.last);
}

/** Reads one week (the newest complete one by default) and builds its market; no signals yet (see `signalsFor`). */
export async function loadMarketWeek(store: WeekStores, query: { week?: IsoWeek | undefined; countries: CountryMap }): Promise<MarketWeek> {
  const week = query.week ?? (await defaultWeek(store));
  const { start, end } = weekRange(week);
  const previous = weekRange(previousWeek(week));
  const rows = await store.usageBetween(previous.start, end);
  if (!rows.some((row) => row.date >= start)) {
    throw new NoDataError({ kind: 'no_week', week, covers: await store.usageSpan() });
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

/** Weeks kept per data version: the newest (what commands ask for) and a few asked by name. */
const WEEKS_KEPT = 8;

export interface WeekReaderOptions {
  /** Off: every read builds the week anew from the store (benchmarks compare the two). Default on. */
  cache?: boolean;
}

/**
 * The WeekReader commands are given: every read sees the store as it is now, but builds a week only
 * once per data version. Each read asks the store for its data version (one tiny read); while it is
 * unchanged, the same MarketWeek object is served from memory, and with it the lookup index and the
 * signals derived from it (see core/derived.ts). A new version (a refresh, by this process or another
 * sharing the database) drops every week built before it. Concurrent reads of a week not built yet
 * share one build; a failed build is not kept, so the next read tries again.
 */
export function createWeekReader(store: WeekStores & DataVersionStore, countries: CountryMap, options: WeekReaderOptions = {}): WeekReader {
  const load = (week: IsoWeek | undefined) => loadMarketWeek(store, { week, countries });
  if (options.cache === false) return { read: load };
  // The version is read before the data, so a week is never older than the version it is kept under.
  let built: { version: number; weeks: Map<string, Promise<MarketWeek>> } | null = null;
  return {
    async read(week) {
      const version = await store.dataVersion();
      if (built?.version !== version) built = { version, weeks: new Map() };
      const { weeks } = built;
      const key = week ?? 'newest';
      const found = weeks.get(key);
      if (found) {
        // Kept in use order: the week evicted first is the one asked for least recently.
        weeks.delete(key);
        weeks.set(key, found);
        return found;
      }
      const building = load(week);
      weeks.set(key, building);
      if (weeks.size > WEEKS_KEPT) weeks.delete(weeks.keys().next().value ?? key);
      building.catch(() => {
        if (weeks.get(key) === building) weeks.delete(key);
      });
      return building;
    },
  };
}

/** The snapshot as of `day`, unless it is the very snapshot the week itself uses (then there is no "before"). */
async function catalogBefore(store: CatalogStore, current: CatalogSnapshot | null, day: Day): Promise<CatalogSnapshot | null> {
  const before = await store.catalogAsOf(day);
  return before && current && before.fetchedOn >= current.fetchedOn ? null : before;
}
