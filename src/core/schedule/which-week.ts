import type { Day, IsoWeek } from '../types.js';
import { addDays, isoWeekOf, previousWeek } from '../week.js';
import type { Slot } from './slots.js';

// Which brief a due slot posts. A slot wants LAST week (the ISO week before the slot's local
// date); when that week's data is not in yet it waits, but only while waiting can help: a live
// source that is keeping up. A fixed source (sample, file) or a stalled one posts what it has at
// once, saying how old it is. A week already delivered here is never posted again by a slot.

/** Where the data comes from: `live` refreshes from OpenRouter; `fixed` (sample, file:) never changes. */
export type SourceKind = 'live' | 'fixed';

export interface DataState {
  /** The newest ISO week with all seven days in and an `as_of` past its end; null when none is. */
  latestCompleteWeek: IsoWeek | null;
  /** The newest usage day stored; null when there is no data at all. */
  newestDay: Day | null;
  /** The newest `as_of` stored (ISO 8601), for the "data as of" line. */
  asOf: string | null;
}

export interface WhichWeekInput {
  slot: Slot;
  now: Date;
  data: DataState;
  source: SourceKind;
  /** The newest week a brief of this channel carried (scheduled or manual); null when none yet. */
  lastDeliveredWeek: IsoWeek | null;
  /** How long after the slot to wait for last week's data. Default 6 h. */
  waitDeadlineMs?: number;
  /** A live source whose newest day is this many days behind the finished day is stale. Default 2. */
  staleAfterDays?: number;
}

/** A live source that stopped keeping up: the admin who subscribed is told. */
export interface Staleness {
  newestDay: Day;
  /** The day that should be in by now: yesterday in UTC. */
  expectedDay: Day;
}

export type WhichWeek =
  /**
   * Post the brief of `week`. `incomplete`: not all of it is in (the banner says so); `showAsOf`: the
   * brief carries a visible "data as of" line; `stale`: also tell the admin.
   */
  | {
      kind: 'post';
      week: IsoWeek;
      reason: 'complete' | 'deadline-passed' | 'no-waiting';
      incomplete: boolean;
      showAsOf: boolean;
      asOf: string | null;
      stale: Staleness | null;
    }
  /** Last week is not in yet and may still arrive: ask again next tick, until `until`. */
  | { kind: 'wait'; week: IsoWeek; until: Date }
  /** `week`, the newest there is, already went to this channel: post one line saying so. */
  | { kind: 'no-new-week'; week: IsoWeek; asOf: string | null; stale: Staleness | null }
  /** Nothing stored at all. */
  | { kind: 'no-data' };

export const DEFAULT_WAIT_DEADLINE_MS = 6 * 3_600_000;
const DEFAULT_STALE_AFTER_DAYS = 2;

export function chooseWeek(input: WhichWeekInput): WhichWeek {
  const { slot, now, data, source, lastDeliveredWeek } = input;
  if (data.newestDay === null) return { kind: 'no-data' };
  const wanted = previousWeek(isoWeekOf(slot.key));
  const stale = source === 'live' ? staleness(data.newestDay, now, input.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS) : null;
  const complete = data.latestCompleteWeek;

  const post = (week: IsoWeek, reason: 'complete' | 'deadline-passed' | 'no-waiting'): WhichWeek => {
    if (lastDeliveredWeek !== null && lastDeliveredWeek >= week) return { kind: 'no-new-week', week: lastDeliveredWeek, asOf: data.asOf, stale };
    const incomplete = week !== complete;
    return { kind: 'post', week, reason, incomplete, showAsOf: source === 'fixed' || stale !== null, asOf: data.asOf, stale };
  };

  // `YYYY-Www` strings sort in week order.
  if (complete !== null && complete >= wanted) return post(complete, 'complete');
  const newestWeek = isoWeekOf(data.newestDay);
  if (source === 'fixed' || stale !== null) return post(complete ?? newestWeek, 'no-waiting');
  const until = new Date(slot.instant.getTime() + (input.waitDeadlineMs ?? DEFAULT_WAIT_DEADLINE_MS));
  if (now.getTime() < until.getTime()) return { kind: 'wait', week: wanted, until };
  // What there is: last week in part, or (not a day of it arrived) the newest week there is.
  return post(newestWeek >= wanted ? wanted : (complete ?? newestWeek), 'deadline-passed');
}

function staleness(newestDay: Day, now: Date, staleAfterDays: number): Staleness | null {
  const expectedDay = addDays(now.toISOString().slice(0, 10), -1);
  return newestDay <= addDays(expectedDay, -staleAfterDays) ? { newestDay, expectedDay } : null;
}
