import { describe, expect, it } from 'vitest';
import { decideDue, type DueOptions, type DueSubscription, type LedgerEntry } from '../../../src/core/schedule/due.js';
import { ScheduleSchema } from '../../../src/core/schedule/schedule.js';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
// Monday 09:00 UTC; 2026-03-09 and 2026-03-16 are Mondays.
const sub = (over: Partial<DueSubscription> = {}): DueSubscription => ({
  id: 's1',
  schedule: ScheduleSchema.parse({ weekday: 'monday', time: '09:00', zone: 'UTC' }),
  activeSince: at('2026-01-01T00:00:00Z'),
  paused: false,
  ...over,
});
const ledger = (entries: LedgerEntry[] = [], id = 's1') => new Map([[id, entries]]);
const upSinceJanuary = { tickingSince: at('2026-01-01T00:00:00Z') };
const decide = (now: string, subscription = sub(), rows: LedgerEntry[] = [], options: DueOptions = upSinceJanuary) =>
  decideDue({ now: at(now), subscriptions: [subscription], ledger: ledger(rows), options });

describe('decideDue', () => {
  const previousSent: LedgerEntry = { slot: '2026-03-02', state: 'sent', at: at('2026-03-02T09:00:05Z') };

  it('posts a slot that is due now, once: a ledger row settles it', () => {
    expect(decide('2026-03-09T09:00:30Z', sub(), [previousSent])).toEqual([
      { kind: 'post', subscriptionId: 's1', slot: { key: '2026-03-09', instant: at('2026-03-09T09:00:00Z') } },
    ]);
    for (const state of ['claimed', 'sent', 'failed', 'skipped'] as const) {
      expect(decide('2026-03-09T09:01:00Z', sub(), [previousSent, { slot: '2026-03-09', state, at: at('2026-03-09T09:00:31Z') }])).toEqual([]);
    }
  });

  it('does nothing before the slot or for a paused subscription', () => {
    expect(decide('2026-03-09T08:59:59Z', sub(), [previousSent])).toEqual([]);
    expect(decide('2026-03-09T09:00:30Z', sub({ paused: true }))).toEqual([]);
  });

  it('a slot still waiting for data stays "post" while the scheduler keeps ticking', () => {
    expect(decide('2026-03-09T13:00:00Z', sub(), [previousSent])).toMatchObject([{ kind: 'post' }]);
  });

  it('never posts a slot from before the subscription, nor records it', () => {
    expect(decide('2026-03-09T09:30:00Z', sub({ activeSince: at('2026-03-09T09:10:00Z') }))).toEqual([]);
    expect(decide('2026-03-16T09:00:00Z', sub({ activeSince: at('2026-03-09T09:10:00Z') }))).toMatchObject([{ kind: 'post', slot: { key: '2026-03-16' } }]);
  });

  it('3 hours down over the slot: one delayed post', () => {
    const now = '2026-03-09T12:00:00Z';
    expect(decide(now, sub(), [previousSent], { tickingSince: at(now) })).toEqual([
      { kind: 'post-delayed', subscriptionId: 's1', slot: { key: '2026-03-09', instant: at('2026-03-09T09:00:00Z') }, lateMs: 3 * HOUR },
    ]);
  });

  it('a restart within the on-time tolerance still posts on time', () => {
    expect(decide('2026-03-09T09:03:00Z', sub(), [previousSent], { tickingSince: at('2026-03-09T09:03:00Z') })).toMatchObject([{ kind: 'post' }]);
  });

  it('3 days down: the slot is recorded skipped, nothing posted', () => {
    const now = '2026-03-12T09:00:00Z';
    expect(decide(now, sub(), [previousSent], { tickingSince: at(now) })).toEqual([
      { kind: 'skip', subscriptionId: 's1', slot: { key: '2026-03-09', instant: at('2026-03-09T09:00:00Z') }, reason: 'beyond-grace' },
    ]);
  });

  it('the grace window is configurable', () => {
    const now = '2026-03-12T09:00:00Z';
    expect(decide(now, sub(), [previousSent], { tickingSince: at(now), graceMs: 4 * 24 * HOUR })).toMatchObject([{ kind: 'post-delayed' }]);
  });

  it('weeks down: the newest slot within grace posts delayed, older ones are skipped, never a burst', () => {
    const now = '2026-03-30T10:00:00Z';
    const actions = decide(now, sub(), [previousSent], { tickingSince: at(now) });
    expect(actions.map((a) => [a.kind, a.slot.key])).toEqual([
      ['post-delayed', '2026-03-30'],
      ['skip', '2026-03-23'],
      ['skip', '2026-03-16'],
      ['skip', '2026-03-09'],
    ]);
  });

  it('older missed slots stop at the subscription start and at maxSkipped', () => {
    const now = '2026-03-30T10:00:00Z';
    const fresh = sub({ activeSince: at('2026-03-20T00:00:00Z') });
    expect(decide(now, fresh, [], { tickingSince: at(now) }).map((a) => a.slot.key)).toEqual(['2026-03-30', '2026-03-23']);
    const capped = decideDue({ now: at(now), subscriptions: [sub()], ledger: ledger(), options: { tickingSince: at(now), maxSkipped: 2 } });
    expect(capped.map((a) => a.slot.key)).toEqual(['2026-03-30', '2026-03-23', '2026-03-16']);
  });

  it('a stale claim is recovered (its sender died); a fresh one is left to its sender', () => {
    const claim = (iso: string): LedgerEntry => ({ slot: '2026-03-09', state: 'claimed', at: at(iso) });
    expect(decide('2026-03-09T09:05:00Z', sub(), [claim('2026-03-09T09:00:10Z')])).toEqual([]);
    expect(decide('2026-03-09T09:20:00Z', sub(), [claim('2026-03-09T09:00:10Z')])).toEqual([
      { kind: 'recover', subscriptionId: 's1', slot: { key: '2026-03-09', instant: at('2026-03-09T09:00:00Z') }, claimedAt: at('2026-03-09T09:00:10Z'), withinGrace: true },
    ]);
    expect(decide('2026-03-11T09:20:00Z', sub(), [claim('2026-03-09T09:00:10Z')])).toMatchObject([{ kind: 'recover', withinGrace: false }]);
  });

  it('a fall-back-day slot is due once, not again when the wall clock repeats', () => {
    const ny = sub({ schedule: ScheduleSchema.parse({ weekday: 'sunday', time: '01:30', zone: 'America/New_York' }) });
    const lastWeek: LedgerEntry = { slot: '2026-10-25', state: 'sent', at: at('2026-10-25T05:30:02Z') };
    expect(decide('2026-11-01T05:30:00Z', ny, [lastWeek])).toEqual([
      { kind: 'post', subscriptionId: 's1', slot: { key: '2026-11-01', instant: at('2026-11-01T05:30:00Z') } },
    ]);
    const sent: LedgerEntry = { slot: '2026-11-01', state: 'sent', at: at('2026-11-01T05:30:02Z') };
    expect(decide('2026-11-01T06:30:00Z', ny, [sent])).toEqual([]);
  });

  it('a spring-forward slot at a skipped time is due at the next valid minute', () => {
    const ny = sub({ schedule: ScheduleSchema.parse({ weekday: 'sunday', time: '02:30', zone: 'America/New_York' }) });
    const sent: LedgerEntry = { slot: '2026-03-01', state: 'sent', at: at('2026-03-01T07:30:02Z') };
    expect(decide('2026-03-08T06:59:00Z', ny, [sent])).toEqual([]);
    expect(decide('2026-03-08T07:00:00Z', ny, [sent])).toMatchObject([{ kind: 'post', slot: { key: '2026-03-08' } }]);
  });

  it('decides each subscription on its own schedule and ledger', () => {
    const berlin = sub({ id: 'b', schedule: ScheduleSchema.parse({ weekday: 'monday', time: '09:00', zone: 'Europe/Berlin' }) });
    const utc = sub({ id: 'u' });
    const actions = decideDue({
      now: at('2026-03-09T08:30:00Z'),
      subscriptions: [berlin, utc],
      ledger: new Map([['u', [previousSent]], ['b', [{ ...previousSent, at: at('2026-03-02T08:00:01Z') }]]]),
      options: upSinceJanuary,
    });
    expect(actions).toEqual([{ kind: 'post', subscriptionId: 'b', slot: { key: '2026-03-09', instant: at('2026-03-09T08:00:00Z') } }]);
  });
});
