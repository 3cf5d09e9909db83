import { describe, expect, it } from 'vitest';
import { toCommandInput } from '../../src/adapters/discord/options.js';
import { parseCommandText } from '../../src/commands/parse.js';

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
    expect(parseCommandText('chart', text)).toMatchObject({ ok: false, error: { problem, usage: expect.stringContaining('/chart share|top [weeks]') } });
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
    expect(parseCommandText('alerts', 'set charts maybe')).toMatchObject({ ok: false, error: { problem: 'Charts are on or off, not "maybe".' } });
    expect(parseCommandText('alerts', 'set charts')).toMatchObject({ ok: false, error: { problem: 'Charts on or off?' } });
  });

  it('Discord /alerts charts on:false', () => {
    expect(toCommandInput({ command: 'alerts', subcommand: 'charts', options: { on: false } })).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'charts', on: false } } });
  });
});
