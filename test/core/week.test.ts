import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfWeek,
  daysInRange,
  isDay,
  isoWeekOf,
  latestCompleteWeek,
  nextWeek,
  parseIsoWeek,
  previousWeek,
  weekRange,
  weeksBetween,
} from '../../src/core/week.js';

describe('isDay', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '2025-01-01', '2026-12-31', '0099-12-31'])('accepts %s', (text) => {
    expect(isDay(text)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-2-28',
    '26-02-28',
    '2026-02-28T00:00:00Z',
    ' 2026-02-28',
    '2026/02/28',
    'abcd-ef-gh',
    '',
  ])('rejects %j', (text) => {
    expect(isDay(text)).toBe(false);
  });
});

describe('addDays and dayOfWeek', () => {
  it('crosses month, leap-day and year boundaries', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-02-09', 6)).toBe('2026-02-15');
    expect(addDays('2026-02-09', 0)).toBe('2026-02-09');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('numbers days 1 = Monday to 7 = Sunday, before and after the epoch', () => {
    expect(dayOfWeek('2026-02-09')).toBe(1);
    expect(dayOfWeek('2026-02-13')).toBe(5);
    expect(dayOfWeek('2026-02-15')).toBe(7);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('refuses a day that does not exist instead of rolling it over', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => dayOfWeek('soon')).toThrow(/not a calendar day/);
  });
});

describe('isoWeekOf and weekRange', () => {
  it.each([
    ['2026-02-09', '2026-W07'],
    ['2026-02-15', '2026-W07'],
    ['2026-02-16', '2026-W08'],
    ['2026-02-08', '2026-W06'],
    ['2025-12-28', '2025-W52'],
    ['2025-12-29', '2026-W01'],
    ['2026-01-01', '2026-W01'],
    ['2026-01-04', '2026-W01'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2025-01-01', '2025-W01'],
    ['2024-12-30', '2025-W01'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it('gives Monday to Sunday, across year boundaries', () => {
    expect(weekRange('2026-W07')).toEqual({ start: '2026-02-09', end: '2026-02-15' });
    expect(weekRange('2026-W01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(weekRange('2020-W53')).toEqual({ start: '2020-12-28', end: '2021-01-03' });
    // 2026 starts on a Thursday, so it has 53 ISO weeks (2026-W53 = Dec 28 – Jan 3); 2025 and 2027 have 52.
    expect(weekRange('2026-W53')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
  });

  it('refuses a week the year does not have, and non-canonical text', () => {
    expect(() => weekRange('2025-W53')).toThrow(RangeError);
    expect(() => weekRange('2027-W53')).toThrow(RangeError);
    expect(() => weekRange('2026-W00')).toThrow(RangeError);
    expect(() => weekRange('2026-w07')).toThrow(/not an ISO week/);
  });

  it('agrees with itself on every day of 2019–2027', () => {
    let week = isoWeekOf('2019-01-01');
    for (const day of daysInRange('2019-01-01', '2027-12-31')) {
      const own = isoWeekOf(day);
      if (own !== week) {
        expect(own).toBe(nextWeek(week));
        expect(dayOfWeek(day)).toBe(1);
        week = own;
      }
      const { start, end } = weekRange(own);
      expect(start <= day && day <= end).toBe(true);
      expect(dayOfWeek(start)).toBe(1);
      expect(addDays(start, 6)).toBe(end);
    }
  });
});

describe('parseIsoWeek', () => {
  it.each([
    ['2026-W07', '2026-W07'],
    ['2026-w7', '2026-W07'],
    ['2026W07', '2026-W07'],
    ['2026w7', '2026-W07'],
    [' 2026-W07 ', '2026-W07'],
    ['2020-W53', '2020-W53'],
    ['2026-W53', '2026-W53'],
    ['2026-W1', '2026-W01'],
  ])('reads %j as %s', (text, week) => {
    expect(parseIsoWeek(text)).toBe(week);
  });

  it.each(['2025-W53', '2027-W53', '2021-W53', '2026-W00', '2026-W0', '2026-W54', '2026-W123', '2026-07', '2026-W', 'W07', '26-W07', 'garbage', ''])(
    'rejects %j',
    (text) => {
      expect(parseIsoWeek(text)).toBeNull();
    },
  );
});

describe('previousWeek, nextWeek and weeksBetween', () => {
  it('steps across year boundaries, including a 53-week year', () => {
    expect(previousWeek('2026-W08')).toBe('2026-W07');
    expect(previousWeek('2026-W01')).toBe('2025-W52');
    expect(nextWeek('2025-W52')).toBe('2026-W01');
    expect(nextWeek('2026-W52')).toBe('2026-W53');
    expect(previousWeek('2027-W01')).toBe('2026-W53');
    expect(nextWeek('2020-W52')).toBe('2020-W53');
    expect(nextWeek('2020-W53')).toBe('2021-W01');
    expect(previousWeek('2021-W01')).toBe('2020-W53');
  });

  it('lists a range with both ends included', () => {
    expect(weeksBetween('2025-W51', '2026-W02')).toEqual(['2025-W51', '2025-W52', '2026-W01', '2026-W02']);
    expect(weeksBetween('2020-W52', '2021-W01')).toEqual(['2020-W52', '2020-W53', '2021-W01']);
    expect(weeksBetween('2026-W07', '2026-W07')).toEqual(['2026-W07']);
    expect(weeksBetween('2026-W08', '2026-W07')).toEqual([]);
  });
});

describe('daysInRange', () => {
  it('lists days with both ends included', () => {
    expect(daysInRange('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysInRange('2026-02-09', '2026-02-09')).toEqual(['2026-02-09']);
    expect(daysInRange('2026-02-10', '2026-02-09')).toEqual([]);
    expect(daysInRange('2025-01-01', '2025-12-31')).toHaveLength(365);
  });
});

describe('latestCompleteWeek', () => {
  it('is the week of a Sunday, else the week before', () => {
    expect(latestCompleteWeek('2026-02-15')).toBe('2026-W07');
    expect(latestCompleteWeek('2026-02-14')).toBe('2026-W06');
    expect(latestCompleteWeek('2026-02-16')).toBe('2026-W07');
    expect(latestCompleteWeek('2026-01-03')).toBe('2025-W52');
    expect(latestCompleteWeek('2026-01-04')).toBe('2026-W01');
    expect(latestCompleteWeek('2021-01-03')).toBe('2020-W53');
    expect(latestCompleteWeek('2027-01-03')).toBe('2026-W53');
    expect(latestCompleteWeek('2027-01-02')).toBe('2026-W52');
  });
});
