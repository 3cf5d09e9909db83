import { canonicalZone } from './zone.js';

// The zone names people pick from and type. Node's ICU lists some zones under names IANA has since
// replaced (Node 20 says Asia/Calcutta, people say Asia/Kolkata); Intl accepts both, so the
// current name is the one offered and stored.
const RENAMED: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

/** Every zone on offer, current names, sorted, UTC included. */
export const ZONE_NAMES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone').map((zone) => RENAMED[zone] ?? zone)])]
  .filter((zone) => canonicalZone(zone) !== null)
  .sort();

const BY_LOWER_CASE = new Map(ZONE_NAMES.map((zone) => [zone.toLowerCase(), zone]));

/**
 * A zone as typed, spelled the way it is stored (`europe/berlin` → `Europe/Berlin`; a link such as
 * `US/Eastern` → `America/New_York`), or null when Intl does not know it.
 */
export function spellZone(text: string): string | null {
  const listed = BY_LOWER_CASE.get(text.toLowerCase());
  if (listed) return listed;
  const canonical = canonicalZone(text);
  return canonical === null ? null : (RENAMED[canonical] ?? canonical);
}
