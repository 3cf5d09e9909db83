import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeaseStore } from '../../src/core/ports/lease.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { GATEWAY_LEASE, keepLease, type Clock, type LeaseKeeper } from '../../src/jobs/lease.js';

// The keeper on fake timers against an in-memory lease table with the stores' semantics (the stores
// themselves are checked by the store contract). Each replica reaches the table through its own
// connection, which a test can break (calls throw) or stall (calls never answer).

const clock: Clock = { now: () => Date.now(), setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (h) => clearTimeout(h as number) };
const { ttlMs, renewEveryMs, pollEveryMs } = GATEWAY_LEASE;
const NAME = 'discord-gateway';

type Connection = LeaseStore & { state: 'ok' | 'failing' | 'stalled' };

function leaseTable() {
  const rows = new Map<string, { holder: string; expiresAt: number }>();
  const connect = (): Connection => {
    const conn: Connection = {
      state: 'ok',
      async tryAcquire(name, holder, ttl) {
        if (conn.state === 'stalled') return new Promise<boolean>(() => undefined);
        if (conn.state === 'failing') throw new Error('connection terminated');
        const row = rows.get(name);
        if (row && row.expiresAt > Date.now() && row.holder !== holder) return false;
        rows.set(name, { holder, expiresAt: Date.now() + ttl });
        return true;
      },
      async release(name, holder) {
        if (conn.state !== 'ok') throw new Error('connection terminated');
        if (rows.get(name)?.holder === holder) rows.delete(name);
      },
    };
    return conn;
  };
  return { rows, connect };
}

/** The work each replica runs under the lease, with a record of any moment two ran at once. */
function guardedWork() {
  const log: string[] = [];
  const running = new Set<string>();
  let overlapped = false;
  const startFor =
    (replica: string, fails: () => boolean = () => false) =>
    async (): Promise<() => Promise<void>> => {
      if (fails()) throw new Error(`${replica} could not log in`);
      running.add(replica);
      if (running.size > 1) overlapped = true;
      log.push(`start ${replica}`);
      return async () => {
        running.delete(replica);
        log.push(`stop ${replica}`);
      };
    };
  return { log, startFor, running: () => [...running], overlapped: () => overlapped };
}

const keepers: LeaseKeeper[] = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  await Promise.all(keepers.splice(0).map((keeper) => keeper.stop()));
  vi.useRealTimers();
});

function replica(leases: LeaseStore, holder: string, start: () => Promise<() => Promise<void>>): LeaseKeeper {
  const keeper = keepLease({ leases, name: NAME, holder, timing: GATEWAY_LEASE, logger: silentLogger, clock, start });
  keepers.push(keeper);
  return keeper;
}

/** Two replicas on one table: `a` started first and holds the lease, `b` stands by. */
async function twoReplicas() {
  const table = leaseTable();
  const work = guardedWork();
  const connA = table.connect();
  const connB = table.connect();
  const a = replica(connA, 'a', work.startFor('a'));
  await a.started;
  const b = replica(connB, 'b', work.startFor('b'));
  await b.started;
  return { table, work, a, b, connA, connB };
}

describe('keepLease', () => {
  it('refuses timings that leave no renewal to spare', () => {
    expect(() => keepLease({ leases: leaseTable().connect(), name: NAME, holder: 'a', timing: { ttlMs: 20, renewEveryMs: 10, pollEveryMs: 5 }, logger: silentLogger, clock, start: async () => async () => undefined })).toThrow(RangeError);
  });

  it('the first replica takes the lease and runs the work; a second stands by; renewals keep it for minutes', async () => {
    const { table, work, a, b } = await twoReplicas();

    expect([a.holding(), b.holding()]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(work.log).toEqual(['start a']);
    expect(table.rows.get(NAME)?.holder).toBe('a');
  });

  it('a holder that dies without releasing is replaced once its lease runs out, within ttl + one poll', async () => {
    const { work, b, connA } = await twoReplicas();
    await vi.advanceTimersByTimeAsync(renewEveryMs + 1);

    // Frozen: no renewal answers, nothing released. Its own count stops its work before the lease ends.
    connA.state = 'stalled';
    const died = Date.now();
    await vi.advanceTimersByTimeAsync(ttlMs - renewEveryMs);
    expect(work.running()).toEqual([]);
    expect(b.holding()).toBe(false);
    while (!b.holding()) await vi.advanceTimersByTimeAsync(100);

    expect(Date.now() - died).toBeLessThanOrEqual(ttlMs + pollEveryMs);
    expect(work.running()).toEqual(['b']);
    expect(work.log).toEqual(['start a', 'stop a', 'start b']);
    expect(work.overlapped()).toBe(false);
  });

  it('a renewal that fails stops the work at once; the holder takes the lease back when the database answers again', async () => {
    const { work, a, connA } = await twoReplicas();
    connA.state = 'failing';
    await vi.advanceTimersByTimeAsync(renewEveryMs);

    expect(a.holding()).toBe(false);
    expect(work.log).toEqual(['start a', 'stop a']);
    connA.state = 'ok';
    await vi.advanceTimersByTimeAsync(pollEveryMs);
    // Its lease had not run out, so the standby could not have taken it: the same replica gets it back.
    expect(a.holding()).toBe(true);
    expect(work.log).toEqual(['start a', 'stop a', 'start a']);
  });

  it('a holder refused its renewal (another replica took the lease) stops the work at once', async () => {
    const { table, work, a } = await twoReplicas();
    table.rows.set(NAME, { holder: 'intruder', expiresAt: Date.now() + ttlMs });
    await vi.advanceTimersByTimeAsync(renewEveryMs);

    expect(a.holding()).toBe(false);
    expect(work.running()).toEqual([]);
  });

  it('stop() stops the work first, then releases, so a standby takes over on its next poll', async () => {
    const { table, work, a, b } = await twoReplicas();
    await a.stop();
    keepers.splice(keepers.indexOf(a), 1);

    expect(table.rows.has(NAME)).toBe(false);
    await vi.advanceTimersByTimeAsync(pollEveryMs);
    expect(b.holding()).toBe(true);
    expect(work.log).toEqual(['start a', 'stop a', 'start b']);
  });

  it('work that fails to start on the first try rejects `started`, releases the lease and tries no more', async () => {
    const table = leaseTable();
    const conn = table.connect();
    const tries = vi.spyOn(conn, 'tryAcquire');
    const keeper = replica(conn, 'a', guardedWork().startFor('a', () => true));

    await expect(keeper.started).rejects.toThrow('a could not log in');
    expect(table.rows.has(NAME)).toBe(false);
    await vi.advanceTimersByTimeAsync(ttlMs * 3);
    expect(tries).toHaveBeenCalledTimes(1);
  });

  it('work that fails to start on a later takeover releases the lease and is tried again', async () => {
    const { table, b, connA } = await twoReplicas();
    let failures = 1;
    const work = guardedWork();
    const c = replica(table.connect(), 'c', work.startFor('c', () => failures-- > 0));
    await c.started;
    connA.state = 'stalled';
    await b.stop();
    keepers.splice(keepers.indexOf(b), 1);

    while (!c.holding() || work.running().length === 0) await vi.advanceTimersByTimeAsync(1000);
    expect(work.log).toEqual(['start c']);
    expect(failures).toBe(-1);
  });
});
