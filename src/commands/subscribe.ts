import { DEFAULT_TIME, DEFAULT_WEEKDAY, ScheduleSchema, WEEKDAYS, zoneProblem, type Schedule, type Weekday } from '../core/schedule/schedule.js';
import { spellZone } from '../core/schedule/zone-names.js';
import type { ParseProblem } from './parse.js';
import { suggestZones } from './zones.js';

// `/subscribe [weekday] [HH:MM] [zone]`: Slack sends it as text, Discord as three optional
// options; both go through the same readers, so they accept and refuse the same things.

export type SubscribeParsed = { ok: true; schedule: Schedule } | { ok: false; error: ParseProblem };

export function subscribeUsage(defaultZone: string): string {
  return `/subscribe [weekday] [HH:MM] [time zone] — e.g. /subscribe, /subscribe monday 09:00 Europe/Berlin (default: ${DEFAULT_WEEKDAY} ${DEFAULT_TIME} ${defaultZone})`;
}

const WEEKDAY_HELP = `Weekdays: ${WEEKDAYS.join(', ')} (or mon, tue, …).`;
const TIME_HELP = 'Times: HH:MM on a 24-hour clock, e.g. 09:00 or 17:30 (9am and 5:30pm work too).';

type Read<T> = { value: T } | { problem: string };

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
  if (!match || (match[2] === undefined && match[3] === undefined)) return /^\d+[:.]\d*$/.test(text) ? { problem: `"${text}" is not a time of day. ${TIME_HELP}` } : null;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const half = match[3]?.toLowerCase();
  if (half !== undefined) {
    if (hours < 1 || hours > 12) return { problem: `"${text}" is not a time of day. ${TIME_HELP}` };
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return { problem: `"${text}" is not a time of day. ${TIME_HELP}` };
  return { value: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

/** An IANA name, or a city on its own ("berlin", "new_york") when it names exactly one zone. */
function readZone(text: string): Read<string> {
  const city = text.toLowerCase();
  const [only, ...more] = suggestZones(text).filter((zone) => zone.toLowerCase().endsWith(`/${city}`));
  if (only !== undefined && more.length === 0) return { value: only };
  const problem = zoneProblem(text);
  if (problem === null) return { value: text };
  const [guess] = suggestZones(text, 1);
  return { problem: guess ? `${problem} Did you mean ${guess}?` : problem };
}

function schedule(parts: { weekday: Weekday | null; time: string | null; zone: string | null }, defaultZone: string, usage: string): SubscribeParsed {
  const parsed = ScheduleSchema.safeParse({ weekday: parts.weekday ?? DEFAULT_WEEKDAY, time: parts.time ?? DEFAULT_TIME, zone: parts.zone ?? defaultZone });
  if (parsed.success) return { ok: true, schedule: parsed.data };
  return { ok: false, error: { problem: parsed.error.issues.map((issue) => issue.message).join(' '), usage } };
}

/** The text after `/subscribe`, in any order: what is left out takes the default. */
export function parseSubscribeText(raw: string, defaultZone: string): SubscribeParsed {
  const usage = subscribeUsage(defaultZone);
  const fail = (problem: string): SubscribeParsed => ({ ok: false, error: { problem, usage } });
  // "9 am" is one time, not a number and a word.
  const words = raw.trim().replace(/(\d)\s+(am|pm)\b/gi, '$1$2').split(/\s+/).filter((w) => w !== '');
  const found: { weekday: Weekday | null; time: string | null; zone: string | null } = { weekday: null, time: null, zone: null };
  const once = <K extends keyof typeof found>(key: K, value: NonNullable<(typeof found)[K]>, word: string, name: string): string | null => {
    if (found[key] !== null) return `Give one ${name}, not ${found[key]} and ${word}.`;
    found[key] = value;
    return null;
  };
  for (const word of words) {
    const weekday = readWeekday(word);
    const time = weekday ? null : readTime(word);
    let problem: string | null;
    if (weekday) problem = once('weekday', weekday, word, 'weekday');
    else if (time && 'problem' in time) problem = time.problem;
    else if (time) problem = once('time', time.value, word, 'time');
    else {
      const zone = readZone(word);
      // A word that is no zone at all may have been meant as anything; one that is zone-shaped
      // (has a slash, or Intl knows it, like EST) gets the zone's own reason.
      if ('value' in zone) problem = once('zone', zone.value, word, 'time zone');
      else if (word.includes('/') || spellZone(word) !== null) problem = zone.problem;
      else {
        const [guess] = suggestZones(word, 1);
        problem = `"${word}" is not a weekday, a time or a time zone. ${WEEKDAY_HELP} ${TIME_HELP} Time zones: IANA names such as Europe/Berlin${guess ? ` (did you mean ${guess}?)` : ''}.`;
      }
    }
    if (problem) return fail(problem);
  }
  return schedule(found, defaultZone, usage);
}

/** Discord's options, each read as what its name says; a missing one takes the default. */
export function parseSubscribeOptions(options: { weekday?: string | null; time?: string | null; timezone?: string | null }, defaultZone: string): SubscribeParsed {
  const usage = subscribeUsage(defaultZone);
  const fail = (problem: string): SubscribeParsed => ({ ok: false, error: { problem, usage } });
  const given = (text: string | null | undefined) => (text === null || text === undefined || text.trim() === '' ? null : text.trim());
  const weekdayText = given(options.weekday);
  const timeText = given(options.time);
  const zoneText = given(options.timezone);
  const weekday = weekdayText === null ? null : readWeekday(weekdayText);
  if (weekdayText !== null && weekday === null) return fail(`"${weekdayText}" is not a weekday. ${WEEKDAY_HELP}`);
  const time = timeText === null ? null : (readTime(timeText) ?? { problem: `"${timeText}" is not a time of day. ${TIME_HELP}` });
  if (time && 'problem' in time) return fail(time.problem);
  const zone = zoneText === null ? null : readZone(zoneText);
  if (zone && 'problem' in zone) return fail(zone.problem);
  return schedule({ weekday, time: time?.value ?? null, zone: zone?.value ?? null }, defaultZone, usage);
}
