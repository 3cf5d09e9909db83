import { describe, expect, it } from 'vitest';
import { formatChange, formatDateRange, formatDay, formatRatio, formatShare, formatTokenDelta, formatTokens, formatUsd } from '../../src/core/format.js';

describe('formatTokens', () => {
  it('uses the largest unit with at least three significant digits', () => {
    expect(formatTokens(5.44e12)).toBe('5.44T');
    expect(formatTokens(4.12e12)).toBe('4.12T');
    expect(formatTokens(2.94e12)).toBe('2.94T');
    expect(formatTokens(0.757e12)).toBe('757B');
    expect(formatTokens(820e9)).toBe('820B');
    expect(formatTokens(12.3e6)).toBe('12.3M');
    expect(formatTokens(950e3)).toBe('950K');
    expect(formatTokens(1.9e12)).toBe('1.90T');
    expect(formatTokens(13.96e12)).toBe('14.0T');
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(0)).toBe('0');
  });

  it('promotes a value that rounds up to 1000 to the next unit', () => {
    expect(formatTokens(999.96e9)).toBe('1.00T');
    expect(formatTokens(999_999)).toBe('1.00M');
    expect(formatTokens(999.7)).toBe('1.00K');
  });

  it('keeps huge and negative values readable', () => {
    expect(formatTokens(1234e12)).toBe('1234T');
    expect(formatTokens(-3.21e12)).toBe('−3.21T');
    expect(formatTokens(Number.NaN)).toBe('—');
    expect(formatTokenDelta(1.44e12)).toBe('+1.44T');
    expect(formatTokenDelta(-820e9)).toBe('−820B');
  });
});

describe('formatUsd', () => {
  it('shows USD per 1M tokens with two decimals, three significant digits under $1', () => {
    expect(formatUsd(0.45)).toBe('$0.45');
    expect(formatUsd(0.295)).toBe('$0.295');
    expect(formatUsd(0.3)).toBe('$0.30');
    expect(formatUsd(25)).toBe('$25.00');
    expect(formatUsd(2.5)).toBe('$2.50');
    expect(formatUsd(1.1)).toBe('$1.10');
    expect(formatUsd(0.0123)).toBe('$0.0123');
    expect(formatUsd(0.02)).toBe('$0.02');
    expect(formatUsd(0.000002)).toBe('$0.000002');
    // Float noise from per-token strings must not show.
    expect(formatUsd(0.44999999999999996)).toBe('$0.45');
  });

  it('says free for 0 and — for no price', () => {
    expect(formatUsd(0)).toBe('free');
    expect(formatUsd(null)).toBe('—');
    expect(formatUsd(-1)).toBe('—');
  });
});

describe('formatChange', () => {
  it('signs percentages with + and a true minus', () => {
    expect(formatChange(127)).toBe('+127%');
    expect(formatChange(-12.5)).toBe('−12.5%');
    expect(formatChange(81.4977)).toBe('+81.5%');
    expect(formatChange(216.67)).toBe('+217%');
    expect(formatChange(4)).toBe('+4%');
    expect(formatChange(0.4)).toBe('+0.4%');
    expect(formatChange(0.01)).toBe('0%');
    expect(formatChange(99.96)).toBe('+100%');
  });

  it('says new when there is no previous value', () => {
    expect(formatChange(null)).toBe('new');
  });
});

describe('shares, ratios and dates', () => {
  it('formatShare', () => {
    expect(formatShare(0.342)).toBe('34.2%');
    expect(formatShare(0.47)).toBe('47.0%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(0.0001)).toBe('<0.1%');
    expect(formatShare(1)).toBe('100.0%');
  });

  it('formatRatio', () => {
    expect(formatRatio(25 / 1.1)).toBe('22.7×');
    expect(formatRatio(6.8)).toBe('6.8×');
    expect(formatRatio(150.2)).toBe('150×');
    expect(formatRatio(Infinity)).toBe('—');
  });

  it('dates', () => {
    expect(formatDateRange('2026-02-09', '2026-02-15')).toBe('Feb 9–15, 2026');
    expect(formatDateRange('2026-01-26', '2026-02-01')).toBe('Jan 26 – Feb 1, 2026');
    expect(formatDateRange('2025-12-29', '2026-01-04')).toBe('Dec 29, 2025 – Jan 4, 2026');
    expect(formatDay('2026-02-14')).toBe('Feb 14');
  });
});

describe('locale independence', () => {
  it('reads the same whatever the machine locale or time zone', () => {
    // Intl formatters here are pinned to en-US and UTC; a Sunday late in UTC stays that Sunday.
    expect(formatDateRange('2026-03-02', '2026-03-08')).toBe('Mar 2–8, 2026');
    expect(formatTokens(1_440_000_000_000)).toBe('1.44T');
  });
});
