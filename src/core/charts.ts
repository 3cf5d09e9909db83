import { OTHER, UNATTRIBUTED, type Country, type IsoWeek, type WeeklyMarket } from './types.js';

// The data behind the two charts, cut from weekly markets. Rendering (Vega-Lite spec, words, pixels)
// happens elsewhere; here are only the numbers a chart and its alt text show.

export type ChartKind = 'share' | 'top';
export const CHART_KINDS: readonly ChartKind[] = ['share', 'top'];

/** The share chart's default span: a quarter of weekly bars reads at a glance. */
export const DEFAULT_CHART_WEEKS = 12;
export const MIN_CHART_WEEKS = 2;
export const MAX_CHART_WEEKS = 52;
/** Bars in the top chart. */
export const TOP_CHART_MODELS = 10;

/** Whether `weeks` can be a share chart's span: the same rule for every way of asking. */
export function isChartWeeks(weeks: unknown): weeks is number {
  return typeof weeks === 'number' && Number.isInteger(weeks) && weeks >= MIN_CHART_WEEKS && weeks <= MAX_CHART_WEEKS;
}

/**
 * The blocs a chart shows: the two the story is about, every other country together, models no
 * country is attributed to, and OpenRouter's long-tail row.
 */
export type Bloc = 'CN' | 'US' | 'rest' | typeof UNATTRIBUTED | typeof OTHER;
export const BLOCS: readonly Bloc[] = ['CN', 'US', 'rest', UNATTRIBUTED, OTHER];

export function blocOf(country: Country): Bloc {
  return country === 'CN' || country === 'US' || country === UNATTRIBUTED || country === OTHER ? country : 'rest';
}

export interface ShareWeek {
  week: IsoWeek;
  /** Every bloc, in `BLOCS` order; shares of the week's tokens (0..1). */
  blocs: Array<{ bloc: Bloc; tokens: number; share: number }>;
}

/** The week CN and US swapped places (the later one when they swapped more than once). */
export interface Crossover {
  week: IsoWeek;
  leader: 'CN' | 'US';
  trailer: 'CN' | 'US';
}

export interface ShareSeries {
  kind: 'share';
  /** The week the chart ends with. */
  week: IsoWeek;
  asOf: string | null;
  weeks: ShareWeek[];
  crossover: Crossover | null;
}

export interface TopBar {
  rank: number;
  name: string;
  country: Country;
  bloc: Bloc;
  tokens: number;
  changePct: number | null;
}

export interface TopSeries {
  kind: 'top';
  week: IsoWeek;
  asOf: string | null;
  bars: TopBar[];
  /** The week's CN and US shares, for the alt text. */
  cnShare: number;
  usShare: number;
}

export type ChartData = ShareSeries | TopSeries;

function shareWeek(market: WeeklyMarket): ShareWeek {
  const tokens = new Map<Bloc, number>(BLOCS.map((bloc) => [bloc, 0]));
  for (const total of market.countries) tokens.set(blocOf(total.country), (tokens.get(blocOf(total.country)) ?? 0) + total.tokens);
  return {
    week: market.week,
    blocs: BLOCS.map((bloc) => {
      const sum = tokens.get(bloc) ?? 0;
      return { bloc, tokens: sum, share: market.totalTokens > 0 ? sum / market.totalTokens : 0 };
    }),
  };
}

const tokensOf = (week: ShareWeek, bloc: Bloc): number => week.blocs.find((b) => b.bloc === bloc)?.tokens ?? 0;

function lastCrossover(weeks: readonly ShareWeek[]): Crossover | null {
  for (let i = weeks.length - 1; i > 0; i--) {
    const [before, now] = [weeks[i - 1], weeks[i]];
    if (!before || !now) continue;
    const lead = Math.sign(tokensOf(now, 'CN') - tokensOf(now, 'US'));
    const leadBefore = Math.sign(tokensOf(before, 'CN') - tokensOf(before, 'US'));
    // A tie is no lead; only a bloc that was level or behind and is now ahead passed the other.
    if (lead !== 0 && leadBefore !== lead) {
      return lead > 0 ? { week: now.week, leader: 'CN', trailer: 'US' } : { week: now.week, leader: 'US', trailer: 'CN' };
    }
  }
  return null;
}

/** The share chart's series: `markets` oldest first, the last one being the chart's week. Weeks without data are left out. */
export function shareSeries(markets: readonly WeeklyMarket[]): ShareSeries {
  const last = markets[markets.length - 1];
  if (!last) throw new Error('shareSeries needs at least one week');
  const weeks = markets.filter((m) => m.totalTokens > 0).map(shareWeek);
  return { kind: 'share', week: last.week, asOf: last.asOf, weeks, crossover: lastCrossover(weeks) };
}

export function topSeries(market: WeeklyMarket, n = TOP_CHART_MODELS): TopSeries {
  const share = (country: Country) => market.countries.find((c) => c.country === country)?.share ?? 0;
  return {
    kind: 'top',
    week: market.week,
    asOf: market.asOf,
    bars: market.models.slice(0, n).map((m) => ({
      rank: m.rank,
      name: m.name,
      country: m.country,
      bloc: blocOf(m.country),
      tokens: m.tokens,
      changePct: m.changePct,
    })),
    cnShare: share('CN'),
    usShare: share('US'),
  };
}
