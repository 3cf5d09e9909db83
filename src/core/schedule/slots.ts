import type { Day } from '../types.js';
import { isoWeekday, type Schedule } from './schedule.js';
import { instantOfWallMinute, wallMinuteAt } from './zone.js';

/**
 * One occurrence of a schedule. It is identified by its LOCAL date, so whatever the clocks do that
 * day (01:30 twice on fall-back day, no 02:30 on spring-forward day) a subscription has exactly one
 * slot per scheduled date: the key is what the delivery ledger claims.
 */
export interface Slot {
  /** The local date, `YYYY-MM-DD`. */
  key: Day;
  /** When it posts: see `instantOfWallMinute` for the times a wall clock shows twice or skips. */
  instant: Date;
}

// The minute tick computes thousands of slots, so the maths runs on whole numbers: local days since
// the epoch and minutes; a date string is made once per slot, for its key.
const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;

// Keys repeat across thousands of subscriptions (a handful of dates around today): each date string
// is parsed and formatted once.
const dayNumbers = new Map<Day, number>();
const dayKeys = new Map<number, Day>();
const MAX_CACHED = 10_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, value);
  return value;
}

function dayNumber(date: Day): number {
  return dayNumbers.get(date) ?? remember(dayNumbers, date, parseDay(date));
}

function dayKey(day: number): Day {
  return dayKeys.get(day) ?? remember(dayKeys, day, new Date(day * 86_400_000).toISOString().slice(0, 10));
}

function parseDay(date: Day): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar day (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return ms / 86_400_000;
}

function minuteOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function slotOnDay(schedule: Schedule, day: number): Slot {
  const minute = instantOfWallMinute(schedule.zone, day * MINUTES_PER_DAY + minuteOfDay(schedule.time));
  return { key: dayKey(day), instant: new Date(minute * MS_PER_MINUTE) };
}

/** The schedule's slot on a local date (the date's weekday is not checked: a ledger key is any date). */
export function slotAt(schedule: Schedule, localDate: Day): Slot {
  return slotOnDay(schedule, dayNumber(localDate));
}

/** The scheduled local day on or before the local day of `at` (today when today is the weekday). */
function scheduledDayOnOrBefore(schedule: Schedule, at: Date): number {
  const today = Math.floor(wallMinuteAt(schedule.zone, Math.floor(at.getTime() / MS_PER_MINUTE)) / MINUTES_PER_DAY);
  // Day 0, 1970-01-01, was a Thursday: ISO weekday 4.
  const weekday = ((((today + 3) % 7) + 7) % 7) + 1;
  return today - ((weekday - isoWeekday(schedule.weekday) + 7) % 7);
}

/** The newest slot whose instant is at or before `now`. */
export function latestSlotAtOrBefore(schedule: Schedule, now: Date): Slot {
  const day = scheduledDayOnOrBefore(schedule, now);
  const slot = slotOnDay(schedule, day);
  return slot.instant.getTime() <= now.getTime() ? slot : slotOnDay(schedule, day - 7);
}

/** The first slot whose instant is strictly after `after`. */
export function nextSlot(schedule: Schedule, after: Date): Slot {
  const day = scheduledDayOnOrBefore(schedule, after);
  const thisWeek = slotOnDay(schedule, day);
  return thisWeek.instant.getTime() > after.getTime() ? thisWeek : slotOnDay(schedule, day + 7);
}

/** The slot one week before `slot`. */
export function previousSlot(schedule: Schedule, slot: Slot): Slot {
  return slotOnDay(schedule, dayNumber(slot.key) - 7);
}
