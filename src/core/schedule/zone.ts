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
const MINUTES_PER_DAY = 1440;

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
  // Newer Intl (Node 24) also takes a bare offset such as "+05:30": a fixed offset, no summer time,
  // never what a team in a named place means. Only IANA names (and UTC) are zones here.
  if (/^[+\-\u2212]/.test(zone.trim())) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The zone's UTC offset at a minute, in minutes (New York in winter: -300), straight from Intl. */
function intlOffset(zone: string, minute: number): number {
  const parts = formatter(zone).formatToParts(minute * MS_PER_MINUTE);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = new Date(0);
  wall.setUTCFullYear(field('year'), field('month') - 1, field('day'));
  wall.setUTCHours(field('hour'), field('minute'));
  return wall.getTime() / MS_PER_MINUTE - minute;
}

/** A zone's offset during one UTC day: the offset at its start, and the one change inside it, if any. */
interface DayOffsets {
  start: number;
  change: { minute: number; offset: number } | null;
}

// Intl formatting costs microseconds and a minute tick asks for thousands of offsets, nearly all on
// the same few days: each (zone, UTC day) is read from Intl once and kept. Real zones change offset
// at most once a day, so a day whose two ends agree has one offset throughout.
const days = new Map<string, Map<number, DayOffsets>>();
const MAX_CACHED_DAYS = 100_000;
let cachedDays = 0;

function dayOffsets(zone: string, day: number): DayOffsets {
  const known = days.get(zone)?.get(day);
  if (known) return known;
  if (cachedDays >= MAX_CACHED_DAYS) {
    days.clear();
    cachedDays = 0;
  }
  let zoneDays = days.get(zone);
  if (!zoneDays) days.set(zone, (zoneDays = new Map()));
  const first = day * MINUTES_PER_DAY;
  const start = intlOffset(zone, first);
  const end = intlOffset(zone, first + MINUTES_PER_DAY);
  let change: DayOffsets['change'] = null;
  if (start !== end) {
    // The first minute of the day already on the new offset.
    let before = first;
    let after = first + MINUTES_PER_DAY;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (intlOffset(zone, middle) === start) before = middle;
      else after = middle;
    }
    change = { minute: after, offset: end };
  }
  const offsets = { start, change };
  zoneDays.set(day, offsets);
  cachedDays++;
  return offsets;
}

/** The zone's UTC offset at a minute since the epoch, in minutes. */
function offsetAt(zone: string, minute: number): number {
  const { start, change } = dayOffsets(zone, Math.floor(minute / MINUTES_PER_DAY));
  return change && minute >= change.minute ? change.offset : start;
}

/**
 * The wall clock in `zone` at a minute since the epoch, as a "wall minute": minutes since the epoch
 * of the wall reading taken as if it were UTC (so `Math.floor(wall / 1440)` is the local day).
 */
export function wallMinuteAt(zone: string, minute: number): number {
  return minute + offsetAt(zone, minute);
}

function fromWallMinutes(minutes: number): WallTime {
  const iso = new Date(minutes * MS_PER_MINUTE).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** What the wall clock in `zone` reads at `instant` (seconds dropped). */
export function wallTimeAt(zone: string, instant: Date): WallTime {
  return fromWallMinutes(wallMinuteAt(zone, Math.floor(instant.getTime() / MS_PER_MINUTE)));
}

/** The instant a local wall time names in `zone`: see `instantOfWallMinute`. */
export function instantOf(zone: string, { date, time }: WallTime): Date {
  return new Date(instantOfWallMinute(zone, Date.parse(`${date}T${time}:00Z`) / MS_PER_MINUTE) * MS_PER_MINUTE);
}

/**
 * The minute since the epoch that a wall minute (see `wallMinuteAt`) names in `zone`. A time the
 * clocks pass twice (fall-back) is its FIRST occurrence; a time the clocks skip (spring-forward, or a whole skipped day) is the first
 * minute that exists after it, i.e. the moment of the transition — never dropped, never moved by the
 * size of the gap (02:30 on New York's spring-forward day is 03:00 EDT, not 03:30).
 */
export function instantOfWallMinute(zone: string, wanted: number): number {
  // A zone's offsets on either side of the wall time: every rule change on Earth is at least days
  // apart, so one day either way straddles at most one transition. The larger offset names the
  // earlier instant.
  const before = offsetAt(zone, wanted - MINUTES_PER_DAY);
  const after = offsetAt(zone, wanted + MINUTES_PER_DAY);
  let early = wanted - Math.max(before, after);
  let late = wanted - Math.min(before, after);
  if (wallMinuteAt(zone, early) === wanted) return early;
  if (wallMinuteAt(zone, late) === wanted) return late;
  // In a gap: the early candidate reads before the wanted time, the late one after it. The
  // transition is the first minute between them whose wall clock is at or past the wanted time.
  while (late - early > 1) {
    const middle = Math.floor((early + late) / 2);
    if (wallMinuteAt(zone, middle) >= wanted) late = middle;
    else early = middle;
  }
  return late;
}
