import { z } from 'zod';
import { spellZone } from './zone-names.js';

// When a channel wants its brief: a weekday and a local time in an IANA zone. The default zone is
// a parameter (the app reads TOKENBRIEF_TZ once at start); core reads no environment.

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** 1 = Monday … 7 = Sunday, the ISO numbering `dayOfWeek` uses. */
export function isoWeekday(weekday: Weekday): number {
  return WEEKDAYS.indexOf(weekday) + 1;
}

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export const ZONE_FAULTS = ['unknown', 'abbreviation'] as const;
export type ZoneFault = (typeof ZONE_FAULTS)[number];

/**
 * Why `zone` is not a usable IANA zone, or null when it is. Abbreviations are refused even where
 * Intl knows them: `EST` is a fixed UTC−5 (Intl reads it as America/Panama), so a team in New York
 * typing it would get briefs an hour off all summer.
 */
export function zoneFault(zone: string): ZoneFault | null {
  if (spellZone(zone) === null) return 'unknown';
  if (!zone.includes('/') && !/^(utc|gmt)$/i.test(zone)) return 'abbreviation';
  return null;
}

/**
 * A usable zone. What people type (/subscribe, TOKENBRIEF_TZ) is checked before it gets here and
 * told in templates/<platform>/problem.hbs's words, so a fault here is stored data gone bad: the
 * message is for the log, like the weekday's and the time's.
 */
export const ZoneSchema = z
  .string()
  .refine((zone) => zoneFault(zone) === null, { error: 'zone must be an IANA time zone' })
  // One spelling per zone, so two channels in one zone compare equal.
  .transform((zone) => spellZone(zone) ?? zone);

export const ScheduleSchema = z
  .object({
    weekday: z.enum(WEEKDAYS, { error: `weekday must be one of ${WEEKDAYS.join(', ')}` }),
    time: z.string().regex(TIME_PATTERN, { error: 'time must be HH:MM on a 24-hour clock, 00:00 to 23:59' }),
    zone: ZoneSchema,
  })
  .strict();

export type Schedule = z.infer<typeof ScheduleSchema>;

export const DEFAULT_WEEKDAY: Weekday = 'monday';
export const DEFAULT_TIME = '09:00';

/** Monday 09:00 in the deployment's default zone (TOKENBRIEF_TZ, else UTC: the caller decides). */
export function defaultSchedule(zone = 'UTC'): Schedule {
  return ScheduleSchema.parse({ weekday: DEFAULT_WEEKDAY, time: DEFAULT_TIME, zone });
}
