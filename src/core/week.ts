import type { Day, IsoWeek } from './types.js';

// ISO-8601 week arithmetic on UTC calendar days. Days are handled as whole days since the Unix
// epoch, so there is no time of day, no time zone and no clock involved anywhere.

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_PATTERN = /^(\d{4})-?[wW](\d{1,2})$/;

function epochDayOf(year: number, month: number, dayOfMonth: number): number {
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): Day {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

function toEpochDay(day: Day): number {
  const match = DAY_PATTERN.exec(day);
  if (match) {
    const epochDay = epochDayOf(Number(match[1]), Number(match[2]), Number(match[3]));
    // Dates roll 2026-02-30 over to March; a round trip catches that.
    if (fromEpochDay(epochDay) === day) return epochDay;
  }
  throw new RangeError(`not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
}

/** 1 = Monday … 7 = Sunday. */
function isoDayOfEpochDay(epochDay: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

function formatWeek(year: number, week: number): IsoWeek {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function mondayOfWeekOne(year: number): number {
  // Week 1 is the week holding January 4th.
  const jan4 = epochDayOf(year, 1, 4);
  return jan4 - (isoDayOfEpochDay(jan4) - 1);
}

function weekParts(epochDay: number): { year: number; week: number } {
  // A week belongs to the year its Thursday falls in.
  const thursday = epochDay + 4 - isoDayOfEpochDay(epochDay);
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  return { year, week: Math.floor((thursday - epochDayOf(year, 1, 1)) / 7) + 1 };
}

function weeksInYear(year: number): number {
  // December 28th always lies in the year's last ISO week.
  return weekParts(epochDayOf(year, 12, 28)).week;
}

function mondayOf(week: IsoWeek): number {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  const year = Number(match?.[1]);
  const number = Number(match?.[2]);
  if (!match || number < 1 || number > weeksInYear(year)) {
    throw new RangeError(`not an ISO week (YYYY-Www): ${JSON.stringify(week)}`);
  }
  return mondayOfWeekOne(year) + (number - 1) * 7;
}

/** True for a strict `YYYY-MM-DD` that names a real calendar day. */
export function isDay(text: string): boolean {
  try {
    toEpochDay(text);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: Day, n: number): Day {
  return fromEpochDay(toEpochDay(day) + n);
}

/** 1 = Monday … 7 = Sunday. */
export function dayOfWeek(day: Day): number {
  return isoDayOfEpochDay(toEpochDay(day));
}

export function isoWeekOf(day: Day): IsoWeek {
  const { year, week } = weekParts(toEpochDay(day));
  return formatWeek(year, week);
}

/** Monday and Sunday of an ISO week. */
export function weekRange(week: IsoWeek): { start: Day; end: Day } {
  const monday = mondayOf(week);
  return { start: fromEpochDay(monday), end: fromEpochDay(monday + 6) };
}

/**
 * Reads what people type (`2026-W07`, `2026-w7`, `2026W07`) into the canonical `2026-W07`; null for
 * anything else, including week 0 and a week 53 the year does not have.
 */
export function parseIsoWeek(text: string): IsoWeek | null {
  const match = WEEK_PATTERN.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInYear(year)) return null;
  return formatWeek(year, week);
}

export function previousWeek(week: IsoWeek): IsoWeek {
  return isoWeekOf(fromEpochDay(mondayOf(week) - 7));
}

export function nextWeek(week: IsoWeek): IsoWeek {
  return isoWeekOf(fromEpochDay(mondayOf(week) + 7));
}

/** Every week from `from` to `to`, both included; empty when `to` comes before `from`. */
export function weeksBetween(from: IsoWeek, to: IsoWeek): IsoWeek[] {
  const last = mondayOf(to);
  const weeks: IsoWeek[] = [];
  for (let monday = mondayOf(from); monday <= last; monday += 7) weeks.push(isoWeekOf(fromEpochDay(monday)));
  return weeks;
}

/** Every day from `start` to `end`, both included; empty when `end` comes before `start`. */
export function daysInRange(start: Day, end: Day): Day[] {
  const last = toEpochDay(end);
  const days: Day[] = [];
  for (let day = toEpochDay(start); day <= last; day++) days.push(fromEpochDay(day));
  return days;
}

/** The newest week whose Sunday is on or before `lastDay`: the newest week that data can fully cover. */
export function latestCompleteWeek(lastDay: Day): IsoWeek {
  const week = isoWeekOf(lastDay);
  return dayOfWeek(lastDay) === 7 ? week : previousWeek(week);
}
