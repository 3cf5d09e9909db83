import { describe, expect, it } from 'vitest';
import { DEFAULT_COUNTRY_MAP } from '../../src/core/identity.js';
import { buildWeeklyMarket } from '../../src/core/market.js';
import { detectSignals, pickHeadline, rankSignals } from '../../src/core/signals.js';
import type { Signal, SignalKind } from '../../src/core/signals.types.js';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds.js';
import type { Thresholds } from '../../src/core/thresholds.js';
import type { CatalogModel, ModelPrice, UsageRow, WeeklyMarket } from '../../src/core/types.js';
import { addDays } from '../../src/core/week.js';
import { CATALOG, GLM, MINIMAX, catalogModel, usageRow } from './builders.js';

// Markets are built from one row per model and week (Monday of 2026-W06 and W07), on weeks whose
// every day has a row (a zero-token long-tail row) so they are complete. Unjoined permaslugs keep
// their slug as identity key and get their country from the lab prefix.
const LAST_MONDAY = '2026-02-02';
const THIS_MONDAY = '2026-02-09';

/** id → [tokens last week, tokens this week]; null = no row that week. `days`: days of this week with data. */
function marketOf(entries: Record<string, [number | null, number | null]>, catalog: CatalogModel[] = [], days = 7): WeeklyMarket {
  const rows: UsageRow[] = [];
  for (let day = 0; day < 7; day++) {
    rows.push(usageRow(addDays(LAST_MONDAY, day), 'other', 0));
    if (day < days) rows.push(usageRow(addDays(THIS_MONDAY, day), 'other', 0));
  }
  for (const [id, [last, now]] of Object.entries(entries)) {
    if (last !== null) rows.push(usageRow(LAST_MONDAY, id, last));
    if (now !== null) rows.push(usageRow(THIS_MONDAY, id, now));
  }
  return buildWeeklyMarket({ week: '2026-W07', rows, catalog, countries: DEFAULT_COUNTRY_MAP });
}

/** Ranked charts: ids in rank order, each worth (length − position) × 1T, so ranks are exactly the list order. */
function chartOf(last: string[], now: string[]): WeeklyMarket {
  const entries: Record<string, [number | null, number | null]> = {};
  const worth = (list: string[], id: string) => (list.includes(id) ? (list.length - list.indexOf(id)) * 1e12 : null);
  for (const id of new Set([...last, ...now])) entries[id] = [worth(last, id), worth(now, id)];
  return marketOf(entries);
}

const models = (n: number) => Array.from({ length: n }, (_, i) => `openai/m${String(i + 1).padStart(2, '0')}`);

interface DetectOptions {
  catalog?: CatalogModel[];
  previousCatalog?: CatalogModel[] | null;
  thresholds?: Partial<Thresholds>;
  watchlist?: string[];
}

function detect(market: WeeklyMarket, options: DetectOptions = {}) {
  return detectSignals({
    market,
    catalog: options.catalog ?? [],
    previousCatalog: options.previousCatalog ?? null,
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    ...(options.watchlist ? { watchlist: options.watchlist } : {}),
  });
}

// Intersection, not Extract: surge and slump share one union member, which Extract would drop.
function only<K extends SignalKind>(signals: Signal[], kind: K): (Signal & { kind: K })[] {
  return signals.filter((s): s is Signal & { kind: K } => s.kind === kind);
}

describe('country_crossover', () => {
  it('fires when a bloc passes another (the W07 CN/US crossover)', () => {
    const signals = detect(marketOf({ 'minimax/m': [2.27e12, 4.12e12], 'openai/o': [3.0e12, 2.94e12] }));
    expect(only(signals, 'country_crossover')).toEqual([
      {
        kind: 'country_crossover',
        leader: 'CN',
        trailer: 'US',
        leaderTokens: 4.12e12,
        trailerTokens: 2.94e12,
        rule: 'CN passed US: 4.12T vs 2.94T tokens this week, after 2.27T vs 3.00T last week (both blocs ≥ 100B tokens)',
        threshold: { minTokens: 100e9 },
      },
    ]);
  });

  it('fires from a tie last week, not from a tie this week, and not without a flip', () => {
    expect(only(detect(marketOf({ 'minimax/m': [3e12, 4e12], 'openai/o': [3e12, 2e12] })), 'country_crossover')).toHaveLength(1);
    expect(only(detect(marketOf({ 'minimax/m': [2e12, 3e12], 'openai/o': [3e12, 3e12] })), 'country_crossover')).toEqual([]);
    expect(only(detect(marketOf({ 'minimax/m': [4e12, 5e12], 'openai/o': [3e12, 2e12] })), 'country_crossover')).toEqual([]);
  });

  it('needs both blocs at the token floor this week (≥, not >)', () => {
    expect(only(detect(marketOf({ 'minimax/m': [50e9, 300e9], 'openai/o': [200e9, 100e9] })), 'country_crossover')).toHaveLength(1);
    expect(only(detect(marketOf({ 'minimax/m': [50e9, 300e9], 'openai/o': [200e9, 100e9 - 1] })), 'country_crossover')).toEqual([]);
    expect(
      only(detect(marketOf({ 'minimax/m': [50e9, 300e9], 'openai/o': [200e9, 100e9] }), { thresholds: { minTokens: 100e9 + 1 } }), 'country_crossover'),
    ).toEqual([]);
  });

  it('never pairs unattributed or the long tail, which are not countries', () => {
    const market = marketOf({ 'stealth/x': [1e12, 5e12], other: [1e12, 4e12], 'openai/o': [2e12, 2e12] });
    expect(only(detect(market), 'country_crossover')).toEqual([]);
  });

  it('does not call two blocs new this week a crossover', () => {
    expect(only(detect(marketOf({ 'openai/o': [null, 500e9], 'mistralai/m': [null, 200e9] })), 'country_crossover')).toEqual([]);
    expect(only(detect(marketOf({ 'openai/o': [null, 500e9], 'mistralai/m': [100e9, 200e9] })), 'country_crossover')).toHaveLength(1);
  });

  it('lists the biggest blocs first', () => {
    const market = marketOf({ 'minimax/m': [2e12, 4e12], 'openai/o': [3e12, 3e12], 'cohere/c': [200e9, 400e9], 'mistralai/m': [300e9, 300e9] });
    expect(only(detect(market), 'country_crossover').map((s) => `${s.leader}>${s.trailer}`)).toEqual(['CN>US', 'CA>FR']);
  });
});

describe('overtake', () => {
  it('fires for a new #1, naming last week #1', () => {
    const signals = detect(chartOf(['openai/a', 'openai/b', 'openai/c'], ['openai/c', 'openai/a', 'openai/b']));
    expect(only(signals, 'overtake')).toEqual([
      { kind: 'overtake', model: 'openai/c', passed: 'openai/a', rule: "new #1 of the weekly chart (#3 last week), replacing last week's #1", threshold: {} },
    ]);
  });

  it('names a brand-new #1 as unranked last week', () => {
    const signals = detect(chartOf(['openai/a'], ['openai/new', 'openai/a']));
    expect(only(signals, 'overtake')[0]).toMatchObject({ model: 'openai/new', passed: 'openai/a', rule: expect.stringContaining('(unranked last week)') });
  });

  it('does not fire when the #1 holds, or without last week', () => {
    expect(only(detect(chartOf(['openai/a', 'openai/b'], ['openai/a', 'openai/b'])), 'overtake')).toEqual([]);
    expect(only(detect(chartOf([], ['openai/a', 'openai/b'])), 'overtake')).toEqual([]);
  });
});

describe('rank_move', () => {
  const last = models(15);

  it('fires for a top-N move of exactly the threshold, up or down', () => {
    const now = ['openai/m01', 'openai/m02', 'openai/m05', 'openai/m03', 'openai/m04', ...last.slice(5)];
    const signals = only(detect(chartOf(last, now)), 'rank_move');
    expect(signals).toEqual([
      {
        kind: 'rank_move',
        model: 'openai/m05',
        from: 5,
        to: 3,
        rule: 'top-10 rank moved by ≥ 2 places: #5 → #3 (2 up)',
        threshold: { rankMovePlaces: 2, topN: 10 },
      },
    ]);
    const down = ['openai/m02', 'openai/m03', 'openai/m01', ...last.slice(3)];
    expect(only(detect(chartOf(last, down)), 'rank_move').map((s) => [s.model, s.from, s.to])).toEqual([['openai/m01', 1, 3]]);
  });

  it('does not fire below the threshold', () => {
    const now = ['openai/m01', 'openai/m02', 'openai/m05', 'openai/m03', 'openai/m04', ...last.slice(5)];
    expect(only(detect(chartOf(last, now), { thresholds: { rankMovePlaces: 3 } }), 'rank_move')).toEqual([]);
  });

  it('watches moves inside the top N only: a jump in from outside is a new entry, not a move', () => {
    // m15 climbs from #15 to #11 (outside the top 10): no move. m14 climbs to #4: a new entry only.
    const now = [...last.slice(0, 3), 'openai/m14', ...last.slice(3, 9), 'openai/m15', ...last.slice(9, 13)];
    const signals = detect(chartOf(last, now));
    expect(only(signals, 'rank_move').map((s) => s.model)).not.toContain('openai/m14');
    expect(only(signals, 'new_entry').map((s) => [s.model, s.rank])).toContainEqual(['openai/m14', 4]);
    expect(only(detect(chartOf(last, now), { thresholds: { topN: 16 } }), 'rank_move').map((s) => s.model)).toContain('openai/m14');
  });

  it('ignores models that were not ranked last week', () => {
    expect(only(detect(chartOf(models(3), ['openai/new', ...models(3)])), 'rank_move')).toEqual([]);
  });

  it('lists the biggest move first', () => {
    const now = ['openai/m08', 'openai/m01', 'openai/m02', 'openai/m05', ...models(15).filter((id) => !['openai/m08', 'openai/m01', 'openai/m02', 'openai/m05'].includes(id))];
    expect(only(detect(chartOf(last, now)), 'rank_move').map((s) => s.model)).toEqual(['openai/m08', 'openai/m03', 'openai/m04']);
  });
});

describe('new_entry and exit', () => {
  const last = models(12);

  it('fires when a model enters the top N from just outside it, and for the model it pushed out', () => {
    const now = [...last.slice(0, 9), 'openai/m11', 'openai/m10', 'openai/m12'];
    const signals = detect(chartOf(last, now));
    expect(only(signals, 'new_entry')).toEqual([
      { kind: 'new_entry', model: 'openai/m11', rank: 10, rule: 'entered the top 10 at #10 (#11 last week)', threshold: { topN: 10 } },
    ]);
    expect(only(signals, 'exit')).toEqual([
      { kind: 'exit', model: 'openai/m10', previousRank: 10, rule: 'left the top 10: #10 last week, #11 this week', threshold: { topN: 10 } },
    ]);
  });

  it('does not fire for a model that stays inside, or stays outside', () => {
    const now = [...last.slice(0, 10), 'openai/m12', 'openai/m11'];
    const signals = detect(chartOf(last, now));
    expect(only(signals, 'new_entry')).toEqual([]);
    expect(only(signals, 'exit')).toEqual([]);
  });

  it('names a brand-new entry and a model gone from the chart', () => {
    const now = ['openai/new', ...last.slice(0, 2), ...last.slice(3)];
    const signals = detect(chartOf(last, now));
    expect(only(signals, 'new_entry')).toEqual([
      { kind: 'new_entry', model: 'openai/new', rank: 1, rule: 'entered the top 10 at #1 (not ranked last week)', threshold: { topN: 10 } },
    ]);
    expect(only(signals, 'exit').map((s) => [s.model, s.previousRank, s.rule])).toEqual([
      ['openai/m03', 3, 'left the top 10: #3 last week, not ranked this week'],
    ]);
  });

  it('lists entries by their new rank', () => {
    const now = ['openai/x', 'openai/y', ...last];
    expect(only(detect(chartOf(last, now)), 'new_entry').map((s) => s.rank)).toEqual([1, 2]);
  });
});

describe('surge and slump', () => {
  it('fires a surge at exactly the growth and token thresholds', () => {
    const exact = only(detect(marketOf({ 'openai/o': [200e9, 300e9] })), 'surge');
    expect(exact).toEqual([
      {
        kind: 'surge',
        model: 'openai/o',
        tokens: 300e9,
        previousTokens: 200e9,
        changePct: 50,
        rule: 'tokens up ≥ 50% week over week at ≥ 100B tokens this week: +50% (200B → 300B)',
        threshold: { surgePct: 50, minTokens: 100e9 },
      },
    ]);
    expect(only(detect(marketOf({ 'openai/o': [60e9, 100e9] })), 'surge')).toHaveLength(1);
  });

  it('does not fire a surge below either threshold, nor for a model new this week', () => {
    expect(only(detect(marketOf({ 'openai/o': [200e9, 299_999_999_999] })), 'surge')).toEqual([]);
    expect(only(detect(marketOf({ 'openai/o': [50e9, 99e9] })), 'surge')).toEqual([]);
    expect(only(detect(marketOf({ 'openai/o': [null, 5e12] })), 'surge')).toEqual([]);
  });

  it('fires a slump at exactly the drop threshold', () => {
    expect(only(detect(marketOf({ 'openai/o': [1e12, 700e9] })), 'slump')).toEqual([
      {
        kind: 'slump',
        model: 'openai/o',
        tokens: 700e9,
        previousTokens: 1e12,
        changePct: -30,
        rule: 'tokens down ≥ 30% week over week at ≥ 100B tokens this week: −30% (1.00T → 700B)',
        threshold: { slumpPct: 30, minTokens: 100e9 },
      },
    ]);
    expect(only(detect(marketOf({ 'openai/o': [1e12, 700_000_000_001] })), 'slump')).toEqual([]);
  });

  it('applies the same floor to this week tokens: a collapse out of the chart is an exit, not a slump', () => {
    expect(only(detect(marketOf({ 'openai/o': [1e12, 100e9] })), 'slump').map((s) => s.changePct)).toEqual([-90]);
    expect(only(detect(marketOf({ 'openai/o': [1e12, 100e9 - 1] })), 'slump')).toEqual([]);
    expect(only(detect(marketOf({ 'openai/o': [1e12, 50e9] }), { thresholds: { minTokens: 50e9 } }), 'slump')).toHaveLength(1);
    const collapse = detect(chartOf(models(12), [...models(12).slice(0, 2), ...models(12).slice(3)]));
    expect(only(collapse, 'exit').map((s) => s.model)).toEqual(['openai/m03']);
    expect(only(collapse, 'slump')).toEqual([]);
  });

  it('orders surges and slumps by the size of the move', () => {
    const signals = detect(marketOf({ 'openai/a': [100e9, 200e9], 'openai/b': [100e9, 400e9], 'openai/c': [1e12, 600e9], 'openai/d': [1e12, 100e9] }));
    expect(only(signals, 'surge').map((s) => s.model)).toEqual(['openai/b', 'openai/a']);
    expect(only(signals, 'slump').map((s) => s.model)).toEqual(['openai/d', 'openai/c']);
  });
});

describe('price_change', () => {
  const priced = (price: Partial<ModelPrice>, id = GLM.id) => catalogModel(id, GLM.canonicalSlug, GLM.name, price);
  const changes = (before: CatalogModel[], after: CatalogModel[], thresholds: Partial<Thresholds> = {}) =>
    only(detect(marketOf({}), { previousCatalog: before, catalog: after, thresholds }), 'price_change');

  it('fires for the GLM-5 input hike, input and output judged separately', () => {
    expect(changes([priced({ input: 0.3, output: 2.55 })], [priced({ input: 0.95, output: 2.55 })])).toEqual([
      {
        kind: 'price_change',
        model: 'z-ai/glm-5',
        field: 'input',
        from: 0.3,
        to: 0.95,
        changePct: 216.666667,
        rule: 'input price moved by ≥ 5%: $0.30 → $0.95 per 1M tokens (+217%)',
        threshold: { priceChangePct: 5 },
      },
    ]);
  });

  it('fires at exactly the threshold despite float noise, up and down, and not just below it', () => {
    expect(changes([priced({ input: 0.3 })], [priced({ input: 0.315 })]).map((s) => s.changePct)).toEqual([5]);
    expect(changes([priced({ output: 1.1 })], [priced({ output: 1.045 })]).map((s) => s.changePct)).toEqual([-5]);
    expect(changes([priced({ input: 0.3 })], [priced({ input: 0.314999 })])).toEqual([]);
    expect(changes([priced({ input: 0.3 })], [priced({ input: 0.3 })])).toEqual([]);
    expect(changes([priced({ input: 0.295 })], [priced({ input: 0.3 })])).toEqual([]);
    expect(changes([priced({ input: 0.295 })], [priced({ input: 0.3 })], { priceChangePct: 1 })).toHaveLength(1);
  });

  it('always reports a free ↔ paid flip, with no percentage from free', () => {
    const toPaid = changes([priced({ input: 0, output: 0 })], [priced({ input: 0.3, output: 1.1 })], { priceChangePct: 1000 });
    expect(toPaid.map((s) => [s.field, s.from, s.to, s.changePct])).toEqual([
      ['input', 0, 0.3, null],
      ['output', 0, 1.1, null],
    ]);
    expect(toPaid[0]?.rule).toBe('input price went from free to $0.30 per 1M tokens (a free ↔ paid flip always counts)');
    const toFree = changes([priced({ input: 0.3 })], [priced({ input: 0 })], { priceChangePct: 1000 });
    expect(toFree).toMatchObject([{ field: 'input', from: 0.3, to: 0, changePct: -100, rule: expect.stringContaining('to free') }]);
  });

  it('never fires on a null price (the router -1 or an unlisted one)', () => {
    expect(changes([priced({ input: null, output: 1 })], [priced({ input: 0.5, output: 1 })])).toEqual([]);
    expect(changes([priced({ input: 0.5, output: 1 })], [priced({ input: null, output: null })])).toEqual([]);
  });

  it('needs the model in both catalogs, and an older catalog at all', () => {
    expect(changes([priced({ input: 1 }, 'z-ai/old')], [priced({ input: 2 }, 'z-ai/new')])).toEqual([]);
    const market = marketOf({});
    expect(only(detect(market, { previousCatalog: null, catalog: [priced({ input: 2 })] }), 'price_change')).toEqual([]);
  });

  it('lists the biggest move first, flips from free before any percentage', () => {
    const before = [priced({ input: 1 }, 'openai/a'), priced({ input: 1 }, 'openai/b'), priced({ input: 0 }, 'openai/c')];
    const after = [priced({ input: 1.1 }, 'openai/a'), priced({ input: 0.5 }, 'openai/b'), priced({ input: 0.1 }, 'openai/c')];
    expect(changes(before, after).map((s) => s.model)).toEqual(['openai/c', 'openai/b', 'openai/a']);
  });
});

describe('new_model', () => {
  it('lists ids new since the previous catalog, with their price', () => {
    const signals = only(detect(marketOf({}), { previousCatalog: [GLM], catalog: [MINIMAX, GLM, catalogModel('stealth/z', 'stealth/z', 'Z')] }), 'new_model');
    expect(signals).toEqual([
      { kind: 'new_model', model: 'minimax/minimax-m2.5', price: { input: 0.3, output: 1.1 }, rule: 'listed on OpenRouter since the previous catalog snapshot', threshold: {} },
      expect.objectContaining({ model: 'stealth/z', price: { input: null, output: null } }),
    ]);
  });

  it('is silent without a previous catalog (everything would be new)', () => {
    expect(only(detect(marketOf({}), { previousCatalog: null, catalog: CATALOG }), 'new_model')).toEqual([]);
  });
});

describe('watchlist', () => {
  const last = models(15);
  // m13 climbs one place outside the top 10; m04 and m05 swap inside it.
  const now = [...last.slice(0, 3), 'openai/m05', 'openai/m04', ...last.slice(5, 11), 'openai/m13', 'openai/m12', ...last.slice(13)];

  it('fires a watched model\'s one-place move anywhere in the ranking, saying why', () => {
    const market = chartOf(last, now);
    expect(only(detect(market), 'rank_move')).toEqual([]);
    expect(only(detect(market, { watchlist: ['openai/m13', 'openai/m04'] }), 'rank_move')).toEqual([
      { kind: 'rank_move', model: 'openai/m04', from: 4, to: 5, rule: 'watched model: rank moved #4 → #5 (1 down)', threshold: { rankMovePlaces: 1 } },
      { kind: 'rank_move', model: 'openai/m13', from: 13, to: 12, rule: 'watched model: rank moved #13 → #12 (1 up)', threshold: { rankMovePlaces: 1 } },
    ]);
  });

  it('marks nothing else: unwatched models and unmoved watched ones stay silent', () => {
    const signals = detect(chartOf(last, now), { watchlist: ['openai/m01', 'openai/m99'] });
    expect(signals).toEqual(detect(chartOf(last, now)));
    expect(detect(chartOf(last, now), { watchlist: [] })).toEqual(detect(chartOf(last, now)));
  });

  it('does not repeat a move the channel thresholds already caught, nor an entry or exit', () => {
    // m05 climbs 2 places (a normal rank move); m11 enters the top 10 and pushes m10 out.
    const moved = ['openai/m01', 'openai/m02', 'openai/m05', 'openai/m03', 'openai/m04', ...last.slice(5, 9), 'openai/m11', 'openai/m10', ...last.slice(11)];
    const signals = detect(chartOf(last, moved), { watchlist: ['openai/m05', 'openai/m11', 'openai/m10'] });
    expect(only(signals, 'rank_move')).toEqual([expect.objectContaining({ model: 'openai/m05', rule: expect.stringMatching(/^top-10 rank moved/) })]);
    expect(only(signals, 'new_entry').map((s) => s.model)).toEqual(['openai/m11']);
    expect(only(signals, 'exit').map((s) => s.model)).toEqual(['openai/m10']);
  });

  it('fires surges and slumps at the channel percentages with no token floor', () => {
    const market = marketOf({ 'openai/tiny': [1e6, 2e6], 'openai/fading': [10e9, 5e9], 'openai/flat': [1e6, 1.2e6], 'openai/other': [1e6, 9e6] });
    expect(detect(market).filter((s) => s.kind === 'surge' || s.kind === 'slump')).toEqual([]);
    const signals = detect(market, { watchlist: ['openai/tiny', 'openai/fading', 'openai/flat'], thresholds: { surgePct: 80 } });
    expect(only(signals, 'surge')).toEqual([
      {
        kind: 'surge',
        model: 'openai/tiny',
        tokens: 2e6,
        previousTokens: 1e6,
        changePct: 100,
        rule: 'watched model: tokens up ≥ 80% week over week, no token floor: +100% (1.00M → 2.00M)',
        threshold: { surgePct: 80, minTokens: 0 },
      },
    ]);
    expect(only(signals, 'slump')).toEqual([
      expect.objectContaining({ model: 'openai/fading', changePct: -50, rule: expect.stringMatching(/^watched model: tokens down ≥ 30%/), threshold: { slumpPct: 30, minTokens: 0 } }),
    ]);
  });

  it('merges watched swings into the kind, biggest first, without repeating one the floor let through', () => {
    const market = marketOf({ 'openai/big': [200e9, 400e9], 'openai/small': [1e9, 5e9] });
    const signals = only(detect(market, { watchlist: ['openai/big', 'openai/small'] }), 'surge');
    // Biggest by tokens gained: +200B outweighs +4B, however steep the small model's +400%.
    expect(signals.map((s) => [s.model, s.rule.startsWith('watched')])).toEqual([
      ['openai/big', false],
      ['openai/small', true],
    ]);
  });

  it('fires any price move of a watched model, never a null price, and never twice', () => {
    const priced = (id: string, input: number | null, output: number | null) => catalogModel(id, id, id, { input, output });
    const before = [priced('z-ai/glm-5', 0.3, 2.55), priced('openai/o', 1, 1), priced('openai/r', null, 1)];
    const after = [priced('z-ai/glm-5', 0.301, 5), priced('openai/o', 1.01, 1), priced('openai/r', 1, 2)];
    const watchlist = ['z-ai/glm-5', 'openai/r'];
    expect(only(detect(marketOf({}), { previousCatalog: before, catalog: after }), 'price_change').map((s) => `${s.model} ${s.field}`)).toEqual([
      'openai/r output',
      'z-ai/glm-5 output',
    ]);
    const signals = only(detect(marketOf({}), { previousCatalog: before, catalog: after, watchlist }), 'price_change');
    expect(signals.map((s) => [s.model, s.field, s.rule])).toEqual([
      ['openai/r', 'output', 'output price moved by ≥ 5%: $1.00 → $2.00 per 1M tokens (+100%)'],
      ['z-ai/glm-5', 'output', 'output price moved by ≥ 5%: $2.55 → $5.00 per 1M tokens (+96.1%)'],
      ['z-ai/glm-5', 'input', 'watched model: input price moved: $0.30 → $0.301 per 1M tokens (+0.3%)'],
    ]);
    expect(signals[2]?.threshold).toEqual({ priceChangePct: 0 });
  });

  it('keeps the notability order across kinds', () => {
    const market = marketOf({ 'minimax/m': [2e12, 4e12], 'openai/o': [3e12, 2.9e12], 'openai/tiny': [1e6, 3e6] });
    const signals = detect(market, { watchlist: ['openai/tiny', 'openai/o'] });
    // The watched one-place slide of a 2.9T model weighs less than the 2T the new leader added, and
    // far more than the watched tiny model's swing.
    expect(signals.map((s) => `${s.kind} ${'model' in s ? s.model : ''}`)).toEqual([
      'country_crossover ',
      'overtake minimax/m',
      'surge minimax/m',
      'rank_move openai/o',
      'surge openai/tiny',
    ]);
  });
});

describe('no comparison without a full week on both sides', () => {
  const last = models(12);
  const now = ['minimax/new', ...last.slice(0, 2), ...last.slice(3)];
  const catalogs = {
    previousCatalog: [catalogModel('openai/m01', 's', 'M1', { input: 1 })],
    catalog: [catalogModel('openai/m01', 's', 'M1', { input: 2 }), catalogModel('openai/fresh', 'f', 'Fresh')],
  };
  const COMPARISONS: SignalKind[] = ['country_crossover', 'overtake', 'new_entry', 'rank_move', 'surge', 'slump', 'exit'];

  it('fires nothing week-over-week in the first week of data, only catalog news', () => {
    const first = detect(chartOf([], now), catalogs);
    expect(first.map((s) => s.kind)).toEqual(['price_change', 'new_model']);
    // The same week with a week before it fires the comparisons.
    const kinds = new Set(detect(chartOf(last, now), catalogs).map((s) => s.kind));
    for (const kind of ['overtake', 'new_entry', 'exit'] as const) expect(kinds).toContain(kind);
  });

  it('fires nothing week-over-week in an incomplete week (one day in: no "slumped −86%")', () => {
    // One Monday of a week against a full week: every model is down about 86%.
    const oneDay = marketOf({ 'minimax/m': [2e12, 3e11], 'openai/o': [3e12, 4e11], 'openai/p': [1e12, 3e11] }, [], 1);
    expect(oneDay.coverage.complete).toBe(false);
    const signals = detect(oneDay, catalogs);
    expect(signals.filter((s) => COMPARISONS.includes(s.kind))).toEqual([]);
    expect(signals.map((s) => s.kind)).toEqual(['price_change', 'new_model']);
    const full = detect(marketOf({ 'minimax/m': [2e12, 3e11], 'openai/o': [3e12, 4e11], 'openai/p': [1e12, 3e11] }));
    expect(only(full, 'slump')).toHaveLength(3);
  });

  it('treats a complete set of days cut before the week ended as incomplete too', () => {
    const rows: UsageRow[] = [];
    for (let day = 0; day < 7; day++) {
      rows.push(usageRow(addDays(LAST_MONDAY, day), 'openai/o', 1e12), usageRow(addDays(THIS_MONDAY, day), 'openai/o', day === 6 ? 1e9 : 3e12, '2026-02-15T06:00:00Z'));
    }
    const market = buildWeeklyMarket({ week: '2026-W07', rows, catalog: [], countries: DEFAULT_COUNTRY_MAP });
    expect(market.coverage.complete).toBe(false);
    expect(detect(market)).toEqual([]);
  });

  it('does not compare a full week with a previous week that was itself partial (data starting mid-week)', () => {
    const rows: UsageRow[] = [];
    for (let day = 0; day < 7; day++) {
      // Data starts on last Friday: three days of last week against a whole week now look like +130%.
      if (day >= 4) rows.push(usageRow(addDays(LAST_MONDAY, day), 'openai/o', 1e12));
      rows.push(usageRow(addDays(THIS_MONDAY, day), 'openai/o', 1e12));
    }
    const market = buildWeeklyMarket({ week: '2026-W07', rows, catalog: [], countries: DEFAULT_COUNTRY_MAP });
    expect(market.coverage.complete).toBe(true);
    expect(market.previousDaysPresent).toBe(3);
    expect(detect(market)).toEqual([]);
  });
});

describe('notability', () => {
  const T = 1e12;
  const B = 1e9;
  const titles = (signals: Signal[]) => signals.map((s) => `${s.kind} ${'model' in s ? s.model : `${s.leader}>${s.trailer}`}`);

  // Twelve US models last week. This week a CN model jumps from #12 to #1 (crossover, overtake, new
  // entry, surge), #1 falls to #8 (rank move, slump) and raises its price, #10 collapses out (exit).
  const entries: Record<string, [number | null, number | null]> = { 'minimax/big': [100e9, 20e12] };
  const thisWeek = [550, 1100, 1000, 900, 800, 700, 600, 500, 400, 10, 200, 150];
  for (const [i, id] of models(12).entries()) entries[id] = [(12 - i) * 100e9, (thisWeek[i] ?? 0) * 1e9];
  const busy = marketOf(entries);
  const signals = detect(busy, {
    previousCatalog: [catalogModel('openai/m01', 's', 'M1', { input: 1 })],
    catalog: [catalogModel('openai/m01', 's', 'M1', { input: 2 }), catalogModel('openai/fresh', 'f', 'Fresh')],
  });

  it('orders by tier, then by size inside the tier', () => {
    expect(titles(signals)).toEqual([
      'country_crossover CN>US',
      'overtake minimax/big',
      // +100% on the #8 model: a price story of its own.
      'price_change openai/m01',
      // Entered at #1: a top-5 entry.
      'new_entry minimax/big',
      // Chart moves by tokens: +19.9T gained, then 550B × 7 places × ½, then +50B.
      'surge minimax/big',
      'rank_move openai/m01',
      'surge openai/m12',
      'slump openai/m01',
      'exit openai/m10',
      'new_model openai/fresh',
    ]);
    expect(rankSignals([...signals].reverse(), busy)).toEqual(signals);
  });

  it('gives every signal a rule and numeric thresholds', () => {
    for (const signal of signals) {
      expect(signal.rule.length).toBeGreaterThan(10);
      expect(Object.values(signal.threshold).every((value) => typeof value === 'number')).toBe(true);
    }
  });

  it('picks the most notable signal as headline, in any order given', () => {
    expect(pickHeadline(signals, busy)).toMatchObject({ kind: 'country_crossover', leader: 'CN', trailer: 'US' });
    expect(pickHeadline([...signals].reverse(), busy)?.kind).toBe('country_crossover');
    const late = signals.filter((s) => s.kind === 'exit' || s.kind === 'new_model' || s.kind === 'slump');
    expect(pickHeadline([...late].reverse(), busy)?.kind).toBe('slump');
    expect(pickHeadline([], busy)).toBeNull();
  });

  it('keeps the first of equals', () => {
    const a: Signal = { kind: 'surge', model: 'a', tokens: 2, previousTokens: 1, changePct: 100, rule: 'r', threshold: {} };
    const b: Signal = { ...a, model: 'b' };
    expect(pickHeadline([a, b], busy)).toBe(a);
    expect(pickHeadline([b, a], busy)).toBe(b);
  });

  // A week shaped like the sample's 2026-W08..W10: a CN leader holds #1 while others move.
  const chart = {
    'minimax/m25': [2.4 * T, 2.55 * T],
    'google/flash': [950 * B, 1.25 * T],
    'moonshotai/kimi': [1.27 * T, 980 * B],
    'deepseek/v32': [850 * B, 860 * B],
    'z-ai/glm5': [380 * B, 800 * B],
    'openai/gpt54': [null, 420 * B],
    'anthropic/opus': [344 * B, 256 * B],
    'anthropic/sonnet46': [235 * B, 224 * B],
    'anthropic/sonnet45': [900 * B, 192 * B],
    'qwen/q397': [77.7 * B, 183 * B],
    'google/pro31': [127 * B, 90 * B],
    'google/flash25': [110 * B, 80 * B],
  } satisfies Record<string, [number | null, number]>;
  const week = marketOf(chart);
  const rankOf = (id: string) => week.models.find((m) => m.id === id)?.rank;
  const surge = (model: string): Signal & { kind: 'surge' | 'slump' } => {
    const m = week.models.find((x) => x.id === model)!;
    return { kind: 'surge', model, tokens: m.tokens, previousTokens: m.previousTokens ?? 0, changePct: m.changePct ?? 0, rule: 'r', threshold: {} };
  };
  const entry = (model: string): Signal => ({ kind: 'new_entry', model, rank: rankOf(model)!, rule: 'r', threshold: { topN: 10 } });
  const move = (model: string, from: number): Signal => ({ kind: 'rank_move', model, from, to: rankOf(model)!, rule: 'r', threshold: {} });
  const price = (model: string, from: number, to: number): Signal & { kind: 'price_change' } => ({
    kind: 'price_change',
    model,
    field: 'input',
    from,
    to,
    changePct: ((to - from) * 100) / from,
    rule: 'r',
    threshold: {},
  });
  const headline = (...list: Signal[]) => pickHeadline(list, week);

  it('puts a ≥ 50% price move on a top-10 model above entries and moves, a smaller one or one off the chart below', () => {
    expect(rankOf('z-ai/glm5')).toBe(5);
    const hike = price('z-ai/glm5', 0.3, 0.95);
    expect(headline(entry('openai/gpt54'), move('z-ai/glm5', 3), hike)).toBe(hike);
    expect(headline(entry('openai/gpt54'), price('z-ai/glm5', 0.3, 0.4))).toMatchObject({ kind: 'new_entry' });
    expect(headline(entry('openai/gpt54'), price('openai/unranked', 1, 3))).toMatchObject({ kind: 'new_entry' });
    // A flip from free has no percentage and counts as the biggest move.
    const flip: Signal = { ...price('z-ai/glm5', 0, 0.3), changePct: null };
    expect(headline(hike, flip)).toBe(flip);
  });

  it('weighs chart moves by tokens: a 420B debut at #6 over a 192B slide from #7 to #9 and a small surge', () => {
    expect(rankOf('openai/gpt54')).toBe(6);
    expect(rankOf('anthropic/sonnet45')).toBe(9);
    expect(headline(move('anthropic/sonnet45', 7), surge('qwen/q397'), entry('qwen/q397'), entry('openai/gpt54'))).toMatchObject({ model: 'openai/gpt54' });
  });

  it('prefers a big climb to the surge behind it, and a top-5 entry to both', () => {
    const climb = move('z-ai/glm5', 8);
    expect(headline(surge('z-ai/glm5'), climb)).toBe(climb);
    expect(headline(surge('z-ai/glm5'), climb, entry('deepseek/v32'))).toMatchObject({ kind: 'new_entry', model: 'deepseek/v32' });
  });

  it('puts any price move above slumps, slumps above exits, exits above new models', () => {
    const slump: Signal = { ...surge('anthropic/sonnet45'), kind: 'slump' };
    const exit: Signal = { kind: 'exit', model: 'openai/gone', previousRank: 3, rule: 'r', threshold: {} };
    const listed: Signal = { kind: 'new_model', model: 'openai/fresh', price: null, rule: 'r', threshold: {} };
    const small = price('openai/unranked', 1, 1.1);
    expect(rankSignals([listed, exit, slump, small], week)).toEqual([small, slump, exit, listed]);
  });
});
