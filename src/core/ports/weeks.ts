import type { MarketWeek } from '../market-week.js';
import type { IsoWeek } from '../types.js';

/**
 * Where commands get a built week from. An implementation reads the stores and builds the market
 * (`jobs/week.ts`); commands only compute what their channel's settings make of it.
 */
export interface WeekReader {
  /** The week asked for, or the newest complete one; rejects with NoDataError when there is no such data. */
  read(week?: IsoWeek): Promise<MarketWeek>;
}
