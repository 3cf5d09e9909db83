import { describe, expect, it } from 'vitest';
import {
  catalogLossReason,
  dropImplausiblePrices,
  isFutureAsOf,
  isHugeRestatement,
  keepPlausibleRows,
  MAX_DAILY_TOKENS,
  thinDays,
} from '../../src/core/plausibility.js';
import type { CatalogModel } from '../../src/core/types.js';

const model = (id: string, output: number | null = 1): CatalogModel => ({
  id,
  canonicalSlug: id,
  name: id,
  created: null,
  contextLength: null,
  huggingFaceId: null,
  price: { input: 0.5, output, cacheRead: null },
});

describe('isFutureAsOf', () => {
  const now = Date.parse('2026-03-10T09:00:00Z');
  it('allows clock skew of up to 15 minutes, refuses beyond', () => {
    expect(isFutureAsOf(now + 15 * 60_000, now)).toBe(false);
    expect(isFutureAsOf(now + 15 * 60_000 + 1, now)).toBe(true);
    expect(isFutureAsOf(Date.parse('2099-01-01T00:00:00Z'), now)).toBe(true);
  });
});

describe('keepPlausibleRows', () => {
  it('drops tokens above the daily ceiling or not safe integers, and counts them', () => {
    const row = (tokens: number) => ({ date: '2026-03-01', permaslug: 'a/x', tokens, asOf: '2026-03-02T02:00:00Z' });
    const kept = keepPlausibleRows([row(0), row(MAX_DAILY_TOKENS), row(MAX_DAILY_TOKENS + 1), row(2 ** 53), row(-1), row(Number.NaN)]);
    expect(kept.rows.map((r) => r.tokens)).toEqual([0, MAX_DAILY_TOKENS]);
    expect(kept.dropped).toBe(4);
  });
});

describe('dropImplausiblePrices', () => {
  it('keeps the model but drops (nulls) prices that are non-finite, negative, NaN or above $10,000 per 1M', () => {
    const snapshot = {
      fetchedOn: '2026-03-01',
      models: [model('a/ok', 10_000), model('b/inf', Number.POSITIVE_INFINITY), model('c/nan', Number.NaN), model('d/neg', -2), model('e/huge', 1e30), model('f/none', null)],
    };
    const { snapshot: checked, models } = dropImplausiblePrices(snapshot);
    expect(models).toBe(4);
    expect(checked.models.map((m) => [m.id, m.price.output, m.price.input])).toEqual([
      ['a/ok', 10_000, 0.5],
      ['b/inf', null, 0.5],
      ['c/nan', null, 0.5],
      ['d/neg', null, 0.5],
      ['e/huge', null, 0.5],
      ['f/none', null, 0.5],
    ]);
  });
});

describe('catalogLossReason', () => {
  const previous = { fetchedOn: '2026-03-01', models: ['a', 'b', 'c', 'd'].map((id) => model(`lab/${id}`)) };
  it('trusts a snapshot that lost up to a quarter of the models', () => {
    expect(catalogLossReason(previous, { fetchedOn: '2026-03-02', models: previous.models.slice(1) })).toBeNull();
  });
  it('distrusts one that lost more, or everything', () => {
    expect(catalogLossReason(previous, { fetchedOn: '2026-03-02', models: previous.models.slice(2) })).toBe('lists 2 models and lacks 2 of the 4 listed on 2026-03-01');
    expect(catalogLossReason(previous, { fetchedOn: '2026-03-02', models: [] })).toMatch(/lacks 4 of the 4/);
  });
  it('judges nothing against an empty previous snapshot', () => {
    expect(catalogLossReason({ fetchedOn: '2026-03-01', models: [] }, { fetchedOn: '2026-03-02', models: [] })).toBeNull();
  });
});

describe('thinDays', () => {
  const counts = (entries: Array<[string, number]>) => new Map(entries);
  const week = (n: number): Array<[string, number]> => Array.from({ length: 7 }, (_, i) => [`2026-03-0${i + 1}`, n]);

  it('finds a day below half the median of the days within a week of it', () => {
    const map = counts([...week(51).slice(0, 6), ['2026-03-07', 25]]);
    expect(thinDays(map, ['2026-03-07'])).toEqual([{ day: '2026-03-07', rows: 25, usual: 51 }]);
    expect(thinDays(counts([...week(51).slice(0, 6), ['2026-03-07', 26]]), ['2026-03-07'])).toEqual([]);
  });
  it('does not judge with fewer than three neighbours, nor days far away', () => {
    expect(thinDays(counts([['2026-03-01', 50], ['2026-03-02', 50], ['2026-03-03', 1]]), ['2026-03-03'])).toEqual([]);
    expect(thinDays(counts([['2026-01-01', 50], ['2026-01-02', 50], ['2026-01-03', 50], ['2026-03-03', 1]]), ['2026-03-03'])).toEqual([]);
  });
});

describe('isHugeRestatement', () => {
  it('is a tenfold move either way, zero included', () => {
    expect(isHugeRestatement(100, 10)).toBe(true);
    expect(isHugeRestatement(10, 100)).toBe(true);
    expect(isHugeRestatement(100, 11)).toBe(false);
    expect(isHugeRestatement(109e9, 1)).toBe(true);
    expect(isHugeRestatement(5, 0)).toBe(true);
    expect(isHugeRestatement(0, 0)).toBe(false);
  });
});
