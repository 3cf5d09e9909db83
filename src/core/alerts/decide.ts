import type { Signal } from '../signals.types.js';
import type { Thresholds } from '../thresholds.js';
import type { Day } from '../types.js';
import { alertKey } from './identity.js';

// Which signals of one refresh become an alert in one channel. The first run records a baseline
// and says nothing (a fresh subscription must not open with a pile of old news); after that each
// event fires once per channel, a topic that just fired stays quiet for the cooldown, and what is
// left goes out as one message.

/** One row of a channel's alert history. `cooldown`: seen but held back by the cooldown. */
export interface AlertRecord {
  identity: string;
  topic: string;
  state: 'sent' | 'baseline' | 'cooldown';
  at: Date;
}

export interface AlertHistory {
  /** When the channel's baseline was recorded; null = this is its first run. */
  baselineAt: Date | null;
  records: readonly AlertRecord[];
}

export interface AlertInput {
  now: Date;
  /** The last day of the trailing 7 days the signals compare with the 7 before. */
  window: Day;
  /** This refresh's signals under the channel's thresholds and watchlist, most notable first. */
  signals: readonly Signal[];
  thresholds: Thresholds;
  watchlist: readonly string[];
  /** Model ids of the trailing 7 days, rank order: price moves alert for the channel's top N. */
  ranking: readonly string[];
  history: AlertHistory;
  /** Default 7 days. */
  cooldownMs?: number;
  /** Events older than this are forgotten: a price back at an old level months later is news. Default 90 days. */
  memoryMs?: number;
}

export interface AlertDecision {
  /** True when this run recorded the baseline (and sent nothing). */
  baseline: boolean;
  /** One message's signals, most notable first; empty = send nothing. */
  send: Signal[];
  /** New history rows, to store with the send (or with the baseline). */
  record: AlertRecord[];
}

export const DEFAULT_ALERT_COOLDOWN_MS = 7 * 86_400_000;
const DEFAULT_MEMORY_MS = 90 * 86_400_000;

/** Whether a signal is something this channel is alerted about between briefs. */
function alertFilter({ watchlist, ranking, thresholds }: AlertInput): (signal: Signal) => boolean {
  const watched = new Set(watchlist);
  const topN = new Set(ranking.slice(0, thresholds.topN));
  return (signal) => {
    if ('model' in signal && watched.has(signal.model)) return true;
    switch (signal.kind) {
      case 'country_crossover':
      case 'overtake':
        return true;
      case 'price_change':
        return topN.has(signal.model) && (signal.changePct === null || Math.abs(signal.changePct) >= thresholds.priceChangePct);
      default:
        return false;
    }
  };
}

export function decideAlerts(input: AlertInput): AlertDecision {
  const now = input.now.getTime();
  const candidates = input.signals.filter(alertFilter(input)).map((signal) => ({ signal, ...alertKey(signal, input.window) }));
  const at = input.now;

  if (input.history.baselineAt === null) {
    const seen = new Set<string>();
    const record = candidates.filter((c) => !seen.has(c.identity) && seen.add(c.identity)).map((c) => ({ identity: c.identity, topic: c.topic, state: 'baseline' as const, at }));
    return { baseline: true, send: [], record };
  }

  const memoryFrom = now - (input.memoryMs ?? DEFAULT_MEMORY_MS);
  const cooldownFrom = now - (input.cooldownMs ?? DEFAULT_ALERT_COOLDOWN_MS);
  const known = new Set<string>();
  const cooling = new Set<string>();
  for (const record of input.history.records) {
    const time = record.at.getTime();
    if (time >= memoryFrom) known.add(record.identity);
    if (record.state === 'sent' && time >= cooldownFrom) cooling.add(record.topic);
  }

  const send: Signal[] = [];
  const record: AlertRecord[] = [];
  for (const { signal, identity, topic } of candidates) {
    if (known.has(identity)) continue;
    known.add(identity);
    // Topics are checked against earlier refreshes only: the input and output price cut of one
    // model in one refresh both go out, in the same message.
    const state = cooling.has(topic) ? 'cooldown' : 'sent';
    if (state === 'sent') send.push(signal);
    record.push({ identity, topic, state, at });
  }
  return { baseline: false, send, record };
}
