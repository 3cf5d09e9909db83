import { formatChange, formatTokens, formatUsd } from './format.js';
import { priceChangePct } from './price.js';
import type { Signal } from './signals.types.js';
import type { Thresholds } from './thresholds.js';
import { OTHER, UNATTRIBUTED } from './types.js';
import type { CatalogModel, CountryTotal, MarketModel, WeeklyMarket } from './types.js';

// Change detection: what moved this week, each finding with the rule and thresholds that made it
// fire, most notable first (see `rankSignals`). Pure: the market and catalogs come in, signals go out.

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
          `${leader.country} passed ${trailer.country}: ${formatTokens(leader.tokens)} vs ${formatTokens(trailer.tokens)} tokens this week, ` +
          `after ${formatTokens(leader.previousTokens)} vs ${formatTokens(trailer.previousTokens)} last week (both blocs ≥ ${formatTokens(minTokens)} tokens)`,
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

// Both swings share one noise floor on THIS week's tokens: a model that collapses out of the chart
// is reported by `exit`, and a tiny model's −80% is noise whatever it weighed last week.
function swings(market: WeeklyMarket, { surgePct, slumpPct, minTokens }: Thresholds): Swing[] {
  const found: Swing[] = [];
  for (const m of withChange(market.models)) {
    if (m.tokens < minTokens) continue;
    const moved = `${formatChange(m.changePct)} (${formatTokens(m.previousTokens)} → ${formatTokens(m.tokens)})`;
    const swing = { model: m.id, tokens: m.tokens, previousTokens: m.previousTokens, changePct: m.changePct };
    if (m.changePct >= surgePct) {
      found.push({ kind: 'surge', ...swing, rule: `tokens up ≥ ${surgePct}% week over week at ≥ ${formatTokens(minTokens)} tokens this week: ${moved}`, threshold: { surgePct, minTokens } });
    } else if (m.changePct <= -slumpPct) {
      found.push({ kind: 'slump', ...swing, rule: `tokens down ≥ ${slumpPct}% week over week at ≥ ${formatTokens(minTokens)} tokens this week: ${moved}`, threshold: { slumpPct, minTokens } });
    }
  }
  return found;
}

/** A watched model's surges and slumps at the channel's percentages, however small the model. */
function watchedSwings(market: WeeklyMarket, { surgePct, slumpPct }: Thresholds, watched: ReadonlySet<string>): Swing[] {
  return withChange(market.models.filter((m) => watched.has(m.id))).flatMap((m): Swing[] => {
    const swing = { model: m.id, tokens: m.tokens, previousTokens: m.previousTokens, changePct: m.changePct };
    const moved = `${formatChange(m.changePct)} (${formatTokens(m.previousTokens)} → ${formatTokens(m.tokens)})`;
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
    return { ...base, changePct: null, rule: `${field} price went from free to ${formatUsd(to)} per 1M tokens (a free ↔ paid flip always counts)` };
  }
  // Prices are 6-decimal dollar amounts; rounding the percentage drops float noise that would make
  // a change of exactly the threshold (0.30 → 0.315 at 5%) miss it.
  const pct = Math.round((priceChangePct(from, to) ?? 0) * 1e6) / 1e6;
  if (to === 0) {
    return { ...base, changePct: pct, rule: `${field} price went from ${formatUsd(from)} to free per 1M tokens (a free ↔ paid flip always counts)` };
  }
  const moved = `${formatUsd(from)} → ${formatUsd(to)} per 1M tokens (${formatChange(pct)})`;
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
 * Every signal of the week, most notable first (see `rankSignals`).
 * Watched models add what only the relaxed watch thresholds catch; nothing fires twice.
 */
export function detectSignals(input: SignalInput): Signal[] {
  const { market, catalog, previousCatalog, thresholds } = input;
  const watched = new Set(input.watchlist ?? []);
  const prices = previousCatalog
    ? withWatched(
        priceChanges(catalog, previousCatalog, thresholds.priceChangePct),
        priceChanges(catalog.filter((m) => watched.has(m.id)), previousCatalog, 0, true),
        byPriceMove,
      )
    : [];
  const listings = previousCatalog ? newModels(catalog, previousCatalog) : [];
  return rankSignals([...(comparable(market) ? comparisons(market, thresholds, watched) : []), ...prices, ...listings], market);
}

/**
 * Whether this week can be held against the last. The first week of data has nothing to compare
 * with (every model would "enter the top 10"), and a previous week that is itself partial (data
 * starting mid-week) would make every model look like it surged. A partial week is suppressed rather than scaled to
 * per-day averages: the missing days are not a random sample (weekends are lighter, a launch or an
 * outage lands on some days), the as-of cut leaves the newest day short, and ranks settle only when
 * the week does, so any comparison would be restated on Monday. The brief already says the week is
 * incomplete; price moves and new listings come from catalog snapshots, not usage days, so they stay.
 */
function comparable(market: WeeklyMarket): boolean {
  return market.previousRanking.length > 0 && market.previousDaysPresent === 7 && market.coverage.complete;
}

/** The week-over-week signals: blocs, chart places and token swings. */
function comparisons(market: WeeklyMarket, thresholds: Thresholds, watched: ReadonlySet<string>): Signal[] {
  const entries = newEntries(market, thresholds);
  const leaving = exits(market, thresholds);
  // A watched model that crossed the chart's edge already has its entry or exit, which names both
  // places: a rank move as well would tell the same event twice.
  const crossed = new Set([...entries, ...leaving].map((s) => s.model));
  const watchedMoves = watchedRankMoves(market, watched).filter((s) => !crossed.has(s.model));
  const watchedSwing = watchedSwings(market, thresholds, watched);
  const swung = swings(market, thresholds);
  return [
    ...countryCrossovers(market, thresholds),
    ...overtakes(market),
    ...entries,
    ...withWatched(rankMoves(market, thresholds), watchedMoves, byMoveSize),
    ...withWatched(swung.filter((s) => s.kind === 'surge'), watchedSwing.filter((s) => s.kind === 'surge'), bySurge),
    ...withWatched(swung.filter((s) => s.kind === 'slump'), watchedSwing.filter((s) => s.kind === 'slump'), bySlump),
    ...leaving,
  ];
}

// Notability: what a Monday reader should hear first. Signals fall into tiers by what happened;
// inside a tier the bigger event leads. The tiers, most notable first:
// - crossover: two country blocs swapped places, the market's story of the week;
// - new leader: a new #1;
// - big price move: ≥ BIG_PRICE_PCT on a model of the top chart (the GLM-5 +217% input hike);
// - top entry: a model straight into the top TOP_ENTRY_RANK;
// - chart move: rank moves, surges and the other entries, weighed against each other in tokens
//   (tokens gained; a rank move by PLACE_WEIGHT), so a big model's move outranks a small one's;
// - then smaller price moves, slumps, exits and new listings.
const TIERS = ['crossover', 'new leader', 'big price move', 'top entry', 'chart move', 'price move', 'slump', 'exit', 'new model'] as const;
type Tier = (typeof TIERS)[number];

const BIG_PRICE_PCT = 50;
/** The chart a headline price move must be on: the brief's top-10 table. */
const TOP_CHART = 10;
const TOP_ENTRY_RANK = 5;
/**
 * Tokens one place of rank is worth, as a share of the model's weekly tokens. At one half, a
 * two-place move (the default threshold) weighs like a debut of the same size, so a 400B model
 * entering at #6 outranks a 190B model sliding from #7 to #9, and a climb from #8 to #3 at 800B
 * outranks the surge behind it.
 */
const PLACE_WEIGHT = 0.5;

interface Notability {
  tier: number;
  size: number;
}

/** Scores signals against the week's market, which knows the ranks and tokens a signal does not carry. */
function scorer(market: WeeklyMarket): (signal: Signal) => Notability {
  const now = new Map(market.models.map((m) => [m.id, m]));
  const before = new Map(market.previousRanking.map((entry) => [entry.id, entry.tokens]));
  const tokensOf = (id: string) => now.get(id)?.tokens ?? 0;
  const at = (tier: Tier, size: number): Notability => ({ tier: TIERS.indexOf(tier), size });
  return (signal) => {
    switch (signal.kind) {
      case 'country_crossover':
        return at('crossover', signal.leaderTokens);
      case 'overtake':
        return at('new leader', tokensOf(signal.model));
      case 'price_change': {
        // A flip from free has no percentage, and no move is bigger.
        const size = signal.changePct === null ? Infinity : Math.abs(signal.changePct);
        const charted = (now.get(signal.model)?.rank ?? Infinity) <= TOP_CHART;
        return at(charted && size >= BIG_PRICE_PCT ? 'big price move' : 'price move', size);
      }
      case 'new_entry': {
        if (signal.rank <= TOP_ENTRY_RANK) return at('top entry', tokensOf(signal.model));
        return at('chart move', tokensOf(signal.model) - (now.get(signal.model)?.previousTokens ?? 0));
      }
      case 'rank_move':
        return at('chart move', tokensOf(signal.model) * Math.abs(signal.from - signal.to) * PLACE_WEIGHT);
      case 'surge':
        return at('chart move', signal.tokens - signal.previousTokens);
      case 'slump':
        return at('slump', signal.previousTokens - signal.tokens);
      case 'exit':
        return at('exit', before.get(signal.model) ?? 0);
      case 'new_model':
        return at('new model', 0);
    }
  };
}

/**
 * Signals most notable first: by tier (see TIERS), then by size inside the tier. The sort is stable,
 * so equals keep their given order (detection lists each kind biggest first, ties by id).
 */
export function rankSignals(signals: readonly Signal[], market: WeeklyMarket): Signal[] {
  const score = scorer(market);
  return signals
    .map((signal) => ({ signal, ...score(signal) }))
    .sort((a, b) => a.tier - b.tier || (a.size > b.size ? -1 : a.size < b.size ? 1 : 0))
    .map(({ signal }) => signal);
}

/** The signal a brief leads with: the most notable by `rankSignals`; null for a quiet week. */
export function pickHeadline(signals: readonly Signal[], market: WeeklyMarket): Signal | null {
  return rankSignals(signals, market)[0] ?? null;
}
