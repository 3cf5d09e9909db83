import type { Signal } from '../signals.types.js';
import type { Day } from '../types.js';

// What makes two alerts "the same". `identity` names one event, so a refresh that runs twice (a
// retry, a restart, a second replica) never alerts twice; `topic` names what the event is about,
// for the cooldown: a later, different event on the same topic stays quiet for a while.

export interface AlertKey {
  identity: string;
  topic: string;
}

/** Two blocs or two models in a fixed order, so A passing B and B passing back share a topic. */
const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * `window`: the last day of the trailing 7 days the usage signals compare. A usage event is a
 * finding about one window (the lead changed as of that day); a price move or a listing is an
 * event in the catalog itself, the same whichever refresh sees it, so its identity has no window.
 */
export function alertKey(signal: Signal, window: Day): AlertKey {
  switch (signal.kind) {
    case 'price_change':
      return { identity: `price_change ${signal.model} ${signal.field} ${signal.from}->${signal.to}`, topic: `price_change ${signal.model}` };
    case 'new_model':
      return { identity: `new_model ${signal.model}`, topic: `new_model ${signal.model}` };
    case 'country_crossover':
      return { identity: `country_crossover ${signal.leader}>${signal.trailer} ${window}`, topic: `country_crossover ${pair(signal.leader, signal.trailer)}` };
    case 'overtake':
      return { identity: `overtake ${signal.model}>${signal.passed} ${window}`, topic: `overtake ${pair(signal.model, signal.passed)}` };
    case 'rank_move':
      return { identity: `rank_move ${signal.model} ${signal.from}->${signal.to} ${window}`, topic: `rank_move ${signal.model}` };
    case 'new_entry':
      return { identity: `new_entry ${signal.model} ${signal.rank} ${window}`, topic: `new_entry ${signal.model}` };
    case 'exit':
      return { identity: `exit ${signal.model} ${window}`, topic: `exit ${signal.model}` };
    case 'surge':
    case 'slump':
      return { identity: `${signal.kind} ${signal.model} ${window}`, topic: `${signal.kind} ${signal.model}` };
  }
}
