import type { Answer, PricedModel } from '../../src/core/answers.js';
import type { Signal } from '../../src/core/signals.types.js';
import type { Brief, MarketModel, ModelPrice, WeeklyMarket } from '../../src/core/types.js';

// A hand-made week 2026-W07 (Feb 9–15, 2026) shaped like the published figures: Chinese models
// pass US models 4.12T to 2.94T, MiniMax M2.5 takes #1, Z.ai raises GLM-5's input price.

const T = 1e12;
const B = 1e9;

const price = (input: number | null, output: number | null): ModelPrice => ({ input, output, cacheRead: null });

function model(rank: number, id: string, name: string, country: string, tokens: number, previousRank: number | null, previousTokens: number | null, p: ModelPrice | null): MarketModel {
  return {
    rank,
    id,
    modelId: id,
    name,
    country,
    tokens,
    share: tokens / TOTAL,
    previousRank,
    previousTokens,
    changePct: previousTokens ? ((tokens - previousTokens) * 100) / previousTokens : null,
    price: p,
  };
}

const TOTAL = 8 * T;

export const MODELS: MarketModel[] = [
  model(1, 'minimax/minimax-m2.5', 'MiniMax M2.5', 'CN', 1.9 * T, null, null, price(0.3, 1.1)),
  model(2, 'moonshotai/kimi-k2.5', 'Kimi K2.5', 'CN', 1.05 * T, 3, 0.8 * T, price(0.45, 2.2)),
  model(3, 'anthropic/claude-sonnet-4.5', 'Claude Sonnet 4.5', 'US', 1.0 * T, 1, 1.2 * T, price(3, 15)),
  model(4, 'google/gemini-3-flash-preview', 'Gemini 3 Flash Preview', 'US', 0.9 * T, 2, 0.85 * T, price(0.5, 3)),
  model(5, 'z-ai/glm-5', 'GLM-5', 'CN', 0.8 * T, null, null, price(0.95, 2.55)),
  model(6, 'deepseek/deepseek-v3.2', 'DeepSeek V3.2', 'CN', 0.37 * T, 4, 0.55 * T, price(0.25, 0.4)),
  model(7, 'anthropic/claude-opus-4.6', 'Claude Opus 4.6', 'US', 0.52 * T, 5, 0.5 * T, price(5, 25)),
  model(8, 'stealth/sonoma-sky', 'Sonoma Sky', 'unattributed', 0.3 * T, 9, 0.1 * T, null),
  model(9, 'openai/gpt-5', 'GPT-5', 'US', 0.28 * T, 6, 0.45 * T, price(1.25, 10)),
  model(10, 'mistralai/mistral-large', 'Mistral Large', 'FR', 0.2 * T, 10, 0.19 * T, price(2, 6)),
  model(11, 'qwen/qwen3-max', 'Qwen3 Max', 'CN', 0.15 * T, 8, 0.3 * T, price(1.2, 6)),
];

export const SIGNALS: Signal[] = [
  {
    kind: 'country_crossover',
    leader: 'CN',
    trailer: 'US',
    leaderTokens: 4.12 * T,
    trailerTokens: 2.94 * T,
    rule: 'CN passed US: 4.12T vs 2.94T tokens this week, after 2.27T vs 3.1T last week (both blocs ≥ 100B tokens)',
    threshold: { minTokens: 100 * B },
  },
  {
    kind: 'overtake',
    model: 'minimax/minimax-m2.5',
    passed: 'anthropic/claude-sonnet-4.5',
    rule: "new #1 of the weekly chart (unranked last week), replacing last week's #1",
    threshold: {},
  },
  { kind: 'new_entry', model: 'z-ai/glm-5', rank: 5, rule: 'entered the top 10 at #5 (not ranked last week)', threshold: { topN: 10 } },
  { kind: 'rank_move', model: 'anthropic/claude-sonnet-4.5', from: 1, to: 3, rule: 'top-10 rank moved by ≥ 2 places: #1 → #3 (2 down)', threshold: { rankMovePlaces: 2, topN: 10 } },
  { kind: 'rank_move', model: 'qwen/qwen3-max', from: 8, to: 11, rule: 'x', threshold: { rankMovePlaces: 2, topN: 10 } },
  {
    kind: 'surge',
    model: 'stealth/sonoma-sky',
    tokens: 0.3 * T,
    previousTokens: 0.1 * T,
    changePct: 200,
    rule: 'tokens up ≥ 50% week over week at ≥ 100B tokens: +200.0% (100B → 300B)',
    threshold: { surgePct: 50, minTokens: 100 * B },
  },
  {
    kind: 'slump',
    model: 'deepseek/deepseek-v3.2',
    tokens: 0.37 * T,
    previousTokens: 0.55 * T,
    changePct: -32.72727,
    rule: 'tokens down ≥ 30% week over week: −32.7%',
    threshold: { slumpPct: 30, minTokens: 100 * B },
  },
  {
    kind: 'price_change',
    model: 'z-ai/glm-5',
    field: 'input',
    from: 0.3,
    to: 0.95,
    changePct: 216.666667,
    rule: 'input price moved by ≥ 5%: $0.30 → $0.95 per 1M tokens (+216.7%)',
    threshold: { priceChangePct: 5 },
  },
  {
    kind: 'price_change',
    model: 'deepseek/deepseek-v3.2',
    field: 'output',
    from: 0.42,
    to: 0.4,
    changePct: -4.7619,
    rule: 'output price moved',
    threshold: { priceChangePct: 1 },
  },
  { kind: 'exit', model: 'qwen/qwen3-max', previousRank: 8, rule: 'left the top 10: #8 last week, #11 this week', threshold: { topN: 10 } },
  {
    kind: 'new_model',
    model: 'qwen/qwen3.5-397b-a17b',
    price: { input: 0.39, output: 2.34 },
    rule: 'listed on OpenRouter since the previous catalog snapshot',
    threshold: {},
  },
];

export const MODEL_NAMES: Record<string, string> = {
  'minimax/minimax-m2.5': 'MiniMax M2.5',
  'moonshotai/kimi-k2.5': 'Kimi K2.5',
  'anthropic/claude-sonnet-4.5': 'Claude Sonnet 4.5',
  'z-ai/glm-5': 'Z.ai GLM-5',
  'deepseek/deepseek-v3.2': 'DeepSeek V3.2',
  'stealth/sonoma-sky': 'Sonoma Sky',
  'qwen/qwen3-max': 'Qwen3 Max',
  'qwen/qwen3.5-397b-a17b': 'Qwen3.5 397B A17B',
};

export function market(overrides: Partial<WeeklyMarket> = {}): WeeklyMarket {
  return {
    week: '2026-W07',
    start: '2026-02-09',
    end: '2026-02-15',
    asOf: '2026-02-16T02:00:00Z',
    totalTokens: TOTAL,
    previousTotalTokens: 6.4 * T,
    countries: [
      { country: 'CN', tokens: 4.12 * T, share: 4.12 / 8, previousTokens: 2.27 * T },
      { country: 'US', tokens: 2.94 * T, share: 2.94 / 8, previousTokens: 3.1 * T },
      { country: 'other', tokens: 0.44 * T, share: 0.44 / 8, previousTokens: 0.5 * T },
      { country: 'unattributed', tokens: 0.3 * T, share: 0.3 / 8, previousTokens: 0.1 * T },
      { country: 'FR', tokens: 0.2 * T, share: 0.2 / 8, previousTokens: 0.19 * T },
    ],
    models: MODELS,
    previousRanking: MODELS.filter((m) => m.previousRank !== null)
      .map((m) => ({ id: m.id, name: m.name, country: m.country, rank: m.previousRank ?? 0, tokens: m.previousTokens ?? 0 }))
      .sort((a, b) => a.rank - b.rank),
    coverage: { daysPresent: 7, complete: true, reasons: [] },
    previousDaysPresent: 7,
    ...overrides,
  };
}

export function brief(overrides: Partial<Brief> = {}): Brief {
  return {
    market: market(),
    signals: SIGNALS,
    source: 'openrouter',
    restatements: [
      { date: '2026-02-14', permaslug: 'minimax/minimax-m2.5-20260211', fromTokens: 300 * B, toTokens: 301 * B, fromAsOf: 'a', toAsOf: 'b' },
      { date: '2026-02-14', permaslug: 'z-ai/glm-5-20260211', fromTokens: 100 * B, toTokens: 100.6 * B, fromAsOf: 'a', toAsOf: 'b' },
    ],
    modelNames: MODEL_NAMES,
    ...overrides,
  };
}

export function priced(overrides: Partial<PricedModel> = {}): PricedModel {
  return {
    id: 'minimax/minimax-m2.5',
    name: 'MiniMax M2.5',
    country: 'CN',
    price: { input: 0.3, output: 1.1, cacheRead: 0.03 },
    contextLength: 196_608,
    rank: 1,
    tokens: 1.9 * T,
    previousPrice: null,
    listed: true,
    ...overrides,
  };
}

export const OPUS: PricedModel = priced({
  id: 'anthropic/claude-opus-4.6',
  name: 'Claude Opus 4.6',
  country: 'US',
  price: { input: 5, output: 25, cacheRead: 0.5 },
  contextLength: 1_000_000,
  rank: 7,
  tokens: 0.52 * T,
});

export function answers(): Answer[] {
  return [
    { kind: 'price', week: '2026-W07', asOf: '2026-02-16T02:00:00Z', query: 'm2.5', match: priced(), alternatives: [], comparison: { other: OPUS, field: 'output', ratio: 25 / 1.1 } },
    { kind: 'no_match', query: 'xyz', suggestions: [] },
    { kind: 'top', week: '2026-W07', asOf: '2026-02-16T02:00:00Z', country: null, totalTokens: TOTAL, models: MODELS.slice(0, 5) },
    { kind: 'compare', week: '2026-W07', asOf: '2026-02-16T02:00:00Z', a: priced(), b: OPUS, outputRatio: 25 / 1.1, inputRatio: 5 / 0.3 },
    { kind: 'alert', week: '2026-W07', asOf: '2026-02-16T02:00:00Z', signals: SIGNALS.slice(0, 3), modelNames: MODEL_NAMES },
    { kind: 'same_model', queries: ['m2.5', 'minimax'], model: priced() },
    { kind: 'unranked_country', week: '2026-W07', country: 'FR', ranked: ['CN', 'US', 'unattributed'] },
  ];
}
