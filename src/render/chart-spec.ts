import type { TopLevelSpec } from 'vega-lite';
import { BLOCS, type Bloc, type ChartData, type ShareSeries, type TopSeries } from '../core/charts.js';
import { shortName } from '../core/identity.js';
import { OTHER, UNATTRIBUTED, type IsoWeek } from '../core/types.js';
import { cleanText, NAME_MAX } from './escape.js';
import { formatCountryCode } from './format.js';
import { renderChartText } from './templates.js';

// A chart as a Vega-Lite spec plus the words around it (title, alt text, file name). Pure: the
// adapter in adapters/chart turns the spec into pixels. Model names go in as data values, which
// Vega draws as text (its SVG writer escapes them), never as markup or expressions.

/** The PNG's size: 16:9, sharp in Slack's and Discord's previews. */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 675;
/** The font the adapter loads; nothing else is drawn with, so the image is the same on every machine. */
export const CHART_FONT = 'Inter';

/** Bloc colours: CN and US far apart in hue, the rest muted so the story's two blocs stand out. */
export const BLOC_COLORS: Readonly<Record<Bloc, string>> = {
  CN: '#d62828',
  US: '#1d4ed8',
  rest: '#f59e0b',
  [UNATTRIBUTED]: '#6b7280',
  [OTHER]: '#cbd5e1',
};

const BLOC_LABELS: Readonly<Record<Bloc, string>> = {
  CN: 'CN',
  US: 'US',
  rest: 'Other countries',
  [UNATTRIBUTED]: 'Unattributed',
  [OTHER]: 'Long tail',
};

const BLOC_LABELS_IN_ORDER = BLOCS.map((bloc) => BLOC_LABELS[bloc]);

export interface ChartView {
  kind: ChartData['kind'];
  week: IsoWeek;
  spec: TopLevelSpec;
  title: string;
  /** One sentence with the key numbers: Slack's `alt_text`, Discord's attachment description. */
  alt: string;
  fileName: string;
  width: number;
  height: number;
}

const CONFIG = {
  font: CHART_FONT,
  background: '#ffffff',
  padding: 24,
  view: { stroke: null },
  title: { fontSize: 26, subtitleFontSize: 15, subtitleColor: '#4b5563', anchor: 'start', offset: 16, subtitlePadding: 6 },
  axis: { labelFontSize: 15, titleFontSize: 15, labelColor: '#111827', titleColor: '#374151', domainColor: '#9ca3af', tickColor: '#9ca3af' },
  legend: { labelFontSize: 15, titleFontSize: 15, labelLimit: 300, columnPadding: 24, orient: 'top', direction: 'horizontal', title: null, symbolType: 'square', symbolSize: 200 },
} as const;

function base(title: string, asOf: string | null) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    // The whole image, padding and legend included, is exactly width × height.
    autosize: { type: 'fit', contains: 'padding' },
    config: CONFIG,
    title: { text: title, subtitle: renderChartText('source', { asOf: asOf ?? 'unknown' }) },
  } as const;
}

const colorScale = (blocs: readonly Bloc[]) => ({
  domain: blocs.map((bloc) => BLOC_LABELS[bloc]),
  range: blocs.map((bloc) => BLOC_COLORS[bloc]),
});

function shareView(series: ShareSeries): ChartView {
  const first = series.weeks[0]?.week ?? series.week;
  const title = renderChartText('share-title', { first, week: series.week });
  const last = series.weeks[series.weeks.length - 1];
  const shareOf = (bloc: Bloc) => last?.blocs.find((b) => b.bloc === bloc)?.share ?? 0;
  const alt = renderChartText('share-alt', { first, week: series.week, cn: shareOf('CN'), us: shareOf('US'), crossover: series.crossover });
  const values = series.weeks.flatMap((w) =>
    w.blocs.map((b) => ({ week: w.week, bloc: BLOC_LABELS[b.bloc], order: BLOCS.indexOf(b.bloc), share: b.share })),
  );
  const x = { field: 'week', type: 'ordinal', title: null, axis: { labelAngle: 0, labelExpr: "replace(datum.label, /^\\d{4}-/, '')" } } as const;
  const marks: unknown[] = [
    {
      mark: { type: 'bar', width: { band: 0.8 } },
      encoding: {
        x,
        y: { field: 'share', type: 'quantitative', stack: 'zero', title: null, scale: { domain: [0, 1.1] }, axis: { format: '.0%', values: [0, 0.25, 0.5, 0.75, 1] } },
        color: { field: 'bloc', type: 'nominal', scale: colorScale(BLOCS), sort: BLOC_LABELS_IN_ORDER },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  ];
  if (series.crossover) {
    const label = renderChartText('crossover', series.crossover);
    marks.push(
      {
        data: { values: [{ week: series.crossover.week, top: 1, label }] },
        mark: { type: 'bar', width: { band: 0.92 }, fill: null, stroke: '#111827', strokeWidth: 3 },
        encoding: { x, y: { datum: 0, type: 'quantitative' }, y2: { datum: 1 } },
      },
      {
        data: { values: [{ week: series.crossover.week, y: 1.05, label }] },
        mark: { type: 'text', fontSize: 15, fontWeight: 'bold', color: '#111827' },
        encoding: { x, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  return {
    kind: 'share',
    week: series.week,
    spec: { ...base(title, series.asOf), data: { values }, layer: marks } as TopLevelSpec,
    title,
    alt,
    fileName: `tokenbrief-share-${series.week}.png`,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  };
}

function topView(series: TopSeries): ChartView {
  const title = renderChartText('top-title', { count: series.bars.length, week: series.week });
  const leader = series.bars[0];
  const alt = renderChartText('top-alt', {
    count: series.bars.length,
    week: series.week,
    leader: leader && { name: cleanText(shortName(leader.name), NAME_MAX), country: formatCountryCode(leader.country), tokens: leader.tokens, changePct: leader.changePct, isNew: leader.changePct === null },
    cn: series.cnShare,
    us: series.usShare,
  });
  const values = series.bars.map((bar) => ({
    rank: bar.rank,
    // The rank keeps two models of the same display name on separate bars.
    model: `#${bar.rank}  ${cleanText(shortName(bar.name), NAME_MAX)}`,
    bloc: BLOC_LABELS[bar.bloc],
    tokens: bar.tokens,
    label: renderChartText('bar-label', { tokens: bar.tokens, changePct: bar.changePct }),
  }));
  const max = Math.max(1, ...series.bars.map((bar) => bar.tokens));
  const blocs = BLOCS.filter((bloc) => series.bars.some((bar) => bar.bloc === bloc));
  const y = { field: 'model', type: 'nominal', title: null, sort: { field: 'rank', op: 'min', order: 'ascending' }, axis: { labelLimit: 420, ticks: false } } as const;
  // Room right of the longest bar for its label; no x axis, the labels carry the numbers.
  const x = { field: 'tokens', type: 'quantitative', axis: null, scale: { domain: [0, max * 1.22] } } as const;
  return {
    kind: 'top',
    week: series.week,
    spec: {
      ...base(title, series.asOf),
      data: { values },
      encoding: { y, x },
      layer: [
        { mark: { type: 'bar', height: { band: 0.75 } }, encoding: { color: { field: 'bloc', type: 'nominal', scale: colorScale(blocs) } } },
        { mark: { type: 'text', align: 'left', dx: 8, fontSize: 15, color: '#111827' }, encoding: { text: { field: 'label' } } },
      ],
    } as TopLevelSpec,
    title,
    alt,
    fileName: `tokenbrief-top-${series.week}.png`,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  };
}

export function chartView(data: ChartData): ChartView {
  return data.kind === 'share' ? shareView(data) : topView(data);
}
