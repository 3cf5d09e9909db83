import { describe, expect, it } from 'vitest';
import { ScheduleSchema } from '../../../src/core/schedule/schedule.js';
import { slotAt } from '../../../src/core/schedule/slots.js';
import { chooseWeek, type DataState, type WhichWeekInput } from '../../../src/core/schedule/which-week.js';

// Monday 2026-03-09 09:00 UTC: last week is 2026-W10 (Mar 2–8).
const monday = slotAt(ScheduleSchema.parse({ weekday: 'monday', time: '09:00', zone: 'UTC' }), '2026-03-09');
const at = (iso: string) => new Date(iso);
const inUpToSunday: DataState = { latestCompleteWeek: '2026-W10', newestDay: '2026-03-08', asOf: '2026-03-09T01:10:00Z' };
const inUpToSaturday: DataState = { latestCompleteWeek: '2026-W09', newestDay: '2026-03-07', asOf: '2026-03-08T01:10:00Z' };

const choose = (over: Partial<WhichWeekInput>) =>
  chooseWeek({ slot: monday, now: monday.instant, data: inUpToSunday, source: 'live', lastDeliveredWeek: '2026-W09', ...over });

describe('chooseWeek', () => {
  it('posts last week when it is complete', () => {
    expect(choose({})).toEqual({ kind: 'post', week: '2026-W10', reason: 'complete', incomplete: false, showAsOf: false, asOf: '2026-03-09T01:10:00Z', stale: null });
  });

  it('waits for last week while a live source can still deliver it, up to the deadline', () => {
    expect(choose({ data: inUpToSaturday })).toEqual({ kind: 'wait', week: '2026-W10', until: at('2026-03-09T15:00:00Z') });
    expect(choose({ data: inUpToSaturday, now: at('2026-03-09T14:59:00Z') })).toMatchObject({ kind: 'wait' });
    expect(choose({ data: inUpToSaturday, now: at('2026-03-09T10:00:00Z'), waitDeadlineMs: 3_600_000 })).toMatchObject({ kind: 'post' });
  });

  it('after the deadline posts last week as far as it goes, marked incomplete', () => {
    expect(choose({ data: inUpToSaturday, now: at('2026-03-09T15:00:00Z') })).toEqual({
      kind: 'post', week: '2026-W10', reason: 'deadline-passed', incomplete: true, showAsOf: false, asOf: '2026-03-08T01:10:00Z', stale: null,
    });
  });

  it('a fixed source (sample, file) never waits and says how old its data is', () => {
    const old: DataState = { latestCompleteWeek: '2026-W07', newestDay: '2026-02-15', asOf: '2026-02-16T02:00:00Z' };
    expect(choose({ source: 'fixed', data: old, lastDeliveredWeek: null })).toEqual({
      kind: 'post', week: '2026-W07', reason: 'no-waiting', incomplete: false, showAsOf: true, asOf: '2026-02-16T02:00:00Z', stale: null,
    });
    expect(choose({ source: 'fixed', data: inUpToSunday })).toMatchObject({ kind: 'post', week: '2026-W10', showAsOf: true, stale: null });
  });

  it('a stale live source posts at once with the as-of line and tells the admin', () => {
    const stalled: DataState = { latestCompleteWeek: '2026-W09', newestDay: '2026-03-05', asOf: '2026-03-06T01:00:00Z' };
    expect(choose({ data: stalled, lastDeliveredWeek: '2026-W08' })).toEqual({
      kind: 'post', week: '2026-W09', reason: 'no-waiting', incomplete: false, showAsOf: true, asOf: '2026-03-06T01:00:00Z',
      stale: { newestDay: '2026-03-05', expectedDay: '2026-03-08' },
    });
    // One day behind is the normal lag just after midnight UTC, not staleness.
    expect(choose({ data: { ...stalled, newestDay: '2026-03-07' } })).toMatchObject({ kind: 'wait' });
    expect(choose({ data: stalled, staleAfterDays: 5 })).toMatchObject({ kind: 'wait' });
  });

  it('a week already delivered here gets one line, not the same brief again', () => {
    expect(choose({ lastDeliveredWeek: '2026-W10' })).toEqual({ kind: 'no-new-week', week: '2026-W10', asOf: '2026-03-09T01:10:00Z', stale: null });
    expect(choose({ source: 'fixed', lastDeliveredWeek: '2026-W10' })).toMatchObject({ kind: 'no-new-week', week: '2026-W10' });
    const stalled: DataState = { latestCompleteWeek: '2026-W09', newestDay: '2026-03-01', asOf: '2026-03-02T01:00:00Z' };
    expect(choose({ data: stalled, lastDeliveredWeek: '2026-W09' })).toMatchObject({ kind: 'no-new-week', stale: { newestDay: '2026-03-01' } });
  });

  it('uses the slot\'s LOCAL date: Monday 09:00 in Sydney waits for the UTC week to end', () => {
    const sydney = slotAt(ScheduleSchema.parse({ weekday: 'monday', time: '09:00', zone: 'Australia/Sydney' }), '2026-03-09');
    expect(sydney.instant).toEqual(at('2026-03-08T22:00:00Z'));
    expect(choose({ slot: sydney, now: sydney.instant, data: inUpToSaturday })).toEqual({ kind: 'wait', week: '2026-W10', until: at('2026-03-09T04:00:00Z') });
  });

  it('nothing stored: no data', () => {
    expect(choose({ data: { latestCompleteWeek: null, newestDay: null, asOf: null } })).toEqual({ kind: 'no-data' });
  });

  it('a first week in part only, with nothing complete, posts that part once the wait is over', () => {
    const partial: DataState = { latestCompleteWeek: null, newestDay: '2026-03-06', asOf: '2026-03-07T01:00:00Z' };
    expect(choose({ data: partial, now: at('2026-03-09T15:00:00Z'), lastDeliveredWeek: null })).toMatchObject({ kind: 'post', week: '2026-W10', incomplete: true });
  });
});
