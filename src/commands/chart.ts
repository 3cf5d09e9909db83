import { DEFAULT_CHART_WEEKS } from '../core/charts.js';
import type { ChartImage, ChartReader, ChartRenderer } from '../core/ports/charts.js';
import type { Logger } from '../core/ports/logger.js';
import type { IsoWeek } from '../core/types.js';

export interface BriefChartDeps {
  charts: ChartReader;
  /** Draws the chart (the PNG renderer in the running bot). */
  render: ChartRenderer;
  logger: Logger;
}

/** The brief's share chart of `week`, drawn; rejects when reading or drawing it fails. */
export async function drawBriefChart(deps: Omit<BriefChartDeps, 'logger'>, week: IsoWeek): Promise<ChartImage> {
  return deps.render(await deps.charts.read({ kind: 'share', week, weeks: DEFAULT_CHART_WEEKS }));
}

/**
 * The brief's share chart, drawn; null when reading or drawing it failed, which is logged. A chart
 * never holds a brief back: the brief goes out without it.
 */
export async function briefChart(deps: BriefChartDeps, week: IsoWeek): Promise<ChartImage | null> {
  try {
    return await drawBriefChart(deps, week);
  } catch (error) {
    deps.logger.error({ err: error, week }, 'brief chart failed; the brief goes out without it');
    return null;
  }
}
