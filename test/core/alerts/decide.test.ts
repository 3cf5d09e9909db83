import { describe, expect, it } from 'vitest';
import { decideAlerts, type AlertHistory, type AlertInput, type AlertRecord } from '../../../src/core/alerts/decide.js';
import type { Signal } from '../../../src/core/signals.types.js';
import { DEFAULT_THRESHOLDS } from '../../../src/core/thresholds.js';

type Of<K extends Signal['kind']> = Extract<Signal, { kind: K }>;
const fired = { rule: 'test', threshold: {} };
const price = (model: string, from: number, to: number, field: 'input' | 'output' = 'input'): Of<'price_change'> => ({
  kind: 'price_change', model, field, from, to, changePct: ((to - from) / from) * 100, ...fired,
});
const crossover = (leader: string, trailer: string): Of<'country_crossover'> => ({
  kind: 'country_crossover', leader, trailer, leaderTokens: 2e12, trailerTokens: 1.9e12, ...fired,
});
const overtake = (model: string, passed: string): Of<'overtake'> => ({ kind: 'overtake', model, passed, ...fired });
const surge = (model: string): Extract<Signal, { kind: 'surge' | 'slump' }> => ({ kind: 'surge', model, tokens: 2e11, previousTokens: 1e11, changePct: 100, ...fired });

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;
const ranking = ['kimi', 'glm', 'opus', 'sonnet', 'deepseek', 'm1', 'm2', 'm3', 'm4', 'm5', 'outside-top-10'];
const baselined: AlertHistory = { baselineAt: at('2026-03-01T01:00:00Z'), records: [] };

const decide = (over: Partial<AlertInput>) =>
  decideAlerts({ now: at('2026-03-10T01:00:00Z'), window: '2026-03-09', signals: [], thresholds: DEFAULT_THRESHOLDS, watchlist: [], ranking, history: baselined, ...over });

/** The history after a decision is stored, for the next refresh. */
const after = (history: AlertHistory, records: AlertRecord[]): AlertHistory => ({ baselineAt: history.baselineAt ?? records[0]?.at ?? null, records: [...history.records, ...records] });

describe('decideAlerts', () => {
  it('the first run records a baseline and sends nothing; those events never fire later', () => {
    const signals = [price('kimi', 0.5, 0.4), crossover('CN', 'US')];
    const first = decide({ signals, history: { baselineAt: null, records: [] } });
    expect(first.baseline).toBe(true);
    expect(first.send).toEqual([]);
    expect(first.record.map((r) => [r.identity, r.state])).toEqual([
      ['price_change kimi input 0.5->0.4', 'baseline'],
      ['country_crossover CN>US 2026-03-09', 'baseline'],
    ]);
    const next = decide({ signals, history: after({ baselineAt: null, records: [] }, first.record) });
    expect(next).toEqual({ baseline: false, send: [], record: [] });
  });

  it('all alerts of one refresh go out as one message, most notable first as given', () => {
    const signals = [crossover('CN', 'US'), overtake('glm', 'kimi'), price('kimi', 0.5, 0.4), price('kimi', 2, 1.5, 'output')];
    const decision = decide({ signals });
    expect(decision.send).toEqual(signals);
    expect(decision.record.every((r) => r.state === 'sent')).toBe(true);
  });

  it('each (channel, event) fires once: a rerun of the same refresh sends nothing', () => {
    const signals = [price('kimi', 0.5, 0.4), crossover('CN', 'US')];
    const first = decide({ signals });
    expect(decide({ signals, history: after(baselined, first.record) }).send).toEqual([]);
  });

  it('a topic that fired stays quiet for the cooldown (7 days), then may fire again', () => {
    const first = decide({ signals: [price('kimi', 0.5, 0.4)] });
    const history = after(baselined, first.record);
    const soon = decide({ signals: [price('kimi', 0.4, 0.5)], now: at('2026-03-15T01:00:00Z'), history });
    expect(soon.send).toEqual([]);
    expect(soon.record).toMatchObject([{ identity: 'price_change kimi input 0.4->0.5', state: 'cooldown' }]);
    // Held back once is still "seen": it does not fire when the cooldown ends.
    const later = decide({ signals: [price('kimi', 0.4, 0.5)], now: at('2026-03-18T01:00:00Z'), history: after(history, soon.record) });
    expect(later.send).toEqual([]);
    const newMove = decide({ signals: [price('kimi', 0.5, 0.3)], now: at('2026-03-18T01:00:00Z'), history: after(history, soon.record) });
    expect(newMove.send).toHaveLength(1);
    expect(decide({ signals: [price('kimi', 0.4, 0.5)], now: at('2026-03-12T01:00:00Z'), history, cooldownMs: DAY }).send).toHaveLength(1);
  });

  it('a lead that flips back within the cooldown is told once (crossovers and a new #1)', () => {
    const first = decide({ signals: [crossover('CN', 'US'), overtake('glm', 'kimi')] });
    const flipBack = decide({ signals: [crossover('US', 'CN'), overtake('kimi', 'glm')], window: '2026-03-11', now: at('2026-03-12T01:00:00Z'), history: after(baselined, first.record) });
    expect(flipBack.send).toEqual([]);
    // The same crossover found again in a later window is a new finding, held back by the cooldown too.
    const again = decide({ signals: [crossover('CN', 'US')], window: '2026-03-10', now: at('2026-03-11T01:00:00Z'), history: after(baselined, first.record) });
    expect(again.record).toMatchObject([{ identity: 'country_crossover CN>US 2026-03-10', state: 'cooldown' }]);
  });

  it('price moves alert for the top N over the channel\'s priceChangePct; any signal of a watched model alerts', () => {
    const signals = [price('outside-top-10', 1, 0.5), price('kimi', 1, 0.98), surge('kimi'), surge('opus')];
    expect(decide({ signals }).send).toEqual([]);
    expect(decide({ signals, thresholds: { ...DEFAULT_THRESHOLDS, topN: 11, priceChangePct: 1 } }).send).toEqual([price('outside-top-10', 1, 0.5), price('kimi', 1, 0.98)]);
    expect(decide({ signals, watchlist: ['kimi', 'outside-top-10'] }).send).toEqual([price('outside-top-10', 1, 0.5), price('kimi', 1, 0.98), surge('kimi')]);
  });

  it('a free ↔ paid flip of a top model always counts', () => {
    const flip: Of<'price_change'> = { ...price('glm', 1, 2), from: 0, changePct: null };
    expect(decide({ signals: [flip] }).send).toEqual([flip]);
  });

  it('an event is forgotten after the memory window: a price back at an old level months later is news', () => {
    const old: AlertRecord = { identity: 'price_change kimi input 0.5->0.4', topic: 'price_change kimi', state: 'sent', at: at('2025-11-01T01:00:00Z') };
    expect(decide({ signals: [price('kimi', 0.5, 0.4)], history: { ...baselined, records: [old] } }).send).toHaveLength(1);
  });

  it('a signal listed twice in one refresh is sent and recorded once', () => {
    const decision = decide({ signals: [crossover('CN', 'US'), crossover('CN', 'US')] });
    expect(decision.send).toHaveLength(1);
    expect(decision.record).toHaveLength(1);
  });
});
