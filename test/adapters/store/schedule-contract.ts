import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { Store } from '../../../src/core/ports/store.js';
import type { Schedule } from '../../../src/core/schedule/schedule.js';

// The scheduler's part of the store contract (see contract.ts): subscriptions, the delivery ledger
// whose claims make a slot go out once, the alert log and the refresh log.

const C1: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const C2: ChannelRef = { platform: 'discord', workspace: 'G1', channel: 'C2' };
const MONDAY_9: Schedule = { weekday: 'monday', time: '09:00', zone: 'Europe/Berlin' };
const T0 = new Date('2026-03-09T08:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** How many replicas race for one slot in the claim check. */
const CLAIMERS = 8;

export function describeSchedulerContract(store: () => Store, sibling: () => Promise<Store | null>): void {
  const claim = (by: string, at = T0, slot = '2026-03-09', channel = C1) =>
    store().claimSlot({ channel, slot, kind: 'scheduled', week: '2026-W10', by, at, leaseUntil: new Date(at.getTime() + 10 * 60_000), delayed: false });

  describe('subscriptions', () => {
    it('subscribes, reads back, changes the schedule, sets alerts, pauses, resumes and unsubscribes', async () => {
      expect(await store().subscription(C1)).toBeNull();
      const created = await store().subscribe({ channel: C1, schedule: MONDAY_9, subscribedBy: 'U1', at: T0 });
      expect(created).toEqual({ channel: C1, schedule: MONDAY_9, alerts: true, subscribedBy: 'U1', activeSince: T0, paused: null });
      await store().subscribe({ channel: C2, schedule: { ...MONDAY_9, zone: 'UTC' }, subscribedBy: 'U2', at: T0 });
      expect((await store().subscriptions()).map((s) => s.channel)).toEqual([C2, C1]);

      expect(await store().setAlerts(C1, false)).toBe(true);
      await store().pauseSubscription(C1, 'channel_not_found', minutes(1));
      expect(await store().subscription(C1)).toMatchObject({ alerts: false, paused: { reason: 'channel_not_found', at: minutes(1) } });

      const changed = await store().subscribe({ channel: C1, schedule: { ...MONDAY_9, time: '10:30' }, subscribedBy: 'U3', at: minutes(2) });
      expect(changed).toEqual({ channel: C1, schedule: { ...MONDAY_9, time: '10:30' }, alerts: false, subscribedBy: 'U3', activeSince: minutes(2), paused: null });

      expect(await store().unsubscribe(C1)).toBe(true);
      expect(await store().unsubscribe(C1)).toBe(false);
      expect(await store().setAlerts(C1, true)).toBe(false);
      expect(await store().subscription(C1)).toBeNull();
      expect(await store().subscriptions()).toHaveLength(1);
    });
  });

  describe('delivery ledger', () => {
    it(`lets exactly one of ${CLAIMERS} concurrent claimers have a slot`, async () => {
      const other = await sibling();
      try {
        const results = await Promise.all(
          Array.from({ length: CLAIMERS }, (_, i) => {
            const target = other && i % 2 === 1 ? other : store();
            return target.claimSlot({ channel: C1, slot: '2026-03-09', kind: 'scheduled', week: '2026-W10', by: `r${i}`, at: T0, leaseUntil: minutes(10), delayed: false });
          }),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      } finally {
        await other?.close();
      }
    });

    it('hands an expired claim to exactly one new holder; only the holder settles it', async () => {
      expect(await claim('a')).toBe(true);
      expect(await claim('b', minutes(5))).toBe(false);
      expect(await claim('a', minutes(5))).toBe(false);
      expect(await Promise.all([claim('b', minutes(10)), claim('c', minutes(10))])).toEqual([true, false]);
      expect(await store().markSent({ channel: C1, slot: '2026-03-09', by: 'a', messageIds: ['1'], at: minutes(11) })).toBe(false);
      expect(await store().markSent({ channel: C1, slot: '2026-03-09', by: 'b', messageIds: ['m1', 'm2'], at: minutes(11) })).toBe(true);
      // Sent is final: no lease runs out on it, a second settle does nothing.
      expect(await claim('c', minutes(60))).toBe(false);
      expect(await store().markFailed({ channel: C1, slot: '2026-03-09', by: 'b', reason: 'x', messageIds: [], at: minutes(61) })).toBe(false);
      const [sent] = await store().deliveries(T0);
      expect(sent).toEqual({
        channel: C1,
        slot: '2026-03-09',
        kind: 'scheduled',
        state: 'sent',
        week: '2026-W10',
        at: minutes(11),
        claimedBy: 'b',
        leaseUntil: null,
        messageIds: ['m1', 'm2'],
        reason: null,
        delayed: false,
      });
      expect(await store().lastSent(C1)).toEqual(sent);
    });

    it('records a failure with its reason and the ids that made it; a failed slot is not claimed again', async () => {
      expect(await claim('a')).toBe(true);
      expect(await store().markFailed({ channel: C1, slot: '2026-03-09', by: 'a', reason: 'channel_not_found', messageIds: ['m1'], at: minutes(1) })).toBe(true);
      expect(await claim('b', minutes(30))).toBe(false);
      expect(await store().deliveries(T0)).toMatchObject([{ state: 'failed', reason: 'channel_not_found', messageIds: ['m1'] }]);
      expect(await store().lastSent(C1)).toBeNull();
    });

    it('records a skip once, never over a sent slot or someone else\'s claim; the claim holder may skip', async () => {
      const skip = (slot: string, at: Date, by?: string) => store().markSkipped({ channel: C1, slot, reason: 'beyond-grace', at, ...(by ? { by } : {}) });
      await skip('2026-03-02', T0);
      await skip('2026-03-02', minutes(1));
      expect(await store().deliveries(T0)).toMatchObject([{ slot: '2026-03-02', state: 'skipped', reason: 'beyond-grace', at: T0, week: null, messageIds: [] }]);
      expect(await claim('a', T0, '2026-03-02')).toBe(false);

      expect(await claim('a')).toBe(true);
      await skip('2026-03-09', minutes(2));
      await skip('2026-03-09', minutes(2), 'b');
      expect((await store().deliveries(minutes(0), [C1])).map((d) => d.state)).toEqual(['skipped', 'claimed']);
      await skip('2026-03-09', minutes(3), 'a');
      expect((await store().deliveries(minutes(0), [C1])).map((d) => d.state)).toEqual(['skipped', 'skipped']);
    });

    it('lists entries since a time, of some channels or all, oldest first; keeps manual posts apart', async () => {
      expect(await claim('a', T0, '2026-03-09', C1)).toBe(true);
      expect(await claim('a', minutes(1), '2026-03-09', C2)).toBe(true);
      expect(
        await store().claimSlot({ channel: C1, slot: 'manual:2026-W10', kind: 'manual', week: '2026-W10', by: 'a', at: minutes(2), leaseUntil: minutes(3), delayed: false }),
      ).toBe(true);
      expect((await store().deliveries(T0)).map((d) => [d.channel.channel, d.slot, d.kind])).toEqual([
        ['C1', '2026-03-09', 'scheduled'],
        ['C2', '2026-03-09', 'scheduled'],
        ['C1', 'manual:2026-W10', 'manual'],
      ]);
      expect((await store().deliveries(minutes(1))).map((d) => d.channel.channel)).toEqual(['C2', 'C1']);
      expect((await store().deliveries(T0, [C2])).map((d) => d.channel)).toEqual([C2]);
      expect(await store().deliveries(T0, [])).toEqual([]);
    });

    it('keeps each channel\'s head: its newest scheduled entry as it changes, and the newest week sent by any post', async () => {
      expect(await store().ledgerHeads()).toEqual(new Map());
      expect(await claim('a', T0, '2026-03-09')).toBe(true);
      await store().markSkipped({ channel: C1, slot: '2026-03-02', reason: 'missed', at: minutes(1) });
      expect(await claim('a', T0, '2026-03-09', C2)).toBe(true);
      const head = () => store().ledgerHeads().then((heads) => heads.get('slack:T1:C1'));
      expect(await head()).toEqual({ newest: { slot: '2026-03-09', state: 'claimed', at: T0, week: '2026-W10' }, sentWeek: null });

      await store().markSent({ channel: C1, slot: '2026-03-09', by: 'a', messageIds: ['m1'], at: minutes(2) });
      expect(await head()).toEqual({ newest: { slot: '2026-03-09', state: 'sent', at: minutes(2), week: '2026-W10' }, sentWeek: '2026-W10' });
      expect(
        await store().claimSlot({ channel: C1, slot: 'manual:2026-W11', kind: 'manual', week: '2026-W11', by: 'a', at: minutes(3), leaseUntil: minutes(4), delayed: false }),
      ).toBe(true);
      await store().markSent({ channel: C1, slot: 'manual:2026-W11', by: 'a', messageIds: ['m2'], at: minutes(3) });
      expect(await head()).toEqual({ newest: { slot: '2026-03-09', state: 'sent', at: minutes(2), week: '2026-W10' }, sentWeek: '2026-W11' });
      expect((await store().ledgerHeads()).get('discord:G1:C2')).toEqual({ newest: { slot: '2026-03-09', state: 'claimed', at: T0, week: '2026-W10' }, sentWeek: null });
    });

    it('keeps alert messages in the ledger apart from briefs: one entry by key, not a brief for lastSent or the heads', async () => {
      const slot = 'alerts:2026-03-08+2026-03-10';
      expect(await store().delivery(C1, slot)).toBeNull();
      expect(await store().claimSlot({ channel: C1, slot, kind: 'alerts', week: null, by: 'a', at: T0, leaseUntil: minutes(10), delayed: false })).toBe(true);
      expect(await store().claimSlot({ channel: C1, slot, kind: 'alerts', week: null, by: 'b', at: minutes(1), leaseUntil: minutes(11), delayed: false })).toBe(false);
      expect(await store().markSent({ channel: C1, slot, by: 'a', messageIds: ['m1'], at: minutes(1) })).toBe(true);
      expect(await store().delivery(C1, slot)).toMatchObject({ channel: C1, slot, kind: 'alerts', state: 'sent', messageIds: ['m1'], week: null });
      expect(await store().lastSent(C1)).toBeNull();
      expect((await store().ledgerHeads()).get('slack:T1:C1')).toEqual({ newest: null, sentWeek: null });
      await expect(store().claimSlot({ channel: C1, slot: 'alerts:', kind: 'alerts', week: null, by: 'a', at: T0, leaseUntil: minutes(10), delayed: false })).rejects.toThrow();
    });

    it('hands back the same frozen subscriptions until any write changes them', async () => {
      await store().subscribe({ channel: C1, schedule: MONDAY_9, subscribedBy: 'U1', at: T0 });
      const first = await store().subscriptions();
      expect(await store().subscriptions()).toBe(first);
      expect(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0]?.schedule)).toBe(true);
      await store().setAlerts(C1, false);
      const changed = await store().subscriptions();
      expect(changed).not.toBe(first);
      expect(changed[0]?.alerts).toBe(false);
      await store().unsubscribe(C1);
      expect(await store().subscriptions()).toEqual([]);
    });

    it('refuses a slot key that is neither a date nor a manual post, storing nothing', async () => {
      await expect(claim('a', T0, 'next monday')).rejects.toThrow();
      expect(await store().deliveries(new Date(0))).toEqual([]);
    });
  });

  describe('alert log', () => {
    it('starts without a baseline, then keeps the baseline and every record per channel', async () => {
      expect(await store().alertHistory(C1)).toEqual({ baselineAt: null, records: [] });
      const baseline = { identity: 'new_model a/x', topic: 'new_model a/x', state: 'baseline' as const, at: T0 };
      await store().recordAlerts(C1, { baselineAt: T0, records: [baseline] });
      const sent = { identity: 'price_change a/x input 1->2', topic: 'price_change a/x', state: 'sent' as const, at: minutes(60) };
      await store().recordAlerts(C1, { records: [sent] });
      // A second baseline does not move the first.
      await store().recordAlerts(C1, { baselineAt: minutes(120), records: [] });
      expect(await store().alertHistory(C1)).toEqual({ baselineAt: T0, records: [baseline, sent] });
      expect(await store().alertHistory(C2)).toEqual({ baselineAt: null, records: [] });
    });
  });

  describe('refresh log', () => {
    it('answers the newest refresh', async () => {
      expect(await store().lastRefresh()).toBeNull();
      await store().recordRefresh({ startedAt: T0, finishedAt: minutes(1), ok: true, summary: '7 rows', asOf: '2026-03-09T02:00:00Z' });
      const failed = { startedAt: minutes(60), finishedAt: minutes(61), ok: false, summary: 'HTTP 502', asOf: '2026-03-09T02:00:00Z' };
      await store().recordRefresh(failed);
      expect(await store().lastRefresh()).toEqual(failed);
    });
  });
}
