import { ZONE_NAMES } from '../core/schedule/zone-names.js';

// Time-zone choices for Discord's autocomplete (at most 25) and "did you mean" in /subscribe
// errors. What people type is a city ("berlin", "new york") or the start of a name ("America/"),
// sometimes misspelt; matches are tiered so a prefix always beats a typo match.

export const MAX_ZONE_CHOICES = 25;

// Offered before anything is typed: where most teams are, UTC first.
const COMMON = [
  'UTC', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo', 'America/Toronto',
  'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'Europe/Madrid', 'Europe/Amsterdam', 'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Kyiv',
  'Africa/Lagos', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Seoul', 'Asia/Tokyo',
  'Australia/Sydney', 'Pacific/Auckland',
].filter((zone) => ZONE_NAMES.includes(zone));

const normalize = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '_');

const ZONES = ZONE_NAMES.map((name) => {
  const lower = name.toLowerCase();
  return { name, lower, segments: lower.split('/'), city: lower.slice(lower.lastIndexOf('/') + 1) };
});

function isSubsequence(query: string, text: string): boolean {
  let i = 0;
  for (let j = 0; j < text.length && i < query.length; j++) if (text[j] === query[i]) i++;
  return i === query.length;
}

/** Edit distance (insert, delete, substitute, swap two neighbours), given up once past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length] ?? max + 1;
}

function tier(zone: (typeof ZONES)[number], query: string): number | null {
  if (zone.lower.startsWith(query)) return 0;
  if (zone.segments.some((segment) => segment.startsWith(query))) return 1;
  if (zone.lower.includes(query)) return 2;
  // A typo is held against the city, or against the whole name when one was typed ("Europe/Berln").
  const target = query.includes('/') ? zone.lower : zone.city;
  if (query.length >= 3 && isSubsequence(query, target)) return 3;
  const allowed = query.length >= 7 ? 2 : 1;
  if (query.length >= 4 && distance(query, target, allowed) <= allowed) return 4;
  return null;
}

/** Zone names matching what was typed, best first; the common zones when nothing is typed. */
export function suggestZones(typed: string, limit = MAX_ZONE_CHOICES): string[] {
  const query = normalize(typed);
  if (query === '') return COMMON.slice(0, limit);
  const hits: Array<{ name: string; tier: number }> = [];
  for (const zone of ZONES) {
    const found = tier(zone, query);
    if (found !== null) hits.push({ name: zone.name, tier: found });
  }
  // Among names that start with the query, A to Z (people are browsing "America/"); elsewhere the
  // shortest name is the likeliest city.
  hits.sort((a, b) => a.tier - b.tier || (a.tier === 0 ? 0 : a.name.length - b.name.length) || (a.name < b.name ? -1 : 1));
  return hits.slice(0, limit).map((hit) => hit.name);
}
