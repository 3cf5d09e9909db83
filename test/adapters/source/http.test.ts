import { describe, expect, it } from 'vitest';
import { backoffMs, parseRetryAfter } from '../../../src/adapters/source/http.js';

const now = new Date('2026-03-09T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    [' 0 ', 0],
    ['1.5', 1500],
    ['Mon, 09 Mar 2026 12:00:30 GMT', 30_000],
    ['Mon, 09 Mar 2026 11:00:00 GMT', 0],
    ['3600', 120_000],
  ])('%j → %d ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([null, 'soon', '-5'])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeNull();
  });
});

describe('backoffMs', () => {
  it('doubles from 1 s and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
});
