// Wall-clock arithmetic in IANA time zones, on Intl alone: the zone rules come from the ICU data
// Node ships, and the two awkward cases of a local time (it happens twice, or not at all) are
// decided here, once, by explicit rules instead of whatever a date library defaults to.

/** A local calendar date and time of day, both as written on a wall clock. */
export interface WallTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, 24-hour */
  time: string;
}

const MS_PER_MINUTE = 60_000;

// Building a DateTimeFormat costs ~100× formatting with one, and a minute tick formats thousands.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** The zone's name as Intl spells it (`europe/berlin` → `Europe/Berlin`), or null when Intl does not know it. */
export function canonicalZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The local wall clock at an instant, as minutes since the epoch read as if the wall were UTC. */
function wallMinutes(zone: string, instantMs: number): number {
  const parts = formatter(zone).formatToParts(instantMs);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const year = field('year');
  const utc = new Date(0);
  utc.setUTCFullYear(year, field('month') - 1, field('day'));
  utc.setUTCHours(field('hour'), field('minute'));
  return utc.getTime() / MS_PER_MINUTE;
}

function fromWallMinutes(minutes: number): WallTime {
  const iso = new Date(minutes * MS_PER_MINUTE).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

function toWallMinutes({ date, time }: WallTime): number {
  return Date.parse(`${date}T${time}:00Z`) / MS_PER_MINUTE;
}

/** What the wall clock in `zone` reads at `instant` (seconds dropped). */
export function wallTimeAt(zone: string, instant: Date): WallTime {
  return fromWallMinutes(wallMinutes(zone, instant.getTime()));
}

/** The zone's UTC offset at an instant, in minutes (New York in winter: -300). */
function offsetMinutes(zone: string, instantMs: number): number {
  const instantMinute = Math.floor(instantMs / MS_PER_MINUTE);
  return wallMinutes(zone, instantMinute * MS_PER_MINUTE) - instantMinute;
}

/**
 * The instant a local wall time names in `zone`. A time the clocks pass twice (fall-back) is its
 * FIRST occurrence; a time the clocks skip (spring-forward, or a whole skipped day) is the first
 * minute that exists after it, i.e. the moment of the transition — never dropped, never moved by the
 * size of the gap (02:30 on New York's spring-forward day is 03:00 EDT, not 03:30).
 */
export function instantOf(zone: string, wall: WallTime): Date {
  const wanted = toWallMinutes(wall);
  // A zone's offsets on either side of the wall time: every rule change on Earth is at least days
  // apart, so one day either way straddles at most one transition.
  const offsets = new Set([offsetMinutes(zone, (wanted - 1440) * MS_PER_MINUTE), offsetMinutes(zone, (wanted + 1440) * MS_PER_MINUTE)]);
  const candidates = [...offsets].map((offset) => wanted - offset).sort((a, b) => a - b);
  const exact = candidates.find((minute) => wallMinutes(zone, minute * MS_PER_MINUTE) === wanted);
  if (exact !== undefined) return new Date(exact * MS_PER_MINUTE);
  // In a gap: the earliest candidate reads before the wanted time, the latest after it. The
  // transition is the first minute between them whose wall clock is at or past the wanted time.
  let before = candidates[0] ?? wanted;
  let after = candidates[candidates.length - 1] ?? wanted;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (wallMinutes(zone, middle * MS_PER_MINUTE) >= wanted) after = middle;
    else before = middle;
  }
  return new Date(after * MS_PER_MINUTE);
}
