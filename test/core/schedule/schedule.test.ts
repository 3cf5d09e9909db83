import { describe, expect, it } from 'vitest';
import { defaultSchedule, ScheduleSchema, zoneFault } from '../../../src/core/schedule/schedule.js';
import { ZONE_NAMES } from '../../../src/core/schedule/zone-names.js';

const issues = (value: unknown) => {
  const parsed = ScheduleSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('Schedule', () => {
  it('defaults to Monday 09:00 in the zone the deployment gives, else UTC', () => {
    expect(defaultSchedule()).toEqual({ weekday: 'monday', time: '09:00', zone: 'UTC' });
    expect(defaultSchedule('europe/berlin')).toEqual({ weekday: 'monday', time: '09:00', zone: 'Europe/Berlin' });
  });

  it('rejects a bad weekday, time or zone (stored data gone bad: people are told in the templates) with a message naming what is accepted', () => {
    expect(issues({ weekday: 'funday', time: '09:00', zone: 'UTC' })).toEqual(['weekday must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday']);
    for (const time of ['9:00', '24:00', '12:60', '0900']) {
      expect(issues({ weekday: 'monday', time, zone: 'UTC' })).toEqual(['time must be HH:MM on a 24-hour clock, 00:00 to 23:59']);
    }
    expect(issues({ weekday: 'monday', time: '09:00', zone: 'Mars/Olympus' })).toEqual(['zone must be an IANA time zone']);
    expect(issues({ weekday: 'monday', time: '09:00', zone: 'EST' })).toEqual(['zone must be an IANA time zone']);
    expect(issues({ weekday: 'monday', time: '09:00', zone: 'UTC', extra: 1 })).toHaveLength(1);
  });

  it('refuses abbreviations Intl would read as a fixed offset (EST is not New York)', () => {
    expect(zoneFault('EST')).toBe('abbreviation');
    expect(zoneFault('Mars/Olympus')).toBe('unknown');
    expect(zoneFault('UTC')).toBeNull();
    expect(zoneFault('gmt')).toBeNull();
    expect(zoneFault('Etc/GMT+5')).toBeNull();
  });
});

describe('zone spelling', () => {
  it('stores the current IANA name whatever the ICU in use calls it', () => {
    expect(ScheduleSchema.parse({ weekday: 'monday', time: '09:00', zone: 'asia/kolkata' }).zone).toBe('Asia/Kolkata');
    expect(ScheduleSchema.parse({ weekday: 'monday', time: '09:00', zone: 'Asia/Calcutta' }).zone).toBe('Asia/Kolkata');
    expect(ScheduleSchema.parse({ weekday: 'monday', time: '09:00', zone: 'US/Eastern' }).zone).toBe('America/New_York');
    expect(ScheduleSchema.parse({ weekday: 'monday', time: '09:00', zone: 'utc' }).zone).toBe('UTC');
  });

  it('offers every zone once, current names only', () => {
    expect(ZONE_NAMES).toContain('UTC');
    expect(ZONE_NAMES).toContain('Asia/Kolkata');
    expect(ZONE_NAMES).not.toContain('Asia/Calcutta');
    expect(new Set(ZONE_NAMES).size).toBe(ZONE_NAMES.length);
  });
});
