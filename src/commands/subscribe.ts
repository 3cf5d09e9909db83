import type { InputProblem } from '../core/problems.js';
import { DEFAULT_TIME, DEFAULT_WEEKDAY, ScheduleSchema, WEEKDAYS, zoneFault, type Schedule, type Weekday } from '../core/schedule/schedule.js';
import { spellZone } from '../core/schedule/zone-names.js';
import { suggestZones } from './zones.js';

// `/subscribe [weekday] [HH:MM] [zone]`: Slack sends it as text, Discord as three optional
// options; both go through the same readers, so they accept and refuse the same things.

export type SubscribeParsed = { ok: true; schedule: Schedule } | { ok: false; problem: InputProblem };

type Read<T> = { value: T } | { problem: InputProblem };

/** `monday`, `Mon`, `mondays`, `tues`, `thurs`. */
function readWeekday(text: string): Weekday | null {
  const word = text.toLowerCase().replace(/s$/, '');
  if (word.length < 3) return null;
  return WEEKDAYS.find((day) => day.startsWith(word)) ?? null;
}

const TIME_SHAPE = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/i;

/** Null when the text does not look like a time at all; a problem when it does but is no time of day. */
function readTime(text: string): Read<string> | null {
  const match = TIME_SHAPE.exec(text);
  // A bare number is a time only with am/pm ("9am"): "9" alone could be anything.
  const noTime = { problem: { kind: 'bad_time', text } } as const;
  if (!match || (match[2] === undefined && match[3] === undefined)) return /^\d+[:.]\d*$/.test(text) ? noTime : null;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const half = match[3]?.toLowerCase();
  if (half !== undefined) {
    if (hours < 1 || hours > 12) return noTime;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return noTime;
  return { value: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

/** An IANA name, or a city on its own ("berlin", "new_york") when it names exactly one zone. */
function readZone(text: string): Read<string> {
  const city = text.toLowerCase();
  const [only, ...more] = suggestZones(text).filter((zone) => zone.toLowerCase().endsWith(`/${city}`));
  if (only !== undefined && more.length === 0) return { value: only };
  const fault = zoneFault(text);
  if (fault === null) return { value: text };
  return { problem: { kind: 'bad_zone', text, fault, guess: suggestZones(text, 1)[0] ?? null } };
}

/**
 * What was read, with the defaults for the rest. The readers let only valid parts through, and the
 * default zone was checked with the configuration, so the schema only normalises.
 */
function schedule(parts: { weekday: Weekday | null; time: string | null; zone: string | null }, defaultZone: string): SubscribeParsed {
  return { ok: true, schedule: ScheduleSchema.parse({ weekday: parts.weekday ?? DEFAULT_WEEKDAY, time: parts.time ?? DEFAULT_TIME, zone: parts.zone ?? defaultZone }) };
}

/** The text after `/subscribe`, in any order: what is left out takes the default. */
export function parseSubscribeText(raw: string, defaultZone: string): SubscribeParsed {
  // "9 am" is one time, not a number and a word.
  const words = raw.trim().replace(/(\d)\s+(am|pm)\b/gi, '$1$2').split(/\s+/).filter((w) => w !== '');
  const found: { weekday: Weekday | null; time: string | null; zone: string | null } = { weekday: null, time: null, zone: null };
  const once = <K extends keyof typeof found>(key: K, value: NonNullable<(typeof found)[K]>, word: string): InputProblem | null => {
    const first = found[key];
    if (first !== null) return { kind: 'given_twice', what: key, first, second: word };
    found[key] = value;
    return null;
  };
  for (const word of words) {
    const weekday = readWeekday(word);
    const time = weekday ? null : readTime(word);
    let problem: InputProblem | null;
    if (weekday) problem = once('weekday', weekday, word);
    else if (time && 'problem' in time) problem = time.problem;
    else if (time) problem = once('time', time.value, word);
    else {
      const zone = readZone(word);
      // A word that is no zone at all may have been meant as anything; one that is zone-shaped
      // (has a slash, or Intl knows it, like EST) gets the zone's own reason.
      if ('value' in zone) problem = once('zone', zone.value, word);
      else if (word.includes('/') || spellZone(word) !== null) problem = zone.problem;
      else problem = { kind: 'not_schedule_word', text: word, guess: suggestZones(word, 1)[0] ?? null };
    }
    if (problem) return { ok: false, problem };
  }
  return schedule(found, defaultZone);
}

/** Discord's options, each read as what its name says; a missing one takes the default. */
export function parseSubscribeOptions(options: { weekday?: string | null; time?: string | null; timezone?: string | null }, defaultZone: string): SubscribeParsed {
  const fail = (problem: InputProblem): SubscribeParsed => ({ ok: false, problem });
  const given = (text: string | null | undefined) => (text === null || text === undefined || text.trim() === '' ? null : text.trim());
  const weekdayText = given(options.weekday);
  const timeText = given(options.time);
  const zoneText = given(options.timezone);
  const weekday = weekdayText === null ? null : readWeekday(weekdayText);
  if (weekdayText !== null && weekday === null) return fail({ kind: 'bad_weekday', text: weekdayText });
  const time = timeText === null ? null : (readTime(timeText) ?? { problem: { kind: 'bad_time', text: timeText } });
  if (time && 'problem' in time) return fail(time.problem);
  const zone = zoneText === null ? null : readZone(zoneText);
  if (zone && 'problem' in zone) return fail(zone.problem);
  return schedule({ weekday, time: time?.value ?? null, zone: zone?.value ?? null }, defaultZone);
}
