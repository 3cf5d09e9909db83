import { describe, expect, it } from 'vitest';
import { toCommandInput } from '../../src/adapters/discord/options.js';
import { parseCommandText } from '../../src/commands/parse.js';
import { renderInputError } from '../../src/render/problems.js';

/** The reply to text the parser refuses, as the terminal shows it; null when it was understood. */
function refusal(command: Parameters<typeof parseCommandText>[0], text: string): string | null {
  const parsed = parseCommandText(command, text);
  return parsed.ok ? null : renderInputError(parsed.error, 'text');
}

// `/chart` and `/alerts set charts` read the same on Slack (free text) and Discord (typed options).

describe('/chart input', () => {
  it.each([
    ['share', { kind: 'share', weeks: 12 }],
    ['SHARE 26', { kind: 'share', weeks: 26 }],
    ['top', { kind: 'top', weeks: 12 }],
  ])('Slack "%s"', (text, expected) => {
    expect(parseCommandText('chart', text)).toEqual({ ok: true, input: { command: 'chart', ...expected } });
  });

  it.each([
    ['', 'Which chart? share or top.'],
    ['pie', 'Unknown chart "pie". Charts: share, top.'],
    ['share 1', 'weeks must be a whole number from 2 to 52, got 1.'],
    ['share x', 'weeks must be a whole number from 2 to 52, got x.'],
    ['share 4 5', 'Give one number of weeks, not "4 5".'],
  ])('Slack "%s" is refused with a reason', (text, problem) => {
    const [said, usage] = refusal('chart', text)?.split('\n') ?? [];
    expect(said).toBe(problem);
    expect(usage).toMatch(/^Usage: \/chart share\|top \[weeks\]/);
  });

  it('Discord options map to the same input', () => {
    expect(toCommandInput({ command: 'chart', subcommand: null, options: { kind: 'share', weeks: 26 } })).toEqual({ ok: true, input: { command: 'chart', kind: 'share', weeks: 26 } });
    expect(toCommandInput({ command: 'chart', subcommand: null, options: { kind: 'top' } })).toEqual({ ok: true, input: { command: 'chart', kind: 'top', weeks: 12 } });
    expect(toCommandInput({ command: 'chart', subcommand: null, options: { kind: 'pie' } })).toMatchObject({ ok: false });
  });
});

describe('/alerts set charts', () => {
  it.each([
    ['set charts off', false],
    ['set charts ON', true],
    ['set Charts no', false],
  ])('"%s"', (text, on) => {
    expect(parseCommandText('alerts', text)).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'charts', on } } });
  });

  it('anything but on or off is refused', () => {
    expect(parseCommandText('alerts', 'set charts maybe')).toMatchObject({ ok: false, error: { problem: { kind: 'bad_charts_switch', text: 'maybe' } } });
    expect(refusal('alerts', 'set charts maybe')).toMatch(/^Charts are on or off, not "maybe"\.\n/);
    expect(refusal('alerts', 'set charts')).toMatch(/^Charts on or off\?\n/);
  });

  it('Discord /alerts charts on:false', () => {
    expect(toCommandInput({ command: 'alerts', subcommand: 'charts', options: { on: false } })).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'charts', on: false } } });
  });
});
