import type { ChartData, ChartKind } from '../charts.js';
import type { IsoWeek } from '../types.js';

export interface ChartQuery {
  kind: ChartKind;
  /** The chart's (last) week; the newest complete one when absent. */
  week?: IsoWeek | undefined;
  /** Weeks the share chart spans, ending with `week`. */
  weeks: number;
}

/**
 * Where a chart's data comes from. An implementation reads the stores (`jobs/chart.ts`); rejects
 * with NoDataError, as a week's read does, when the chart's week has no data.
 */
export interface ChartReader {
  read(query: ChartQuery): Promise<ChartData>;
}

/** A chart drawn: the PNG and the words that go with it on every platform. */
export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
  title: string;
  /** One sentence with the chart's key numbers: Slack's `alt_text`, Discord's attachment description. */
  alt: string;
  fileName: string;
  week: IsoWeek;
  kind: ChartKind;
}

/** Draws one chart (`adapters/chart` in the running bot and the CLI; tests pass failing ones). */
export type ChartRenderer = (data: ChartData) => Promise<ChartImage>;
