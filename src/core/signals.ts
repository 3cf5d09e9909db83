import { priceChangePct } from './price.js';
import type { Signal, SignalKind } from './signals.types.js';
import type { Thresholds } from './thresholds.js';
import { OTHER, UNATTRIBUTED } from './types.js';
import type { CatalogModel, CountryTotal, WeeklyMarket } from './types.js';

// Change detection: what moved this week, each finding with the rule and thresholds that made it
// fire, most notable first. Pure: the market and catalogs come in, signals go out.

export interface SignalInput {
  market: WeeklyMarket;
  catalog: readonly CatalogModel[];
  /** The catalog at the end of last week; null when no older snapshot exists (no price or listing diff). */
  previousCatalog: readonly CatalogModel[] | null;
  thresholds: Thresholds;
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

function newEntries(market: WeeklyMarket, { topN }: Thresholds): Signal[] {
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

function rankMoves(market: WeeklyMarket, { topN, rankMovePlaces }: Thresholds): Signal[] {
  const moves: Extract<Signal, { kind: 'rank_move' }>[] = [];
  for (const m of market.models) {
    // Both places inside the chart: a jump in from outside is already a `new_entry`, and two signals
    // for one event would read as a repeat in the brief.
    if (m.rank > topN || m.previousRank === null || m.previousRank > topN) continue;
    const places = Math.abs(m.previousRank - m.rank);
    if (places < rankMovePlaces) continue;
    moves.push({
      kind: 'rank_move',
      model: m.id,
      from: m.previousRank,
      to: m.rank,
      rule: `top-${topN} rank moved by ≥ ${rankMovePlaces} places: #${m.previousRank} → #${m.rank} (${places} ${m.rank < m.previousRank ? 'up' : 'down'})`,
      threshold: { rankMovePlaces, topN },
    });
  }
  return moves.sort((a, b) => Math.abs(b.from - b.to) - Math.abs(a.from - a.to) || a.to - b.to);
}

type Swing = Extract<Signal, { kind: 'surge' | 'slump' }>;

function surges(market: WeeklyMarket, { surgePct, minTokens }: Thresholds): Signal[] {
  const found: Swing[] = [];
  for (const m of market.models) {
    // A model with no tokens last week has no growth rate: it shows up as a new entry instead.
    if (m.changePct === null || m.previousTokens === null) continue;
    if (m.changePct < surgePct || m.tokens < minTokens) continue;
    found.push({
      kind: 'surge',
      model: m.id,
      tokens: m.tokens,
      previousTokens: m.previousTokens,
      changePct: m.changePct,
      rule: `tokens up ≥ ${surgePct}% week over week at ≥ ${tokens(minTokens)} tokens: ${percent(m.changePct)} (${tokens(m.previousTokens)} → ${tokens(m.tokens)})`,
      threshold: { surgePct, minTokens },
    });
  }
  return found.sort((a, b) => b.changePct - a.changePct || byKey(a.model, b.model));
}

function slumps(market: WeeklyMarket, { slumpPct, minTokens }: Thresholds): Signal[] {
  const found: Swing[] = [];
  for (const m of market.models) {
    if (m.changePct === null || m.previousTokens === null) continue;
    // The floor keeps tiny models' noise out. A slump is judged on the bigger week because the
    // collapse itself pushes this week under the floor: 1T → 50B is the story, not noise.
    if (m.changePct > -slumpPct || Math.max(m.tokens, m.previousTokens) < minTokens) continue;
    found.push({
      kind: 'slump',
      model: m.id,
      tokens: m.tokens,
      previousTokens: m.previousTokens,
      changePct: m.changePct,
      rule: `tokens down ≥ ${slumpPct}% week over week at ≥ ${tokens(minTokens)} tokens in either week: ${percent(m.changePct)} (${tokens(m.previousTokens)} → ${tokens(m.tokens)})`,
      threshold: { slumpPct, minTokens },
    });
  }
  return found.sort((a, b) => a.changePct - b.changePct || byKey(a.model, b.model));
}

type PriceChange = Extract<Signal, { kind: 'price_change' }>;

function priceChange(model: string, field: 'input' | 'output', from: number, to: number, threshold: number): PriceChange | null {
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
  if (Math.abs(pct) < threshold) return null;
  return { ...base, changePct: pct, rule: `${field} price moved by ≥ ${threshold}%: ${usd(from)} → ${usd(to)} per 1M tokens (${percent(pct)})` };
}

function priceChanges(catalog: readonly CatalogModel[], previousCatalog: readonly CatalogModel[], threshold: number): Signal[] {
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
      const change = priceChange(model.id, field, from, to, threshold);
      if (change) found.push(change);
    }
  }
  const size = (s: PriceChange) => (s.changePct === null ? Infinity : Math.abs(s.changePct));
  return found.sort((a, b) => size(b) - size(a) || byKey(a.model, b.model) || byKey(a.field, b.field));
}

function exits(market: WeeklyMarket, { topN }: Thresholds): Signal[] {
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

/** Every signal of the week, most notable first (see NOTABILITY; within a kind, the biggest move first). */
export function detectSignals(input: SignalInput): Signal[] {
  const { market, catalog, previousCatalog, thresholds } = input;
  return [
    ...countryCrossovers(market, thresholds),
    ...overtakes(market),
    ...newEntries(market, thresholds),
    ...rankMoves(market, thresholds),
    ...surges(market, thresholds),
    ...slumps(market, thresholds),
    ...(previousCatalog ? priceChanges(catalog, previousCatalog, thresholds.priceChangePct) : []),
    ...exits(market, thresholds),
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
