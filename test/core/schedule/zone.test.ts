import { describe, expect, it } from 'vitest';
import { canonicalZone, instantOf, wallTimeAt } from '../../../src/core/schedule/zone.js';

/** Intl's own reading of the wall clock, each instant formatted afresh, as the reference. */
function intlWall(format: Intl.DateTimeFormat, instant: Date): { date: string; time: string } {
  const parts = format.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

const reference = (zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

describe('zone arithmetic', () => {
  const zones = ['America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Europe/Berlin', 'Pacific/Chatham', 'America/St_Johns', 'UTC'];

  it('reads the wall clock exactly as Intl does, every 131 minutes over two years, across transitions', () => {
    for (const zone of zones) {
      const format = reference(zone);
      for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2028-01-01T00:00:00Z'); ms += 131 * 60_000) {
        const instant = new Date(ms);
        const wall = wallTimeAt(zone, instant);
        const expected = intlWall(format, instant);
        // One expect per sample would take seconds; the message names the first mismatch.
        if (wall.date !== expected.date || wall.time !== expected.time) expect(wall, `${zone} ${instant.toISOString()}`).toEqual(expected);
      }
    }
  });

  it('round-trips every wall time that exists, to its first occurrence', () => {
    for (const zone of zones) {
      for (let ms = Date.parse('2026-03-01T00:00:00Z'); ms < Date.parse('2026-04-15T00:00:00Z'); ms += 45 * 60_000) {
        const wall = wallTimeAt(zone, new Date(ms));
        const instant = instantOf(zone, wall);
        expect(wallTimeAt(zone, instant)).toEqual(wall);
        expect(instant.getTime()).toBeLessThanOrEqual(ms);
      }
    }
  });

  it('canonicalZone spells zones the way Intl does and rejects unknown ones', () => {
    expect(canonicalZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalZone('utc')).toBe('UTC');
    expect(canonicalZone('Mars/Olympus')).toBeNull();
    expect(canonicalZone('+05:30')).toBeNull();
  });
});
