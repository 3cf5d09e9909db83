import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/commands/parse.js';
import { parseSubscribeOptions, parseSubscribeText, type SubscribeParsed } from '../../src/commands/subscribe.js';
import { renderInputError, renderProblem } from '../../src/render/problems.js';

const ok = (parsed: SubscribeParsed) => {
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
  return parsed.schedule;
};
/** The problem as the terminal says it. */
const problem = (parsed: SubscribeParsed) => {
  if (parsed.ok) throw new Error(`parsed: ${JSON.stringify(parsed.schedule)}`);
  return renderProblem(parsed.problem, 'text');
};
const text = (raw: string, zone = 'UTC') => parseSubscribeText(raw, zone);

describe('parseSubscribeText', () => {
  it('takes the defaults when nothing is given: Monday 09:00 in the default zone', () => {
    expect(ok(text(''))).toEqual({ weekday: 'monday', time: '09:00', zone: 'UTC' });
    expect(ok(text('   ', 'Europe/Berlin'))).toEqual({ weekday: 'monday', time: '09:00', zone: 'Europe/Berlin' });
  });

  it('reads weekday, time and zone in any order', () => {
    const berlin = { weekday: 'monday', time: '09:00', zone: 'Europe/Berlin' };
    expect(ok(text('monday 09:00 Europe/Berlin'))).toEqual(berlin);
    expect(ok(text('Europe/Berlin 09:00 monday'))).toEqual(berlin);
    expect(ok(text('09:00  europe/berlin   MON'))).toEqual(berlin);
    expect(ok(text('friday'))).toEqual({ weekday: 'friday', time: '09:00', zone: 'UTC' });
    expect(ok(text('17:30', 'America/New_York'))).toEqual({ weekday: 'monday', time: '17:30', zone: 'America/New_York' });
  });

  it('accepts the usual ways of writing weekdays and times', () => {
    expect(ok(text('tues')).weekday).toBe('tuesday');
    expect(ok(text('thurs')).weekday).toBe('thursday');
    expect(ok(text('Wednesdays')).weekday).toBe('wednesday');
    expect(ok(text('9:05')).time).toBe('09:05');
    expect(ok(text('9am')).time).toBe('09:00');
    expect(ok(text('5:30pm')).time).toBe('17:30');
    expect(ok(text('12 am')).time).toBe('00:00');
    expect(ok(text('12pm')).time).toBe('12:00');
    expect(ok(text('23:59')).time).toBe('23:59');
  });

  it('accepts a city that names one zone, and modern zone names', () => {
    expect(ok(text('berlin')).zone).toBe('Europe/Berlin');
    expect(ok(text('new_york')).zone).toBe('America/New_York');
    expect(ok(text('Asia/Kolkata')).zone).toBe('Asia/Kolkata');
    expect(ok(text('utc')).zone).toBe('UTC');
  });

  it('a bad weekday, time or zone gets a readable error naming what is accepted', () => {
    expect(problem(text('funday'))).toMatch(/^"funday" is not a weekday, a time or a time zone\. Weekdays: monday, tuesday, .*Times: HH:MM .*Time zones: IANA names/);
    expect(problem(text('25:00'))).toBe('"25:00" is not a time of day. Times: HH:MM on a 24-hour clock, e.g. 09:00 or 17:30 (9am and 5:30pm work too).');
    expect(problem(text('9:75'))).toMatch(/^"9:75" is not a time of day/);
    expect(problem(text('13pm'))).toMatch(/^"13pm" is not a time of day/);
    expect(problem(text('9:'))).toMatch(/^"9:" is not a time of day/);
    expect(problem(text('Europe/Berln'))).toBe(
      '"Europe/Berln" is not a time zone; use an IANA time zone such as Europe/Berlin, America/New_York or UTC. Did you mean Europe/Berlin?',
    );
    expect(problem(text('EST'))).toMatch(/^"EST" is an abbreviation, not a place/);
    expect(text('9').ok).toBe(false);
  });

  it('refuses two of a kind instead of guessing', () => {
    expect(problem(text('monday friday'))).toBe('Give one weekday, not monday and friday.');
    expect(problem(text('09:00 10:00'))).toBe('Give one time, not 09:00 and 10:00.');
    expect(problem(text('Europe/Berlin Europe/Paris'))).toBe('Give one time zone, not Europe/Berlin and Europe/Paris.');
  });

  it('every error carries the usage with the deployment default', () => {
    const parsed = parseCommandText('subscribe', 'funday', 'Europe/Berlin');
    expect(parsed.ok || renderInputError(parsed.error, 'text').split('\n')[1]).toBe(
      'Usage: /subscribe [weekday] [HH:MM] [time zone] — e.g. /subscribe, /subscribe monday 09:00 Europe/Berlin (default: monday 09:00 Europe/Berlin)',
    );
  });
});

describe('parseSubscribeOptions', () => {
  it('reads Discord options with the same rules; missing or empty ones take the default', () => {
    expect(ok(parseSubscribeOptions({}, 'UTC'))).toEqual({ weekday: 'monday', time: '09:00', zone: 'UTC' });
    expect(ok(parseSubscribeOptions({ weekday: 'Fri', time: '5pm', timezone: 'berlin' }, 'UTC'))).toEqual({ weekday: 'friday', time: '17:00', zone: 'Europe/Berlin' });
    expect(ok(parseSubscribeOptions({ weekday: null, time: ' ', timezone: 'America/New_York' }, 'UTC'))).toEqual({ weekday: 'monday', time: '09:00', zone: 'America/New_York' });
  });

  it('each option is read as what its name says', () => {
    expect(problem(parseSubscribeOptions({ weekday: '09:00' }, 'UTC'))).toMatch(/^"09:00" is not a weekday\. Weekdays: monday/);
    expect(problem(parseSubscribeOptions({ time: 'monday' }, 'UTC'))).toMatch(/^"monday" is not a time of day\. Times: HH:MM/);
    expect(problem(parseSubscribeOptions({ time: '9' }, 'UTC'))).toMatch(/^"9" is not a time of day/);
    expect(problem(parseSubscribeOptions({ timezone: 'Mars/Olympus' }, 'UTC'))).toMatch(/^"Mars\/Olympus" is not a time zone/);
  });

  it('Slack text and Discord options agree', () => {
    expect(parseSubscribeOptions({ weekday: 'sunday', time: '02:30', timezone: 'America/New_York' }, 'UTC')).toEqual(text('sunday 02:30 America/New_York'));
  });
});
