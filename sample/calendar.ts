// UTC calendar arithmetic for the generator. Self-contained on purpose: the sample must build
// without the application's own modules, so a change there can never silently change the data.

/** A UTC calendar day, `YYYY-MM-DD`. */
export type Day = string;

const MS_PER_DAY = 86_400_000;

function toMs(day: Day): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: Day, days: number): Day {
  return new Date(toMs(day) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((toMs(to) - toMs(from)) / MS_PER_DAY);
}

/** `from`..`to`, both inclusive. */
export function dayRange(from: Day, to: Day): Day[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

/** 0 = Monday … 6 = Sunday (ISO order). */
export function isoWeekday(day: Day): number {
  return (new Date(toMs(day)).getUTCDay() + 6) % 7;
}

/** ISO week label (`2026-W07`): the week belongs to the year of its Thursday. */
export function isoWeek(day: Day): string {
  const thursday = addDays(day, 3 - isoWeekday(day));
  const yearStart = `${thursday.slice(0, 4)}-01-01`;
  const week = Math.floor(daysBetween(yearStart, thursday) / 7) + 1;
  return `${thursday.slice(0, 4)}-W${String(week).padStart(2, '0')}`;
}

/** Unix seconds of `day` at `hour`:00 UTC. */
export function unixAt(day: Day, hour: number): number {
  return (toMs(day) + hour * 3_600_000) / 1000;
}
