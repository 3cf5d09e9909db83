import { shortName } from '../core/identity.js';
import type { Signal } from '../core/signals.types.js';
import { escapeFor, TEXT_MAX, type Platform } from './escape.js';
import { formatChange, formatCountryAdjective, formatTokens, formatUsd } from './format.js';

// Signals as sentences a reader understands without knowing the rule engine. Shared by the brief
// (headline, movers, prices) and by alerts, so a signal reads the same wherever it appears.

/** Escapes data for one platform and names identity keys. Every string it returns is safe to place. */
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
}

export function speakerFor(platform: Platform, modelNames: Readonly<Record<string, string>>): Speaker {
  return {
    platform,
    name: (key) => escapeFor(platform, modelNames[key] ?? key),
    short: (raw) => escapeFor(platform, raw),
    model: (raw) => escapeFor(platform, shortName(raw)),
    text: (raw) => escapeFor(platform, raw, TEXT_MAX),
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

function priceOf(price: NewModel['price']): string {
  return price ? `${formatUsd(price.input)} in / ${formatUsd(price.output)} out per 1M tokens` : 'price not listed';
}

const ROUTER_PRICE = '(router, price varies)';

/** One signal as one sentence, e.g. "Z.ai GLM-5 input $0.30 → $0.95 (+217%)". */
export function signalSentence(signal: Signal, say: Speaker): string {
  switch (signal.kind) {
    case 'country_crossover': {
      const leader = say.short(formatCountryAdjective(signal.leader));
      const trailer = say.short(formatCountryAdjective(signal.trailer));
      return `${capitalised(leader)} models passed ${trailer} models: ${formatTokens(signal.leaderTokens)} vs ${formatTokens(signal.trailerTokens)} tokens`;
    }
    case 'overtake':
      return `${say.name(signal.model)} is the new #1, passing ${say.name(signal.passed)}`;
    case 'new_entry':
      return `${say.name(signal.model)} entered the top ${topN(signal)} at #${signal.rank}`;
    case 'rank_move':
      return signal.to < signal.from
        ? `${say.name(signal.model)} climbed from #${signal.from} to #${signal.to}`
        : `${say.name(signal.model)} fell from #${signal.from} to #${signal.to}`;
    case 'exit':
      return `${say.name(signal.model)} left the top ${topN(signal)} (was #${signal.previousRank})`;
    case 'surge':
    case 'slump':
      return (
        `${say.name(signal.model)} ${signal.kind === 'surge' ? 'surged' : 'slumped'} ${formatChange(signal.changePct)} ` +
        `to ${formatTokens(signal.tokens)} tokens (from ${formatTokens(signal.previousTokens)})`
      );
    case 'price_change': {
      const change = signal.changePct === null ? '' : ` (${formatChange(signal.changePct)})`;
      return `${say.name(signal.model)} ${signal.field} ${formatUsd(signal.from)} → ${formatUsd(signal.to)}${change}`;
    }
    case 'new_model':
      return isRouter(signal) ? `New model: ${say.name(signal.model)} ${ROUTER_PRICE}` : `New model: ${say.name(signal.model)}, ${priceOf(signal.price)}`;
  }
}

/** The same sentence as a headline: a price line needs to say whether it is a cut or a hike. */
export function headlineSentence(signal: Signal, say: Speaker): string {
  if (signal.kind === 'price_change') return `${signal.to > signal.from ? 'Price hike' : 'Price cut'}: ${signalSentence(signal, say)}`;
  return signalSentence(signal, say);
}

/** A new model as a list item under a "New models" heading. */
export function newModelItem(signal: NewModel, say: Speaker): string {
  return isRouter(signal) ? `${say.name(signal.model)} ${ROUTER_PRICE}` : `${say.name(signal.model)}: ${priceOf(signal.price)}`;
}

/** A new #1 that was not in the top N last week: its overtake and its entry, told once. */
export function newLeaderSentence(overtake: Extract<Signal, { kind: 'overtake' }>, say: Speaker): string {
  return `${say.name(overtake.model)} entered at #1, passing ${say.name(overtake.passed)}`;
}
