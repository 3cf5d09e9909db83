// The minute tick's decision over many subscriptions (issue target: 10,000 in under 50 ms).
import { decideDue, type DueInput, type LedgerEntry } from '../src/core/schedule/due.js';
import { WEEKDAYS, type Schedule } from '../src/core/schedule/schedule.js';
import { previousSlot, latestSlotAtOrBefore } from '../src/core/schedule/slots.js';

const ZONES = Intl.supportedValuesOf('timeZone');

/**
 * `count` subscriptions in steady state (last week's slot sent) at a Monday-morning tick. `mix`:
 * `teams` = most on Monday at a quarter hour in 40 zones (what real channels pick);
 * `distinct` = every subscription its own weekday, minute and zone (no two share the zone maths).
 */
export function dueTick(count: number, mix: 'teams' | 'distinct'): () => void {
  const now = new Date('2026-03-09T09:00:30Z');
  const subscriptions: DueInput['subscriptions'][number][] = [];
  const ledger = new Map<string, LedgerEntry[]>();
  for (let i = 0; i < count; i++) {
    const schedule: Schedule =
      mix === 'teams'
        ? { weekday: i % 5 === 0 ? WEEKDAYS[i % 7]! : 'monday', time: `${String(6 + (i % 6)).padStart(2, '0')}:${String(15 * (i % 4)).padStart(2, '0')}`, zone: ZONES[(i * 7) % 40]! }
        : { weekday: WEEKDAYS[i % 7]!, time: `${String(i % 24).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`, zone: ZONES[i % ZONES.length]! };
    const id = `sub-${i}`;
    subscriptions.push({ id, schedule, activeSince: new Date('2026-01-01T00:00:00Z'), paused: i % 50 === 0 });
    const last = latestSlotAtOrBefore(schedule, now);
    // Three in four already delivered this week's slot; the rest are due or just became due.
    const settled = i % 4 === 0 ? previousSlot(schedule, last) : last;
    ledger.set(id, [{ slot: settled.key, state: 'sent', at: settled.instant }]);
  }
  const input: DueInput = { now, subscriptions, ledger, options: { tickingSince: new Date('2026-03-01T00:00:00Z') } };
  return () => {
    decideDue(input);
  };
}
