import { describe, expect, it } from 'vitest';
import { perMillion, priceChangePct } from '../../src/core/price.js';

describe('perMillion', () => {
  it.each([
    ['0.00000045', 0.45],
    ['0.000000295', 0.295],
    ['0.0000012', 1.2],
    ['0.000005', 5],
    ['0.000025', 25],
    ['0.0000007448', 0.7448],
    ['0.000004655', 4.655],
    ['0.000000039', 0.039],
    ['0.000000252', 0.252],
    ['0.000000378', 0.378],
    ['0', 0],
    ['0.0', 0],
    ['1', 1_000_000],
    ['1e-7', 0.1],
    ['4.5E-7', 0.45],
    [' 0.000003 ', 3],
  ])('%s USD per token is %s USD per 1M tokens', (text, expected) => {
    expect(perMillion(text)).toBe(expected);
  });

  it('has no float noise where multiplying would (0.00000045 × 10^6 = 0.44999999999999996)', () => {
    expect(0.00000045 * 1e6).not.toBe(0.45);
    expect(String(perMillion('0.00000045'))).toBe('0.45');
    expect(String(perMillion('0.00000015'))).toBe('0.15');
    expect(String(perMillion('0.00000208'))).toBe('2.08');
  });

  it('keeps six decimals of a dollar per 1M tokens', () => {
    expect(perMillion('0.00000000001')).toBe(0.00001);
    expect(perMillion('0.0000000000001')).toBe(0);
  });

  it('never throws on a hostile exponent: far out, Infinity or 0 (the plausibility gate refuses Infinity)', () => {
    expect(perMillion('1e999999999')).toBe(Number.POSITIVE_INFINITY);
    expect(perMillion('1e-999999999')).toBe(0);
    expect(perMillion('0e999999999')).toBe(0);
  });

  it.each(['-1', '-0.000001', '', 'abc', '0x10', '1,5', 'NaN', 'Infinity', '.5', '5.'])(
    'rejects %j (the router -1 and anything not a non-negative decimal)',
    (text) => {
      expect(perMillion(text)).toBeNull();
    },
  );
});

describe('priceChangePct', () => {
  it('is the percent change from the old price', () => {
    expect(priceChangePct(1, 0.5)).toBe(-50);
    expect(priceChangePct(2, 2)).toBe(0);
    expect(priceChangePct(0.3, 0.95)).toBeCloseTo(216.6667, 3);
    expect(priceChangePct(1.2, 0)).toBe(-100);
  });

  it('is null for a free → paid flip, which has no finite percentage', () => {
    expect(priceChangePct(0, 0.3)).toBeNull();
    expect(priceChangePct(0, 0)).toBeNull();
  });
});
