import { describe, expect, it } from 'vitest';
import type { InputProblem } from '../../src/core/problems.js';
import { renderInputError, renderProblem } from '../../src/render/problems.js';

// Every problem a parser can find, in the words the user reads (templates/<platform>/problem.hbs):
// the same sentence on every platform, with only what was typed escaped for it.

const SAID: Array<[InputProblem, string]> = [
  [{ kind: 'no_model' }, 'Which model?'],
  [{ kind: 'two_models', vs: true }, 'Name two models, separated by "vs".'],
  [{ kind: 'two_models', vs: false }, 'Name two models.'],
  [{ kind: 'unknown_option', text: 'now' }, 'Unknown option "now".'],
  [{ kind: 'takes_nothing', command: 'status', text: 'now' }, '/status takes no options; got "now".'],
  [{ kind: 'switch_takes_nothing', on: false }, '/alerts off takes nothing after it.'],
  [{ kind: 'top_size', got: '26', max: 25 }, 'n must be a whole number from 1 to 25, got 26.'],
  [{ kind: 'given_twice', what: 'zone', first: 'Europe/Berlin', second: 'Europe/Paris' }, 'Give one time zone, not Europe/Berlin and Europe/Paris.'],
  [{ kind: 'not_number_or_country', text: 'lots' }, '"lots" is neither a number nor a country code.'],
  [{ kind: 'no_chart' }, 'Which chart? share or top.'],
  [{ kind: 'unknown_chart', text: 'pie' }, 'Unknown chart "pie". Charts: share, top.'],
  [{ kind: 'one_weeks', text: '4 5' }, 'Give one number of weeks, not "4 5".'],
  [{ kind: 'chart_weeks', got: '99', min: 2, max: 52 }, 'weeks must be a whole number from 2 to 52, got 99.'],
  [{ kind: 'no_threshold' }, 'Which threshold? One of rankMovePlaces, topN, surgePct, slumpPct, minTokens, priceChangePct.'],
  [{ kind: 'unknown_threshold', text: 'loudness' }, 'Unknown threshold "loudness". Thresholds: rankMovePlaces, topN, surgePct, slumpPct, minTokens, priceChangePct.'],
  [{ kind: 'no_value', name: 'surgePct' }, 'Which value for surgePct?'],
  [{ kind: 'not_a_number', text: 'lots' }, '"lots" is not a number (e.g. 40, 12.5, 100B, 2T).'],
  [{ kind: 'not_a_number', text: null }, 'The value must be a number.'],
  [{ kind: 'out_of_range', name: 'surgePct', got: 0.5, range: { whole: false, min: 1, max: 10_000 } }, 'surgePct must be a number from 1 to 10000; got 0.5.'],
  [{ kind: 'no_charts_switch' }, 'Charts on or off?'],
  [{ kind: 'bad_charts_switch', text: 'maybe' }, 'Charts are on or off, not "maybe".'],
  [{ kind: 'bad_charts_switch', text: null }, 'Charts are on or off.'],
  [{ kind: 'no_watch_model', action: 'unwatch' }, 'Which model to unwatch?'],
  [{ kind: 'unknown_subcommand', text: 'frobnicate' }, 'Unknown subcommand "frobnicate".'],
  [{ kind: 'bad_weekday', text: '09:00' }, '"09:00" is not a weekday. Weekdays: monday, tuesday, wednesday, thursday, friday, saturday, sunday (or mon, tue, …).'],
  [{ kind: 'bad_time', text: '25:00' }, '"25:00" is not a time of day. Times: HH:MM on a 24-hour clock, e.g. 09:00 or 17:30 (9am and 5:30pm work too).'],
  [
    { kind: 'bad_zone', text: 'Europe/Berln', fault: 'unknown', guess: 'Europe/Berlin' },
    '"Europe/Berln" is not a time zone; use an IANA time zone such as Europe/Berlin, America/New_York or UTC. Did you mean Europe/Berlin?',
  ],
  [{ kind: 'bad_zone', text: 'EST', fault: 'abbreviation', guess: null }, '"EST" is an abbreviation, not a place; use an IANA time zone such as Europe/Berlin, America/New_York or UTC.'],
  [
    { kind: 'not_schedule_word', text: 'funday', guess: null },
    '"funday" is not a weekday, a time or a time zone. Weekdays: monday, tuesday, wednesday, thursday, friday, saturday, sunday (or mon, tue, …). ' +
      'Times: HH:MM on a 24-hour clock, e.g. 09:00 or 17:30 (9am and 5:30pm work too). Time zones: IANA names such as Europe/Berlin.',
  ],
];

describe('renderProblem', () => {
  it.each(SAID)('%j', (problem, said) => {
    expect(renderProblem(problem, 'text')).toBe(said);
    expect(renderProblem(problem, 'slack')).toBe(said);
    expect(renderProblem(problem, 'discord')).toBe(said);
  });

  it('what was typed is escaped for the platform; a zone named in a hint stays copyable on Slack', () => {
    const typed: InputProblem = { kind: 'unknown_option', text: '<!channel> *now*' };
    expect(renderProblem(typed, 'text')).toBe('Unknown option "<!channel> *now*".');
    expect(renderProblem(typed, 'slack')).toBe('Unknown option "&lt;!channel&gt; \u2217now\u2217".');
    expect(renderProblem(typed, 'discord')).toBe('Unknown option "<\u200b!channel\\> \\*now\\*".');
    const zone: InputProblem = { kind: 'not_schedule_word', text: 'york', guess: 'America/New_York' };
    expect(renderProblem(zone, 'slack')).toMatch(/\(did you mean America\/New_York\?\)\.$/);
    expect(renderProblem(zone, 'discord')).toMatch(/\(did you mean America\/New\\_York\?\)\.$/);
  });
});

describe('renderInputError', () => {
  it('the problem, then the command usage the platform way', () => {
    const error = { command: 'price', problem: { kind: 'no_model' }, defaultZone: 'UTC' } as const;
    expect(renderInputError(error, 'text')).toBe('Which model?\nUsage: /price <model> — e.g. /price kimi, /price claude opus');
    expect(renderInputError(error, 'slack')).toBe(':warning: Which model?\n*Usage:* /price &lt;model&gt; — e.g. /price kimi, /price claude opus');
    expect(renderInputError(error, 'discord')).toBe('⚠️ Which model?\n**Usage:** /price <model> — e.g. /price kimi, /price claude opus');
  });

  it("/subscribe's usage names the deployment's default zone", () => {
    const error = { command: 'subscribe', problem: { kind: 'bad_time', text: 'noon' }, defaultZone: 'America/New_York' } as const;
    expect(renderInputError(error, 'text').split('\n')[1]).toBe(
      'Usage: /subscribe [weekday] [HH:MM] [time zone] — e.g. /subscribe, /subscribe monday 09:00 Europe/Berlin (default: monday 09:00 America/New_York)',
    );
  });

  it("a threshold out of its range gets /alerts set's usage for that threshold", () => {
    const problem = { kind: 'out_of_range', name: 'topN', got: 99, range: { whole: true, min: 3, max: 50 } } as const;
    expect(renderInputError({ command: 'alerts', problem, defaultZone: 'UTC' }, 'slack')).toBe(
      ':warning: topN must be a whole number from 3 to 50; got 99.\n*Usage:* /alerts set topN &lt;a whole number from 3 to 50&gt;',
    );
  });
});
