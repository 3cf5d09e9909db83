import { describe, expect, it } from 'vitest';
import { toCommandInput, type DiscordInvocation } from '../../../src/adapters/discord/options.js';

const invoke = (command: string, options: DiscordInvocation['options'] = {}, subcommand: string | null = null) =>
  toCommandInput({ command, subcommand, options });

describe('toCommandInput: Discord options → CommandInput', () => {
  it('maps every command straight from its typed options', () => {
    expect(invoke('price', { model: '  claude   opus ' })).toEqual({ ok: true, input: { command: 'price', query: 'claude opus' } });
    expect(invoke('top')).toEqual({ ok: true, input: { command: 'top', n: 10, country: null } });
    expect(invoke('top', { n: 5, country: 'CN' })).toEqual({ ok: true, input: { command: 'top', n: 5, country: 'CN' } });
    expect(invoke('compare', { a: 'kimi', b: 'moonshotai/kimi-k2' })).toEqual({ ok: true, input: { command: 'compare', a: 'kimi', b: 'moonshotai/kimi-k2' } });
    expect(invoke('brief')).toEqual({ ok: true, input: { command: 'brief', post: false, force: false } });
    expect(invoke('brief', { post: true })).toEqual({ ok: true, input: { command: 'brief', post: true, force: false } });
  });

  it('maps the alerts subcommands', () => {
    const alerts = (subcommand: string | null, options: DiscordInvocation['options'] = {}) => invoke('alerts', options, subcommand);
    expect(alerts(null)).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'show' } } });
    expect(alerts('show')).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'show' } } });
    expect(alerts('set', { name: 'surgePct', value: 40 })).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'set', name: 'surgePct', value: 40 } } });
    expect(alerts('reset')).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'reset', name: null } } });
    expect(alerts('reset', { name: 'topN' })).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'reset', name: 'topN' } } });
    expect(alerts('watch', { model: 'kimi' })).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'watch', model: 'kimi' } } });
    expect(alerts('unwatch', { model: 'kimi' })).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'unwatch', model: 'kimi' } } });
  });

  it('what Discord cannot enforce becomes a usage reply for the asker', () => {
    expect(invoke('price', { model: '   ' })).toEqual({
      ok: false,
      reply: { kind: 'usage', command: 'price', problem: { kind: 'no_model' }, defaultZone: 'UTC', visibility: 'asker' },
    });
    expect(invoke('top', { n: 26 })).toMatchObject({ ok: false, reply: { kind: 'usage', problem: { kind: 'top_size', got: '26', max: 25 } } });
    expect(invoke('compare', { a: 'kimi' })).toMatchObject({ ok: false, reply: { problem: { kind: 'two_models', vs: false } } });
    expect(invoke('alerts', { name: 'colour', value: 1 }, 'set')).toMatchObject({ ok: false, reply: { problem: { kind: 'unknown_threshold', text: 'colour' } } });
    expect(invoke('alerts', { name: 'topN' }, 'set')).toMatchObject({ ok: false, reply: { problem: { kind: 'not_a_number', text: null } } });
    expect(invoke('alerts', {}, 'charts')).toMatchObject({ ok: false, reply: { problem: { kind: 'bad_charts_switch', text: null } } });
    expect(invoke('alerts', {}, 'purge')).toMatchObject({ ok: false, reply: { problem: { kind: 'unknown_subcommand', text: 'purge' } } });
  });

  it('a command tokenbrief does not have asks for a re-registration', () => {
    expect(invoke('stats')).toEqual({ ok: false, failure: { kind: 'retired_command', command: '/stats' } });
  });
});

describe('the scheduling commands', () => {
  const subscribe = (options: Record<string, string>, zone = 'UTC') => toCommandInput({ command: 'subscribe', subcommand: null, options }, zone);

  it('/subscribe maps its options, defaults from the given zone', () => {
    expect(subscribe({ weekday: 'friday', time: '17:30', timezone: 'America/New_York' })).toEqual({
      ok: true,
      input: { command: 'subscribe', schedule: { weekday: 'friday', time: '17:30', zone: 'America/New_York' } },
    });
    expect(subscribe({}, 'Europe/Berlin')).toEqual({ ok: true, input: { command: 'subscribe', schedule: { weekday: 'monday', time: '09:00', zone: 'Europe/Berlin' } } });
  });

  it('a bad option is a usage reply for the asker naming what is accepted', () => {
    expect(subscribe({ time: '25:00' }, 'Europe/Berlin')).toEqual({
      ok: false,
      reply: { kind: 'usage', command: 'subscribe', problem: { kind: 'bad_time', text: '25:00' }, defaultZone: 'Europe/Berlin', visibility: 'asker' },
    });
    expect(subscribe({ timezone: 'PST' })).toMatchObject({ ok: false, reply: { problem: { kind: 'bad_zone', text: 'PST', fault: 'abbreviation' } } });
  });

  it('/alerts on|off, /brief force, /unsubscribe, /status', () => {
    expect(toCommandInput({ command: 'alerts', subcommand: 'on', options: {} })).toEqual({ ok: true, input: { command: 'alerts', alerts: { action: 'switch', on: true } } });
    expect(toCommandInput({ command: 'brief', subcommand: null, options: { force: true } })).toEqual({ ok: true, input: { command: 'brief', post: true, force: true } });
    expect(toCommandInput({ command: 'unsubscribe', subcommand: null, options: {} })).toEqual({ ok: true, input: { command: 'unsubscribe' } });
    expect(toCommandInput({ command: 'status', subcommand: null, options: {} })).toEqual({ ok: true, input: { command: 'status' } });
  });
});
