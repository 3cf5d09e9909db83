import { describe, expect, it } from 'vitest';
import { ScheduleSchema, type Schedule, type Weekday } from '../../../src/core/schedule/schedule.js';
import { latestSlotAtOrBefore, nextSlot, previousSlot, slotAt } from '../../../src/core/schedule/slots.js';
import { wallTimeAt } from '../../../src/core/schedule/zone.js';
import { addDays } from '../../../src/core/week.js';

const schedule = (weekday: Weekday, time: string, zone: string): Schedule => ScheduleSchema.parse({ weekday, time, zone });
const at = (iso: string) => new Date(iso);
const iso = (slot: { instant: Date }) => slot.instant.toISOString();

describe('slotAt', () => {
  it('America/New_York: 02:30 on spring-forward day posts at the next valid minute, 03:00 EDT', () => {
    expect(iso(slotAt(schedule('sunday', '02:30', 'America/New_York'), '2026-03-08'))).toBe('2026-03-08T07:00:00.000Z');
  });

  it('America/New_York: 01:30 on fall-back day is its first occurrence (EDT)', () => {
    expect(iso(slotAt(schedule('sunday', '01:30', 'America/New_York'), '2026-11-01'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('America/New_York: 09:00 keeps its wall time on both sides of each DST change', () => {
    const nine = schedule('sunday', '09:00', 'America/New_York');
    expect(iso(slotAt(nine, '2026-03-01'))).toBe('2026-03-01T14:00:00.000Z');
    expect(iso(slotAt(nine, '2026-03-08'))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(slotAt(nine, '2026-11-01'))).toBe('2026-11-01T14:00:00.000Z');
  });

  it('Australia/Sydney: 02:30 happens twice in April (first, AEDT) and not at all in October (03:00 AEDT)', () => {
    const early = schedule('sunday', '02:30', 'Australia/Sydney');
    expect(iso(slotAt(early, '2026-04-05'))).toBe('2026-04-04T15:30:00.000Z');
    expect(iso(slotAt(early, '2026-10-04'))).toBe('2026-10-03T16:00:00.000Z');
  });

  it('Australia/Lord_Howe: a 30-minute DST shift on a 30-minute offset', () => {
    expect(iso(slotAt(schedule('sunday', '02:15', 'Australia/Lord_Howe'), '2026-10-04'))).toBe('2026-10-03T15:30:00.000Z');
    expect(iso(slotAt(schedule('sunday', '01:45', 'Australia/Lord_Howe'), '2026-04-05'))).toBe('2026-04-04T14:45:00.000Z');
  });

  it('Asia/Kolkata (+05:30) and UTC', () => {
    expect(iso(slotAt(schedule('monday', '09:00', 'Asia/Kolkata'), '2026-03-09'))).toBe('2026-03-09T03:30:00.000Z');
    expect(iso(slotAt(schedule('monday', '09:00', 'UTC'), '2026-03-09'))).toBe('2026-03-09T09:00:00.000Z');
  });

  it('a local date the zone skipped entirely posts at its first minute after (Samoa, 2011-12-30)', () => {
    const slot = slotAt(schedule('friday', '09:00', 'Pacific/Apia'), '2011-12-30');
    expect(slot).toEqual({ key: '2011-12-30', instant: at('2011-12-30T10:00:00.000Z') });
    expect(wallTimeAt('Pacific/Apia', slot.instant)).toEqual({ date: '2011-12-31', time: '00:00' });
  });
});

describe('latestSlotAtOrBefore and nextSlot', () => {
  const fallBack = schedule('sunday', '01:30', 'America/New_York');
  const springForward = schedule('sunday', '02:30', 'America/New_York');

  it('fall-back: the second 01:30 is not a second slot', () => {
    // 06:30Z is the repeated 01:30 (EST): still the slot that posted at 05:30Z.
    expect(latestSlotAtOrBefore(fallBack, at('2026-11-01T06:30:00Z'))).toEqual({ key: '2026-11-01', instant: at('2026-11-01T05:30:00Z') });
    expect(nextSlot(fallBack, at('2026-11-01T05:30:00Z')).key).toBe('2026-11-08');
    expect(nextSlot(fallBack, at('2026-11-01T05:29:59Z')).key).toBe('2026-11-01');
  });

  it('spring-forward: the skipped 02:30 is still a slot, at 03:00 EDT', () => {
    expect(nextSlot(springForward, at('2026-03-08T06:59:00Z'))).toEqual({ key: '2026-03-08', instant: at('2026-03-08T07:00:00Z') });
    expect(latestSlotAtOrBefore(springForward, at('2026-03-08T06:59:59Z')).key).toBe('2026-03-01');
    expect(latestSlotAtOrBefore(springForward, at('2026-03-08T07:00:00Z')).key).toBe('2026-03-08');
  });

  it('the slot instant itself is "at or before" and not "after"', () => {
    const monday = schedule('monday', '09:00', 'Europe/Berlin');
    const slot = slotAt(monday, '2026-03-09');
    expect(latestSlotAtOrBefore(monday, slot.instant)).toEqual(slot);
    expect(nextSlot(monday, slot.instant).key).toBe('2026-03-16');
    expect(nextSlot(monday, new Date(slot.instant.getTime() - 1))).toEqual(slot);
  });

  it('uses the LOCAL weekday: Monday 09:00 in Sydney is Sunday evening UTC', () => {
    const sydney = schedule('monday', '09:00', 'Australia/Sydney');
    expect(nextSlot(sydney, at('2026-03-08T21:00:00Z'))).toEqual({ key: '2026-03-09', instant: at('2026-03-08T22:00:00Z') });
    expect(latestSlotAtOrBefore(sydney, at('2026-03-08T21:59:00Z')).key).toBe('2026-03-02');
  });

  it('previousSlot steps one local week back', () => {
    expect(previousSlot(springForward, slotAt(springForward, '2026-03-08'))).toEqual({ key: '2026-03-01', instant: at('2026-03-01T07:30:00Z') });
  });

  // Two years of weekly slots in zones with every kind of transition: exactly one slot per week,
  // in order, each at the wall time asked for whenever that time exists.
  it.each([
    ['America/New_York', 'sunday', '02:30'],
    ['America/New_York', 'sunday', '01:30'],
    ['Australia/Sydney', 'sunday', '02:30'],
    ['Australia/Lord_Howe', 'sunday', '01:45'],
    ['Asia/Kathmandu', 'monday', '09:00'],
    ['Europe/London', 'sunday', '01:30'],
    ['UTC', 'monday', '00:00'],
  ] as const)('%s %s %s: one slot a week for two years, none skipped or doubled', (zone, weekday, time) => {
    const s = schedule(weekday, time, zone);
    let slot = nextSlot(s, at('2026-01-01T00:00:00Z'));
    for (let i = 0; i < 104; i++) {
      const next = nextSlot(s, slot.instant);
      expect(next.key).toBe(addDays(slot.key, 7));
      expect(next.instant.getTime()).toBeGreaterThan(slot.instant.getTime());
      const wall = wallTimeAt(zone, next.instant);
      expect(wall.date).toBe(next.key);
      // Later than asked only when the asked time was skipped: the minute before reads earlier.
      expect(wall.time >= time).toBe(true);
      if (wall.time !== time) expect(wallTimeAt(zone, new Date(next.instant.getTime() - 60_000)).time < time).toBe(true);
      expect(latestSlotAtOrBefore(s, new Date(next.instant.getTime() - 1))).toEqual(slot);
      slot = next;
    }
  });
});
