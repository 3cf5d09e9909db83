import { describe, expect, it } from 'vitest';
import { DEFAULT_COUNTRY_MAP, mergeCountryMap } from '../../src/core/identity.js';
import { buildWeeklyMarket } from '../../src/core/market.js';
import { OTHER, UNATTRIBUTED } from '../../src/core/types.js';
import type { UsageRow } from '../../src/core/types.js';
import { addDays, daysInRange } from '../../src/core/week.js';
import { CATALOG, MINIMAX, usageRow } from './builders.js';

const W06 = daysInRange('2026-02-02', '2026-02-08');
const W07 = daysInRange('2026-02-09', '2026-02-15');

/** The same daily tokens on every day of the given days. */
function daily(days: string[], permaslug: string, perDay: number, asOf?: string): UsageRow[] {
  return days.map((day) => usageRow(day, permaslug, perDay, asOf));
}

function build(rows: UsageRow[], week = '2026-W07', countries = DEFAULT_COUNTRY_MAP) {
  return buildWeeklyMarket({ week, rows, catalog: CATALOG, countries });
}

const ROWS: UsageRow[] = [
  // Last week: Opus leads, MiniMax M2.5 is not out yet.
  ...daily(W06, 'anthropic/claude-4.6-opus-20260205', 100e9, '2026-02-09T02:00:00Z'),
  ...daily(W06, 'moonshotai/kimi-k2.5-0127', 80e9, '2026-02-09T02:00:00Z'),
  ...daily(W06, 'stealth/space-bunny-alpha', 20e9, '2026-02-09T02:00:00Z'),
  ...daily(W06, 'other', 10e9, '2026-02-09T02:00:00Z'),
  // This week.
  ...daily(W07, 'minimax/minimax-m2.5-20260211', 150e9),
  ...daily(W07, 'minimax/minimax-m2.5-20260211:free', 10e9),
  ...daily(W07, 'anthropic/claude-4.6-opus-20260205', 90e9),
  ...daily(W07, 'moonshotai/kimi-k2.5-0127', 120e9),
  ...daily(W07, 'other', 20e9),
];

describe('buildWeeklyMarket: ranking', () => {
  const market = build(ROWS);

  it('frames the week', () => {
    expect(market).toMatchObject({ week: '2026-W07', start: '2026-02-09', end: '2026-02-15' });
  });

  it('ranks models by weekly tokens, with the other row counted but never ranked', () => {
    expect(market.models.map((m) => [m.rank, m.id, m.tokens])).toEqual([
      [1, 'minimax/minimax-m2.5', 1050e9],
      [2, 'moonshotai/kimi-k2.5', 840e9],
      [3, 'anthropic/claude-opus-4.6', 630e9],
      [4, 'minimax/minimax-m2.5:free', 70e9],
    ]);
    expect(market.totalTokens).toBe(2730e9);
    expect(market.previousTotalTokens).toBe(1470e9);
    expect(market.models.some((m) => m.id === 'other')).toBe(false);
  });

  it('computes shares of the whole week, the long tail included', () => {
    expect(market.models[0]?.share).toBeCloseTo(1050 / 2730, 12);
    const ranked = market.models.reduce((sum, m) => sum + m.share, 0);
    expect(ranked + 140e9 / 2730e9).toBeCloseTo(1, 12);
  });

  it('compares each model with its rank and tokens last week', () => {
    const kimi = market.models.find((m) => m.id === 'moonshotai/kimi-k2.5');
    expect(kimi).toMatchObject({ previousRank: 2, previousTokens: 560e9, changePct: 50 });
    const opus = market.models.find((m) => m.id === 'anthropic/claude-opus-4.6');
    expect(opus).toMatchObject({ previousRank: 1, previousTokens: 700e9, changePct: -10 });
    expect(market.models[0]).toMatchObject({ previousRank: null, previousTokens: null, changePct: null });
  });

  it('keeps last week full ranking, so a model that vanished is still known', () => {
    expect(market.previousRanking).toEqual([
      { id: 'anthropic/claude-opus-4.6', name: 'Anthropic: Claude Opus 4.6', country: 'US', rank: 1, tokens: 700e9 },
      { id: 'moonshotai/kimi-k2.5', name: 'MoonshotAI: Kimi K2.5', country: 'CN', rank: 2, tokens: 560e9 },
      { id: 'stealth/space-bunny-alpha', name: 'Space Bunny Alpha (stealth)', country: UNATTRIBUTED, rank: 3, tokens: 140e9 },
    ]);
  });

  it('prices joined models from the catalog (a copy), unjoined ones not at all', () => {
    expect(market.models[0]?.price).toEqual({ input: 0.3, output: 1.1, cacheRead: 0.03 });
    expect(market.models[0]?.price).not.toBe(MINIMAX.price);
    const stealth = build([...daily(W07, 'stealth/space-bunny-alpha', 1e9)]);
    expect(stealth.models[0]).toMatchObject({ id: 'stealth/space-bunny-alpha', modelId: null, price: null });
  });

  it('totals country blocs, this week and last, tokens first', () => {
    expect(market.countries).toEqual([
      { country: 'CN', tokens: 1960e9, share: 1960 / 2730, previousTokens: 560e9 },
      { country: 'US', tokens: 630e9, share: 630 / 2730, previousTokens: 700e9 },
      { country: OTHER, tokens: 140e9, share: 140 / 2730, previousTokens: 70e9 },
      { country: UNATTRIBUTED, tokens: 0, share: 0, previousTokens: 140e9 },
    ]);
  });
});

describe('buildWeeklyMarket: aggregation', () => {
  it('adds up several permaslugs that resolve to one model', () => {
    const market = build([
      usageRow('2026-02-10', 'z-ai/glm-5-20260211', 5e9),
      // The dateless slug joins by the date-stripped fallback to the same id.
      usageRow('2026-02-10', 'z-ai/glm-5', 2e9),
      usageRow('2026-02-11', 'z-ai/glm-5-20260211', 1e9),
    ]);
    expect(market.models).toHaveLength(1);
    expect(market.models[0]).toMatchObject({ id: 'z-ai/glm-5', tokens: 8e9, name: 'Z.ai: GLM 5', country: 'CN' });
  });

  it('breaks token ties by identity key', () => {
    const market = build([usageRow('2026-02-10', 'z-ai/glm-5-20260211', 5e9), usageRow('2026-02-10', 'deepseek/deepseek-v3.2-20251201', 5e9)]);
    expect(market.models.map((m) => m.id)).toEqual(['deepseek/deepseek-v3.2', 'z-ai/glm-5']);
  });

  it('ignores rows outside this week and last week', () => {
    const market = build([
      ...ROWS,
      usageRow('2026-02-01', 'z-ai/glm-5-20260211', 999e12, '2026-02-02T02:00:00Z'),
      usageRow('2026-02-16', 'z-ai/glm-5-20260211', 999e12, '2026-02-17T02:00:00Z'),
    ]);
    expect(market.models.some((m) => m.id === 'z-ai/glm-5')).toBe(false);
    expect(market.totalTokens).toBe(2730e9);
    expect(market.asOf).toBe('2026-02-16T02:00:00Z');
  });

  it('applies the country map given', () => {
    const countries = mergeCountryMap(DEFAULT_COUNTRY_MAP, { 'stealth/space-bunny-alpha': 'CN' });
    const market = build(ROWS, '2026-W07', countries);
    expect(market.previousRanking[2]?.country).toBe('CN');
    expect(market.countries.find((c) => c.country === 'CN')?.previousTokens).toBe(700e9);
    expect(market.countries.some((c) => c.country === UNATTRIBUTED)).toBe(false);
  });

  it('compares across a year boundary (2026-W01 against 2025-W52)', () => {
    const market = build(
      [...daily(daysInRange('2025-12-22', '2025-12-28'), 'openai/gpt-oss-120b', 1e9), ...daily(daysInRange('2025-12-29', '2026-01-04'), 'openai/gpt-oss-120b', 3e9, '2026-01-05T01:00:00Z')],
      '2026-W01',
    );
    expect(market.models[0]).toMatchObject({ id: 'openai/gpt-oss-120b', tokens: 21e9, previousTokens: 7e9, previousRank: 1, changePct: 200 });
    expect(market.coverage).toEqual({ daysPresent: 7, complete: true, reasons: [] });
  });

  it('keeps week-over-week changes exact where (t / p − 1) × 100 would not (11 / 10 → 10.000000000000009)', () => {
    const market = build([
      usageRow('2026-02-03', 'z-ai/glm-5-20260211', 10),
      usageRow('2026-02-10', 'z-ai/glm-5-20260211', 11),
      usageRow('2026-02-03', 'deepseek/deepseek-v3.2-20251201', 7e12),
      usageRow('2026-02-10', 'deepseek/deepseek-v3.2-20251201', 4.9e12),
    ]);
    const pct = (id: string) => market.models.find((m) => m.id === id)?.changePct;
    expect(pct('z-ai/glm-5')).toBe(10);
    expect(pct('deepseek/deepseek-v3.2')).toBe(-30);
  });

  it('handles a year of rows (366 days × 51) in one pass', () => {
    const rows: UsageRow[] = [];
    for (const day of daysInRange('2025-02-15', addDays('2025-02-15', 365))) {
      for (let i = 0; i < 50; i++) rows.push(usageRow(day, `lab${i}/model-${i}-20250101`, (i + 1) * 1e9, `${addDays(day, 1)}T02:00:00Z`));
      rows.push(usageRow(day, 'other', 5e9, `${addDays(day, 1)}T02:00:00Z`));
    }
    const market = build(rows, '2026-W07');
    expect(market.models).toHaveLength(50);
    expect(market.models[0]).toMatchObject({ id: 'lab49/model-49-20250101', tokens: 350e9, previousTokens: 350e9, changePct: 0 });
    expect(market.totalTokens).toBe(7 * (1275e9 + 5e9));
    expect(market.countries).toEqual([
      { country: UNATTRIBUTED, tokens: 7 * 1275e9, share: 1275 / 1280, previousTokens: 7 * 1275e9 },
      { country: OTHER, tokens: 35e9, share: 5 / 1280, previousTokens: 35e9 },
    ]);
    expect(market.coverage.complete).toBe(true);
  });
});

describe('buildWeeklyMarket: coverage', () => {
  const week = (asOf: string, days = W07) => build(daily(days, 'minimax/minimax-m2.5-20260211', 1e9, asOf));

  it('is complete with all seven days and an as_of after Sunday', () => {
    expect(week('2026-02-16T02:00:00Z').coverage).toEqual({ daysPresent: 7, complete: true, reasons: [] });
  });

  it('is complete when as_of is exactly Monday 00:00Z', () => {
    expect(week('2026-02-16T00:00:00Z').coverage.complete).toBe(true);
    expect(week('2026-02-16T01:00:00+01:00').coverage.complete).toBe(true);
  });

  it('is incomplete while Sunday is partial', () => {
    const market = week('2026-02-15T23:59:59Z');
    expect(market.coverage).toEqual({
      daysPresent: 7,
      complete: false,
      reasons: ['data as of 2026-02-15T23:59Z, before the week ended'],
    });
  });

  it('names missing days', () => {
    const market = week('2026-02-14T12:00:00Z', W07.slice(0, 5));
    expect(market.coverage).toEqual({
      daysPresent: 5,
      complete: false,
      reasons: ['2 of 7 days missing (Feb 14, Feb 15)', 'data as of 2026-02-14T12:00Z, before the week ended'],
    });
  });

  it('names a missing day in the middle even when as_of is late', () => {
    const days = W07.filter((day) => day !== '2026-02-11');
    expect(week('2026-02-16T02:00:00Z', days).coverage).toEqual({
      daysPresent: 6,
      complete: false,
      reasons: ['1 of 7 days missing (Feb 11)'],
    });
  });

  it('takes the newest as_of of this week only', () => {
    const market = build([
      usageRow('2026-02-09', 'other', 1, '2026-02-10T02:00:00Z'),
      usageRow('2026-02-15', 'other', 1, '2026-02-16T03:00:00Z'),
      usageRow('2026-02-12', 'other', 1, '2026-02-13T02:00:00Z'),
      usageRow('2026-02-08', 'other', 1, '2026-02-20T00:00:00Z'),
    ]);
    expect(market.asOf).toBe('2026-02-16T03:00:00Z');
  });

  it('says so when the week has no rows at all', () => {
    const market = build(daily(W06, 'minimax/minimax-m2.5-20260211', 1e9));
    expect(market).toMatchObject({ asOf: null, totalTokens: 0, previousTotalTokens: 7e9, models: [] });
    expect(market.coverage).toEqual({ daysPresent: 0, complete: false, reasons: ['no usage data for this week'] });
    expect(market.countries).toEqual([{ country: 'CN', tokens: 0, share: 0, previousTokens: 7e9 }]);
  });
});
