import type { Day } from '../types.js';
import { addDays, dayOfWeek } from '../week.js';
import { isoWeekday, type Schedule } from './schedule.js';
import { instantOf, wallTimeAt } from './zone.js';

/**
 * One occurrence of a schedule. It is identified by its LOCAL date, so whatever the clocks do that
 * day (01:30 twice on fall-back day, no 02:30 on spring-forward day) a subscription has exactly one
 * slot per scheduled date: the key is what the delivery ledger claims.
 */
export interface Slot {
  /** The local date, `YYYY-MM-DD`. */
  key: Day;
  /** When it posts: see `instantOf` for the times a wall clock shows twice or skips. */
  instant: Date;
}

/** The schedule's slot on a local date (the date's weekday is not checked: a ledger key is any date). */
export function slotAt(schedule: Schedule, localDate: Day): Slot {
  return { key: localDate, instant: instantOf(schedule.zone, { date: localDate, time: schedule.time }) };
}

/** The scheduled date on or before the local date of `at` (today when today is the weekday). */
function scheduledDateOnOrBefore(schedule: Schedule, at: Date): Day {
  const today = wallTimeAt(schedule.zone, at).date;
  return addDays(today, -((dayOfWeek(today) - isoWeekday(schedule.weekday) + 7) % 7));
}

/** The newest slot whose instant is at or before `now`. */
export function latestSlotAtOrBefore(schedule: Schedule, now: Date): Slot {
  const slot = slotAt(schedule, scheduledDateOnOrBefore(schedule, now));
  return slot.instant.getTime() <= now.getTime() ? slot : previousSlot(schedule, slot);
}

/** The first slot whose instant is strictly after `after`. */
export function nextSlot(schedule: Schedule, after: Date): Slot {
  const slot = slotAt(schedule, addDays(scheduledDateOnOrBefore(schedule, after), 7));
  // The slot a week on is next unless this week's is still ahead.
  const thisWeek = previousSlot(schedule, slot);
  return thisWeek.instant.getTime() > after.getTime() ? thisWeek : slot;
}

/** The slot one week before `slot`. */
export function previousSlot(schedule: Schedule, slot: Slot): Slot {
  return slotAt(schedule, addDays(slot.key, -7));
}
