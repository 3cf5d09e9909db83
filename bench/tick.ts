// A minute tick over 10,000 subscriptions kept in a SQLite file: what the tick reads from the store
// and decides every minute (issue target: under 50 ms). The store holds two weeks of steady-state
// ledger: last week's slot sent everywhere, this week's sent for three channels in four.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/adapters/store/sqlite.js';
import type { ChannelRef } from '../src/core/channel.js';
import { WEEKDAYS, type Schedule } from '../src/core/schedule/schedule.js';
import { latestSlotAtOrBefore, previousSlot } from '../src/core/schedule/slots.js';
import { DEFAULT_TICK_OPTIONS, decideTick } from '../src/jobs/tick.js';

const ZONES = Intl.supportedValuesOf('timeZone');

export async function benchStoreTick(count: number, runs: number): Promise<{ samples: number[]; due: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenbrief-tick-'));
  const store = openSqliteStore(join(dir, 'bench.db'));
  try {
    await store.migrate();
    const now = new Date('2026-03-09T09:00:30Z');
    for (let i = 0; i < count; i++) {
      const schedule: Schedule = {
        weekday: i % 5 === 0 ? WEEKDAYS[i % 7]! : 'monday',
        time: `${String(6 + (i % 6)).padStart(2, '0')}:${String(15 * (i % 4)).padStart(2, '0')}`,
        zone: ZONES[(i * 7) % 40]!,
      };
      const channel: ChannelRef = i % 2 === 0 ? { platform: 'slack', workspace: 'T1', channel: `C${i}` } : { platform: 'discord', workspace: 'G1', channel: `${1e17 + i}` };
      await store.subscribe({ channel, schedule, subscribedBy: 'U1', at: new Date('2026-01-01T00:00:00Z') });
      const latest = latestSlotAtOrBefore(schedule, now);
      const settled = i % 4 === 0 ? previousSlot(schedule, latest) : latest;
      for (const slot of [previousSlot(schedule, settled), settled]) {
        await store.claimSlot({ channel, slot: slot.key, kind: 'scheduled', week: '2026-W10', by: 'bench', at: slot.instant, leaseUntil: new Date(slot.instant.getTime() + 600_000), delayed: false });
        await store.markSent({ channel, slot: slot.key, by: 'bench', messageIds: ['1'], at: slot.instant });
      }
    }
    const deps = { store, tickingSince: new Date('2026-03-01T00:00:00Z') };
    const tick = () => decideTick(deps, now, DEFAULT_TICK_OPTIONS);
    // The first tick reads the subscriptions; later ones only check that they did not change.
    const due = (await tick())?.actions.length ?? 0;
    for (let i = 0; i < 5; i++) await tick();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      await tick();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return { samples, due };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
