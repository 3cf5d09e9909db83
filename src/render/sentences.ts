import { shortName } from '../core/identity.js';
import type { Signal } from '../core/signals.types.js';
import { escapeFor, TEXT_MAX, type Platform } from './escape.js';
import { formatCountryAdjective } from './format.js';
import { kindFlags, TEMPLATES, type Templates } from './templates.js';

// Signals and the brief's other data-built sentences, told by templates/<platform>/sentence.hbs:
// this file only picks the kind of sentence and hands it escaped names and raw numbers. Shared by
// the brief (headline, movers, prices) and by alerts, so a signal reads the same wherever it appears.

/** Every kind of sentence sentence.hbs tells; the template has one line per kind. */
const SENTENCES = [
  'country_crossover',
  'overtake',
  'new_leader',
  'new_entry',
  'climb',
  'fall',
  'exit',
  'surge',
  'slump',
  'price_change',
  'new_model',
  'no_usage',
  'first_week',
  'week_so_far',
  'quiet_week',
  'price_ratio',
  'revision',
  'sample_source',
  'file_source',
  'unknown_source',
  'huge_revision',
  'source_line',
  'price_comparison',
  'compare_ratio',
  'compare_same',
  'compare_free',
  'compare_both_free',
] as const;
export type SentenceKind = (typeof SENTENCES)[number];

/** Escapes data for one platform, names identity keys and tells sentences. Every string it returns is safe to place. */
export interface Speaker {
  platform: Platform;
  /** Display name of an identity key, escaped. */
  name(key: string): string;
  /** A data-derived name, id or code, escaped and capped for tables. */
  short(raw: string): string;
  /** A catalog name without its vendor prefix ("MiniMax: MiniMax M2.5" → "MiniMax M2.5"), escaped. */
  model(raw: string): string;
  /** Longer data-derived text (rules, coverage reasons), escaped. */
  text(raw: string): string;
  /** One sentence of sentence.hbs, from fields already escaped (names) or raw (numbers). */
  sentence(kind: SentenceKind, fields?: object): string;
}

/** A speaker of a platform's sentences; `escaping` is the markup data is escaped for (see `briefView`). */
export function speakerFor(
  platform: Platform,
  modelNames: Readonly<Record<string, string>>,
  templates: Templates = TEMPLATES,
  escaping: Platform = platform,
): Speaker {
  return {
    platform,
    name: (key) => escapeFor(escaping, modelNames[key] ?? key),
    short: (raw) => escapeFor(escaping, raw),
    model: (raw) => escapeFor(escaping, shortName(raw)),
    text: (raw) => escapeFor(escaping, raw, TEXT_MAX),
    sentence: (kind, fields = {}) => templates.render(platform, 'sentence', { ...fields, is: kindFlags(SENTENCES, kind) }),
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function topN(signal: Signal): number {
  return signal.threshold['topN'] ?? 10;
}

type NewModel = Extract<Signal, { kind: 'new_model' }>;

/**
 * A router (`openrouter/auto`, `openrouter/free`) costs whatever model it picks, and OpenRouter lists
 * it at -1 (null here) or at 0: either would read as a real price.
 */
function isRouter(signal: NewModel): boolean {
  return signal.model.startsWith('openrouter/') || (signal.price !== null && signal.price.input === null && signal.price.output === null);
}

/** One signal as one sentence, e.g. "Z.ai GLM-5 input $0.30 → $0.95 (+217%)"; as a headline, a price move says whether it is a cut or a hike. */
export function signalSentence(signal: Signal, say: Speaker, headline = false): string {
  switch (signal.kind) {
    case 'country_crossover':
      return say.sentence('country_crossover', {
        leader: capitalised(say.short(formatCountryAdjective(signal.leader))),
        trailer: say.short(formatCountryAdjective(signal.trailer)),
        leaderTokens: signal.leaderTokens,
        trailerTokens: signal.trailerTokens,
      });
    case 'overtake':
      return say.sentence('overtake', { model: say.name(signal.model), passed: say.name(signal.passed) });
    case 'new_entry':
      return say.sentence('new_entry', { model: say.name(signal.model), topN: topN(signal), rank: signal.rank });
    case 'rank_move':
      return say.sentence(signal.to < signal.from ? 'climb' : 'fall', { model: say.name(signal.model), from: signal.from, to: signal.to });
    case 'exit':
      return say.sentence('exit', { model: say.name(signal.model), topN: topN(signal), previousRank: signal.previousRank });
    case 'surge':
    case 'slump':
      return say.sentence(signal.kind, { model: say.name(signal.model), changePct: signal.changePct, tokens: signal.tokens, previousTokens: signal.previousTokens });
    case 'price_change':
      return say.sentence('price_change', {
        model: say.name(signal.model),
        field: signal.field,
        from: signal.from,
        to: signal.to,
        changePct: signal.changePct,
        headline,
        hike: signal.to > signal.from,
      });
    case 'new_model':
      return newModelSentence(signal, say, false);
  }
}

/** A new model as a sentence, or (`item`) as a list item under a "New models" heading. */
export function newModelSentence(signal: NewModel, say: Speaker, item: boolean): string {
  return say.sentence('new_model', { model: say.name(signal.model), router: isRouter(signal), item, price: signal.price });
}

/** A new #1 that was not in the top N last week: its overtake and its entry, told once. */
export function newLeaderSentence(overtake: Extract<Signal, { kind: 'overtake' }>, say: Speaker): string {
  return say.sentence('new_leader', { model: say.name(overtake.model), passed: say.name(overtake.passed) });
}
