import type { ModelPrice, Country } from './types.js';

// Every signal carries the rule that fired (a sentence a reader understands) and the threshold
// values it was checked against, so a brief or alert can say *why* it appeared.
interface Fired {
  rule: string;
  threshold: Record<string, number>;
}

/** `price_change.changePct` is null for a free ↔ paid flip (no finite percentage). */
export type Signal =
  | (Fired & { kind: 'country_crossover'; leader: Country; trailer: Country; leaderTokens: number; trailerTokens: number })
  | (Fired & { kind: 'overtake'; model: string; passed: string })
  | (Fired & { kind: 'rank_move'; model: string; from: number; to: number })
  | (Fired & { kind: 'new_entry'; model: string; rank: number })
  | (Fired & { kind: 'exit'; model: string; previousRank: number })
  | (Fired & { kind: 'surge' | 'slump'; model: string; tokens: number; previousTokens: number; changePct: number })
  | (Fired & { kind: 'price_change'; model: string; field: 'input' | 'output'; from: number; to: number; changePct: number | null })
  | (Fired & { kind: 'new_model'; model: string; price: Pick<ModelPrice, 'input' | 'output'> | null });

export type SignalKind = Signal['kind'];
