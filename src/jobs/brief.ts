import { briefFor, type SignalSettings } from '../core/market-week.js';
import type { Brief, CountryMap, IsoWeek } from '../core/types.js';
import { loadMarketWeek, type WeekStores } from './week.js';

/** The weekly brief job's data half: store → market → signals under `settings` → a Brief ready to render. */
export async function buildBrief(
  store: WeekStores,
  query: SignalSettings & { week?: IsoWeek | undefined; countries: CountryMap },
): Promise<Brief> {
  return briefFor(await loadMarketWeek(store, query), query);
}
