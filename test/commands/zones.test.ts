import { describe, expect, it } from 'vitest';
import { MAX_ZONE_CHOICES, suggestZones } from '../../src/commands/zones.js';
import { ZONE_NAMES } from '../../src/core/schedule/zone-names.js';

describe('suggestZones', () => {
  it('offers common zones, UTC first, before anything is typed', () => {
    const choices = suggestZones('');
    expect(choices[0]).toBe('UTC');
    expect(choices).toContain('Europe/Berlin');
    expect(choices.length).toBeLessThanOrEqual(MAX_ZONE_CHOICES);
  });

  it('finds a zone by city, with spaces, in any case', () => {
    expect(suggestZones('berlin')[0]).toBe('Europe/Berlin');
    expect(suggestZones('New York')[0]).toBe('America/New_York');
    expect(suggestZones('SYDNEY')[0]).toBe('Australia/Sydney');
    expect(suggestZones('kolkata')).toEqual(['Asia/Kolkata']);
  });

  it('lists a region A to Z, never more than 25', () => {
    const america = suggestZones('America/');
    expect(america).toHaveLength(25);
    expect(america).toEqual([...america].sort());
    expect(america.every((zone) => zone.startsWith('America/'))).toBe(true);
  });

  it('forgives typos, but a prefix always ranks first', () => {
    expect(suggestZones('Berln')[0]).toBe('Europe/Berlin');
    expect(suggestZones('tokio')[0]).toBe('Asia/Tokyo');
    expect(suggestZones('los')[0]).toBe('America/Los_Angeles');
  });

  it('offers only zones it would accept', () => {
    for (const zone of suggestZones('a', 25)) expect(ZONE_NAMES).toContain(zone);
    expect(suggestZones('qqqqqq')).toEqual([]);
  });
});
