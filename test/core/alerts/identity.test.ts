import { describe, expect, it } from 'vitest';
import { alertKey } from '../../../src/core/alerts/identity.js';
import type { Signal } from '../../../src/core/signals.types.js';

const fired = { rule: 'r', threshold: {} };

describe('alertKey', () => {
  it('a price move is the model, field and old → new price, whichever refresh sees it', () => {
    const signal: Signal = { kind: 'price_change', model: 'z-ai/glm-5', field: 'input', from: 0.3, to: 0.95, changePct: 216.7, ...fired };
    expect(alertKey(signal, '2026-03-09')).toEqual({ identity: 'price_change z-ai/glm-5 input 0.3->0.95', topic: 'price_change z-ai/glm-5' });
    expect(alertKey(signal, '2026-03-10')).toEqual(alertKey(signal, '2026-03-09'));
  });

  it('a crossover is the blocs in order and the window; its topic is the pair either way round', () => {
    const cnUs: Signal = { kind: 'country_crossover', leader: 'CN', trailer: 'US', leaderTokens: 2, trailerTokens: 1, ...fired };
    const usCn: Signal = { ...cnUs, leader: 'US', trailer: 'CN' };
    expect(alertKey(cnUs, '2026-03-09').identity).toBe('country_crossover CN>US 2026-03-09');
    expect(alertKey(usCn, '2026-03-09').identity).toBe('country_crossover US>CN 2026-03-09');
    expect(alertKey(usCn, '2026-03-09').topic).toBe(alertKey(cnUs, '2026-03-09').topic);
  });

  it('usage findings are per window; a listing is once', () => {
    const surge: Signal = { kind: 'surge', model: 'm', tokens: 2, previousTokens: 1, changePct: 100, ...fired };
    expect(alertKey(surge, '2026-03-09')).not.toEqual(alertKey(surge, '2026-03-10'));
    const listing: Signal = { kind: 'new_model', model: 'm', price: null, ...fired };
    expect(alertKey(listing, '2026-03-09')).toEqual(alertKey(listing, '2026-03-10'));
    const kinds: Signal[] = [
      { kind: 'overtake', model: 'a', passed: 'b', ...fired },
      { kind: 'rank_move', model: 'a', from: 5, to: 2, ...fired },
      { kind: 'new_entry', model: 'a', rank: 4, ...fired },
      { kind: 'exit', model: 'a', previousRank: 9, ...fired },
      { kind: 'slump', model: 'a', tokens: 1, previousTokens: 2, changePct: -50, ...fired },
    ];
    const identities = kinds.map((s) => alertKey(s, '2026-03-09').identity);
    expect(new Set(identities).size).toBe(kinds.length);
  });
});
