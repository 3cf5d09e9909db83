import { priceChangePct } from './price.js';
import type { Signal, SignalKind } from './signals.types.js';
import type { Thresholds } from './thresholds.js';
import { OTHER, UNATTRIBUTED } from './types.js';
import type { CatalogModel, CountryTotal, MarketModel, WeeklyMarket } from './types.js';

// Change detection: what moved this week, each finding with the rule and thresholds that made it
// fire, most notable first. Pure: the market and catalogs come in, signals go out.

export interface SignalInput {
  market: WeeklyMarket;
  catalog: readonly CatalogModel[];
  /** The catalog at the end of last week; null when no older snapshot exists (no price or listing diff). */
  previousCatalog: readonly CatalogModel[] | null;
  thresholds: Thresholds;
  /**
   * Identity keys (model ids, or permaslugs of unjoined models) a channel watches: their rank moves,
   * swings and price moves fire under relaxed thresholds, each rule saying the model is watched.
   */
  watchlist?: readonly string[];
}

/** Most notable first: a brief leads with the first signal of the first kind present. */
const NOTABILITY: readonly SignalKind[] = [
  'country_crossover',
  'overtake',
  'new_entry',
  'rank_move',
  'surge',
  'slump',
  'price_change',
  'exit',
  'new_model',
];

function tokens(n: number): string {
  for (const [size, unit] of [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']] as const) {
    if (Math.abs(n) >= size) return `${Number((n / size).toPrecision(3))}${unit}`;
  }
  return String(n);
}

function usd(n: number): string {
  const [whole, fraction = ''] = String(Number(n.toFixed(6))).split('.');
  return `$${whole}.${fraction.padEnd(2, '0')}`;
}

function percent(n: number): string {
  return `${n > 0 ? '+' : ''}${n.toFixed(1)}%`;
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRealCountry(total: CountryTotal): boolean {
  return total.country !== UNATTRIBUTED && total.country !== OTHER;
}

function countryCrossovers(market: WeeklyMarket, { minTokens }: Thresholds): Signal[] {
  const blocs = market.countries.filter((total) => isRealCountry(total) && total.tokens >= minTokens);
  const found: Extract<Signal, { kind: 'country_crossover' }>[] = [];
  for (const leader of blocs) {
    for (const trailer of blocs) {
      // A trailer with nothing last week was not passed: both blocs simply appeared.
      const flipped = leader.tokens > trailer.tokens && trailer.previousTokens >= leader.previousTokens && trailer.previousTokens > 0;
      if (!flipped) continue;
      found.push({
        kind: 'country_crossover',
        leader: leader.country,
        trailer: trailer.country,
        leaderTokens: leader.tokens,
        trailerTokens: trailer.tokens,
        rule:
          `${leader.country} passed ${trailer.country}: ${tokens(leader.tokens)} vs ${tokens(trailer.tokens)} tokens this week, ` +
          `after ${tokens(leader.previousTokens)} vs ${tokens(trailer.previousTokens)} last week (both blocs ≥ ${tokens(minTokens)} tokens)`,
        threshold: { minTokens },
      });
    }
  }
  return found.sort((a, b) => b.leaderTokens - a.leaderTokens || b.trailerTokens - a.trailerTokens);
}

function overtakes(market: WeeklyMarket): Signal[] {
  const top = market.models[0];
  const lastTop = market.previousRanking[0];
  if (!top || !lastTop || top.id === lastTop.id) return [];
  const from = top.previousRank === null ? 'unranked' : `#${top.previousRank}`;
  return [
    {
      kind: 'overtake',
      model: top.id,
      passed: lastTop.id,
      rule: `new #1 of the weekly chart (${from} last week), replacing last week's #1`,
      threshold: {},
    },
  ];
}

function newEntries(market: WeeklyMarket, { topN }: Thresholds): Extract<Signal, { kind: 'new_entry' }>[] {
  return market.models
    .filter((m) => m.rank <= topN && (m.previousRank === null || m.previousRank > topN))
    .map((m) => ({
      kind: 'new_entry',
      model: m.id,
      rank: m.rank,
      rule: `entered the top ${topN} at #${m.rank} (${m.previousRank === null ? 'not ranked' : `#${m.previousRank}`} last week)`,
      threshold: { topN },
    }));
}

type RankMove = Extract<Signal, { kind: 'rank_move' }>;

const upOrDown = (m: { from: number; to: number }) => `${Math.abs(m.from - m.to)} ${m.to < m.from ? 'up' : 'down'}`;
const byMoveSize = (a: RankMove, b: RankMove) => Math.abs(b.from - b.to) - Math.abs(a.from - a.to) || a.to - b.to;

function rankMoves(market: WeeklyMarket, { topN, rankMovePlaces }: Thresholds): RankMove[] {
  const moves: RankMove[] = [];
  for (const m of market.models) {
    // Both places inside the chart: a jump in from outside is already a `new_entry`, and two signals
    // for one event would read as a repeat in the brief.
    if (m.rank > topN || m.previousRank === null || m.previousRank > topN) continue;
    const move = { from: m.previousRank, to: m.rank };
    if (Math.abs(move.from - move.to) < rankMovePlaces) continue;
    moves.push({
      kind: 'rank_move',
      model: m.id,
      ...move,
      rule: `top-${topN} rank moved by ≥ ${rankMovePlaces} places: #${move.from} → #${move.to} (${upOrDown(move)})`,
      threshold: { rankMovePlaces, topN },
    });
  }
  return moves.sort(byMoveSize);
}

/** A watched model's every change of place, anywhere in the ranking. */
function watchedRankMoves(market: WeeklyMarket, watched: ReadonlySet<string>): RankMove[] {
  const moves: RankMove[] = [];
  for (const m of market.models) {
    if (!watched.has(m.id) || m.previousRank === null || m.previousRank === m.rank) continue;
    const move = { from: m.previousRank, to: m.rank };
    moves.push({
      kind: 'rank_move',
      model: m.id,
      ...move,
      rule: `watched model: rank moved #${move.from} → #${move.to} (${upOrDown(move)})`,
      threshold: { rankMovePlaces: 1 },
    });
  }
  return moves.sort(byMoveSize);
}

type Swing = Extract<Signal, { kind: 'surge' | 'slump' }>;

const bySurge = (a: Swing, b: Swing) => b.changePct - a.changePct || byKey(a.model, b.model);
const bySlump = (a: Swing, b: Swing) => a.changePct - b.changePct || byKey(a.model, b.model);

type Changed = MarketModel & { changePct: number; previousTokens: number };

/** Models with a growth rate: one with no tokens last week shows up as a new entry instead. */
function withChange(models: readonly MarketModel[]): Changed[] {
  return models.filter((m): m is Changed => m.changePct !== null && m.previousTokens !== null);
}

function surges(market: WeeklyMarket, { surgePct, minTokens }: Thresholds): Swing[] {
  return withChange(market.models)
    .filter((m) => m.changePct >= surgePct && m.tokens >= minTokens)
    .map((m): Swing => ({
      kind: 'surge',
      model: m.id,
      tokens: m.tokens,
      previousTokens: m.previousTokens,
      changePct: m.changePct,
      rule: `tokens up ≥ ${surgePct}% week over week at ≥ ${tokens(minTokens)} tokens: ${percent(m.changePct)} (${tokens(m.previousTokens)} → ${tokens(m.tokens)})`,
      threshold: { surgePct, minTokens },
    }))
    .sort(bySurge);
}

function slumps(market: WeeklyMarket, { slumpPct, minTokens }: Thresholds): Swing[] {
  return (
    withChange(market.models)
      // The floor keeps tiny models' noise out. A slump is judged on the bigger week because the
      // collapse itself pushes this week under the floor: 1T → 50B is the story, not noise.
      .filter((m) => m.changePct <= -slumpPct && Math.max(m.tokens, m.previousTokens) >= minTokens)
      .map((m): Swing => ({
        kind: 'slump',
        model: m.id,
        tokens: m.tokens,
        previousTokens: m.previousTokens,
        changePct: m.changePct,
        rule: `tokens down ≥ ${slumpPct}% week over week at ≥ ${tokens(minTokens)} tokens in either week: ${percent(m.changePct)} (${tokens(m.previousTokens)} → ${tokens(m.tokens)})`,
        threshold: { slumpPct, minTokens },
      }))
      .sort(bySlump)
  );
}

/** A watched model's surges and slumps at the channel's percentages, however small the model. */
function watchedSwings(market: WeeklyMarket, { surgePct, slumpPct }: Thresholds, watched: ReadonlySet<string>): Swing[] {
  return withChange(market.models.filter((m) => watched.has(m.id))).flatMap((m): Swing[] => {
    const swing = { model: m.id, tokens: m.tokens, previousTokens: m.previousTokens, changePct: m.changePct };
    const moved = `${percent(m.changePct)} (${tokens(m.previousTokens)} → ${tokens(m.tokens)})`;
    if (m.changePct >= surgePct) {
      return [{ kind: 'surge', ...swing, rule: `watched model: tokens up ≥ ${surgePct}% week over week, no token floor: ${moved}`, threshold: { surgePct, minTokens: 0 } }];
    }
    if (m.changePct <= -slumpPct) {
      return [{ kind: 'slump', ...swing, rule: `watched model: tokens down ≥ ${slumpPct}% week over week, no token floor: ${moved}`, threshold: { slumpPct, minTokens: 0 } }];
    }
    return [];
  });
}

type PriceChange = Extract<Signal, { kind: 'price_change' }>;

const byPriceMove = (a: PriceChange, b: PriceChange) => {
  const size = (s: PriceChange) => (s.changePct === null ? Infinity : Math.abs(s.changePct));
  return size(b) - size(a) || byKey(a.model, b.model) || byKey(a.field, b.field);
};

/** `watched`: the model is on the channel's watchlist, so any move counts (`threshold` is 0). */
function priceChange(model: string, field: 'input' | 'output', from: number, to: number, threshold: number, watched: boolean): PriceChange | null {
  if (from === to) return null;
  const base = { kind: 'price_change', model, field, from, to, threshold: { priceChangePct: threshold } } as const;
  if (from === 0) {
    return { ...base, changePct: null, rule: `${field} price went from free to ${usd(to)} per 1M tokens (a free ↔ paid flip always counts)` };
  }
  // Prices are 6-decimal dollar amounts; rounding the percentage drops float noise that would make
  // a change of exactly the threshold (0.30 → 0.315 at 5%) miss it.
  const pct = Math.round((priceChangePct(from, to) ?? 0) * 1e6) / 1e6;
  if (to === 0) {
    return { ...base, changePct: pct, rule: `${field} price went from ${usd(from)} to free per 1M tokens (a free ↔ paid flip always counts)` };
  }
  const moved = `${usd(from)} → ${usd(to)} per 1M tokens (${percent(pct)})`;
  if (watched) return { ...base, changePct: pct, rule: `watched model: ${field} price moved: ${moved}` };
  if (Math.abs(pct) < threshold) return null;
  return { ...base, changePct: pct, rule: `${field} price moved by ≥ ${threshold}%: ${moved}` };
}

function priceChanges(catalog: readonly CatalogModel[], previousCatalog: readonly CatalogModel[], threshold: number, watched = false): PriceChange[] {
  const before = new Map(previousCatalog.map((model) => [model.id, model.price]));
  const found: PriceChange[] = [];
  for (const model of catalog) {
    const old = before.get(model.id);
    if (!old) continue;
    for (const field of ['input', 'output'] as const) {
      const from = old[field];
      const to = model.price[field];
      // null is "not listed" or the router's dynamic -1: never a price that moved.
      if (from === null || to === null) continue;
      const change = priceChange(model.id, field, from, to, threshold, watched);
      if (change) found.push(change);
    }
  }
  return found.sort(byPriceMove);
}

function exits(market: WeeklyMarket, { topN }: Thresholds): Extract<Signal, { kind: 'exit' }>[] {
  const rankNow = new Map(market.models.map((m) => [m.id, m.rank]));
  return market.previousRanking
    .filter((entry) => entry.rank <= topN && (rankNow.get(entry.id) ?? Infinity) > topN)
    .map((entry) => {
      const now = rankNow.get(entry.id);
      return {
        kind: 'exit',
        model: entry.id,
        previousRank: entry.rank,
        rule: `left the top ${topN}: #${entry.rank} last week, ${now === undefined ? 'not ranked' : `#${now}`} this week`,
        threshold: { topN },
      };
    });
}

function newModels(catalog: readonly CatalogModel[], previousCatalog: readonly CatalogModel[]): Signal[] {
  const known = new Set(previousCatalog.map((model) => model.id));
  return catalog
    .filter((model) => !known.has(model.id))
    .sort((a, b) => byKey(a.id, b.id))
    .map((model) => ({
      kind: 'new_model',
      model: model.id,
      price: { input: model.price.input, output: model.price.output },
      rule: 'listed on OpenRouter since the previous catalog snapshot',
      threshold: {},
    }));
}

/** One finding's identity: the same kind about the same model (and price field) is one signal. */
function findingKey(signal: Signal): string {
  return [signal.kind, 'model' in signal ? signal.model : '', signal.kind === 'price_change' ? signal.field : ''].join(' ');
}

/** The channel's signals of one kind plus the watched models' extra ones, in the kind's order. */
function withWatched<S extends Signal>(found: readonly S[], watched: readonly S[], order: (a: S, b: S) => number): S[] {
  const known = new Set(found.map(findingKey));
  return [...found, ...watched.filter((s) => !known.has(findingKey(s)))].sort(order);
}

/**
 * Every signal of the week, most notable first (see NOTABILITY; within a kind, the biggest move first).
 * Watched models add what only the relaxed watch thresholds catch; nothing fires twice.
 */
export function detectSignals(input: SignalInput): Signal[] {
  const { market, catalog, previousCatalog, thresholds } = input;
  const watched = new Set(input.watchlist ?? []);
  const entries = newEntries(market, thresholds);
  const leaving = exits(market, thresholds);
  // A watched model that crossed the chart's edge already has its entry or exit, which names both
  // places: a rank move as well would tell the same event twice.
  const crossed = new Set([...entries, ...leaving].map((s) => s.model));
  const watchedMoves = watchedRankMoves(market, watched).filter((s) => !crossed.has(s.model));
  const swings = watchedSwings(market, thresholds, watched);
  const prices = previousCatalog
    ? withWatched(
        priceChanges(catalog, previousCatalog, thresholds.priceChangePct),
        priceChanges(catalog.filter((m) => watched.has(m.id)), previousCatalog, 0, true),
        byPriceMove,
      )
    : [];
  return [
    ...countryCrossovers(market, thresholds),
    ...overtakes(market),
    ...entries,
    ...withWatched(rankMoves(market, thresholds), watchedMoves, byMoveSize),
    ...withWatched(surges(market, thresholds), swings.filter((s) => s.kind === 'surge'), bySurge),
    ...withWatched(slumps(market, thresholds), swings.filter((s) => s.kind === 'slump'), bySlump),
    ...prices,
    ...leaving,
    ...(previousCatalog ? newModels(catalog, previousCatalog) : []),
  ];
}

/** The most notable signal: the first of the most notable kind present. */
export function pickHeadline(signals: readonly Signal[]): Signal | null {
  let best: Signal | null = null;
  for (const signal of signals) {
    if (best === null || NOTABILITY.indexOf(signal.kind) < NOTABILITY.indexOf(best.kind)) best = signal;
  }
  return best;
}
