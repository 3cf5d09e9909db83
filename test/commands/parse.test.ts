import { describe, expect, it } from 'vitest';
import { parseCommandText, parseValue, thresholdName } from '../../src/commands/parse.js';
import { renderInputError, renderProblem } from '../../src/render/problems.js';

const input = (command: Parameters<typeof parseCommandText>[0], text: string) => {
  const parsed = parseCommandText(command, text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.input;
};
/** What the parser found wrong, and how the terminal says it: the problem alone, and the whole reply with the usage. */
const problem = (command: Parameters<typeof parseCommandText>[0], text: string) => {
  const parsed = parseCommandText(command, text);
  if (parsed.ok) throw new Error(`parsed: ${JSON.stringify(parsed.input)}`);
  return { ...parsed.error, problem: renderProblem(parsed.error.problem, 'text'), reply: renderInputError(parsed.error, 'text') };
};

describe('parseCommandText', () => {
  it('price takes the whole text as the query', () => {
    expect(input('price', '  claude   opus ')).toEqual({ command: 'price', query: 'claude opus' });
    expect(problem('price', '   ').problem).toBe('Which model?');
  });

  it('top reads n and a country in any order, with country words', () => {
    expect(input('top', '')).toEqual({ command: 'top', n: 10, country: null });
    expect(input('top', '5 cn')).toEqual({ command: 'top', n: 5, country: 'CN' });
    expect(input('top', 'Chinese 3')).toEqual({ command: 'top', n: 3, country: 'CN' });
    expect(problem('top', '26').problem).toBe('n must be a whole number from 1 to 25, got 26.');
    expect(problem('top', '5 cn us').problem).toBe('Give one country, not CN and US.');
    expect(problem('top', '5 6').problem).toBe('Give one number, not 5 and 6.');
    expect(problem('top', 'banana').reply).toMatch(/\nUsage: \/top \[n\] \[country\]/);
    expect(parseCommandText('top', '26')).toEqual({ ok: false, error: { command: 'top', problem: { kind: 'top_size', got: '26', max: 25 }, defaultZone: 'UTC' } });
  });

  it('compare splits on vs, commas, quotes, or two single words', () => {
    expect(input('compare', 'kimi vs claude opus')).toEqual({ command: 'compare', a: 'kimi', b: 'claude opus' });
    expect(input('compare', 'kimi, opus')).toEqual({ command: 'compare', a: 'kimi', b: 'opus' });
    expect(input('compare', '"glm 5" "gpt 5"')).toEqual({ command: 'compare', a: 'glm 5', b: 'gpt 5' });
    expect(input('compare', 'kimi opus')).toEqual({ command: 'compare', a: 'kimi', b: 'opus' });
    expect(problem('compare', 'kimi').problem).toMatch(/two models/);
    expect(problem('compare', 'kimi vs').problem).toMatch(/two models/);
  });

  it('brief previews by default and posts on "post"', () => {
    expect(input('brief', '')).toEqual({ command: 'brief', post: false, force: false });
    expect(input('brief', 'post')).toEqual({ command: 'brief', post: true, force: false });
    expect(problem('brief', 'now').problem).toMatch(/Unknown option/);
  });

  it('alerts subcommands', () => {
    expect(input('alerts', '')).toEqual({ command: 'alerts', alerts: { action: 'show' } });
    expect(input('alerts', 'set surge 40')).toEqual({ command: 'alerts', alerts: { action: 'set', name: 'surgePct', value: 40 } });
    expect(input('alerts', 'set minTokens 50B')).toEqual({ command: 'alerts', alerts: { action: 'set', name: 'minTokens', value: 50e9 } });
    expect(input('alerts', 'reset')).toEqual({ command: 'alerts', alerts: { action: 'reset', name: null } });
    expect(input('alerts', 'reset top_n')).toEqual({ command: 'alerts', alerts: { action: 'reset', name: 'topN' } });
    expect(input('alerts', 'watch kimi k2.5')).toEqual({ command: 'alerts', alerts: { action: 'watch', model: 'kimi k2.5' } });
    expect(problem('alerts', 'set loudness 3').problem).toMatch(/Unknown threshold "loudness".*surgePct/);
    expect(problem('alerts', 'set surge lots').problem).toMatch(/not a number/);
    expect(problem('alerts', 'frobnicate').problem).toMatch(/Unknown subcommand/);
    expect(problem('alerts', 'watch').problem).toMatch(/Which model/);
    expect(problem('alerts', 'set').problem).toMatch(/^Which threshold\? One of rankMovePlaces/);
    expect(problem('alerts', 'set surge').problem).toBe('Which value for surgePct?');
    expect(input('alerts', 'set surge -5')).toEqual({ command: 'alerts', alerts: { action: 'set', name: 'surgePct', value: -5 } });
  });
});

describe('value and name helpers', () => {
  it('parses plain numbers, percents and token suffixes', () => {
    expect(parseValue('40')).toBe(40);
    expect(parseValue('12.5%')).toBe(12.5);
    expect(parseValue('1.5T')).toBe(1.5e12);
    expect(parseValue('-3')).toBe(-3);
    expect(parseValue('1e11')).toBe(1e11);
    expect(parseValue('abc')).toBeNull();
  });

  it('matches threshold names loosely', () => {
    expect(thresholdName('SURGE_PCT')).toBe('surgePct');
    expect(thresholdName('rankmove')).toBe('rankMovePlaces');
    expect(thresholdName('nope')).toBeNull();
  });
});

describe('the scheduling commands', () => {
  it('subscribe reads weekday, time and zone in any order, with the given default zone', () => {
    expect(input('subscribe', 'monday 09:00 Europe/Berlin')).toEqual({ command: 'subscribe', schedule: { weekday: 'monday', time: '09:00', zone: 'Europe/Berlin' } });
    expect(input('subscribe', '5:30pm fri')).toEqual({ command: 'subscribe', schedule: { weekday: 'friday', time: '17:30', zone: 'UTC' } });
    expect(parseCommandText('subscribe', '', 'America/New_York')).toEqual({ ok: true, input: { command: 'subscribe', schedule: { weekday: 'monday', time: '09:00', zone: 'America/New_York' } } });
  });

  it('a bad weekday, time or zone names what is accepted', () => {
    const funday = problem('subscribe', 'funday');
    expect(funday.problem).toContain('"funday" is not a weekday, a time or a time zone. Weekdays: monday, tuesday, wednesday, thursday, friday, saturday, sunday');
    expect(funday.reply).toMatch(/\nUsage: \/subscribe \[weekday\] \[HH:MM\] \[time zone\]/);
    expect(problem('subscribe', '24:00').problem).toContain('"24:00" is not a time of day.');
    expect(problem('subscribe', 'EST').problem).toContain('is an abbreviation, not a place');
    expect(problem('subscribe', 'monday tuesday').problem).toBe('Give one weekday, not monday and tuesday.');
  });

  it('unsubscribe and status take nothing; brief post force; alerts on and off', () => {
    expect(input('unsubscribe', ' ')).toEqual({ command: 'unsubscribe' });
    expect(input('status', '')).toEqual({ command: 'status' });
    expect(problem('status', 'now').problem).toBe('/status takes no options; got "now".');
    expect(input('brief', 'post force')).toEqual({ command: 'brief', post: true, force: true });
    expect(input('brief', 'post')).toEqual({ command: 'brief', post: true, force: false });
    expect(input('alerts', 'on')).toEqual({ command: 'alerts', alerts: { action: 'switch', on: true } });
    expect(input('alerts', 'OFF')).toEqual({ command: 'alerts', alerts: { action: 'switch', on: false } });
    expect(problem('alerts', 'off now').problem).toBe('/alerts off takes nothing after it.');
  });
});
