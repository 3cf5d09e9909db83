import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteMigrations } from '../../../src/adapters/store/migrations/sqlite.js';
import { openSqliteStore } from '../../../src/adapters/store/sqlite.js';
import { migrateSqlite } from '../../../src/adapters/store/sqlite-migrate.js';
import type { Store } from '../../../src/core/ports/store.js';
import { EMPTY_CHANNEL_SETTINGS, type ChannelSettings } from '../../../src/core/thresholds.js';
import type { UsageRow } from '../../../src/core/types.js';
import {
  asOfOf,
  catalogDayOf,
  CHANNEL,
  DAYS,
  dayOf,
  ownSlug,
  priceOf,
  ROUNDS,
  SHARED,
  tokensOf,
  watchOf,
} from './concurrent-ingests.js';
import { assertConcurrentChangesKept, describeStoreContract } from './contract.js';

const root = mkdtempSync(join(tmpdir(), 'tokenbrief-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let files = 0;
const freshPath = () => join(root, `store-${(files += 1)}`, 'tokenbrief.db');

describeStoreContract('sqlite :memory:', async () => openSqliteStore(':memory:'));
let contractPath = '';
describeStoreContract('sqlite file', async () => openSqliteStore((contractPath = freshPath())), { openSibling: async () => openSqliteStore(contractPath) });

describe('the contract\'s concurrency check', () => {
  it('fails a store that reads the settings, awaits, then writes them', async () => {
    const store = openSqliteStore(':memory:');
    await store.migrate();
    // Read-modify-write across an await: the race the check exists to catch.
    const racy: Store = Object.assign(Object.create(store) as Store, {
      async updateChannelSettings(channel: string, update: (current: ChannelSettings) => ChannelSettings) {
        const current = (await store.channelSettings(channel)) ?? EMPTY_CHANNEL_SETTINGS;
        await new Promise((resolve) => setImmediate(resolve));
        const next = update(current);
        return store.updateChannelSettings(channel, () => next);
      },
    });
    await expect(assertConcurrentChangesKept([racy])).rejects.toThrow(/concurrent changes lost/);
    await assertConcurrentChangesKept([store], 'slack:T1:C2');
    await store.close();
  });
});

const row: UsageRow = { date: '2026-05-01', permaslug: 'a/x', tokens: 10, asOf: '2026-05-02T02:00:00Z' };
const batch = { rows: [row], asOf: row.asOf, startDate: row.date, endDate: row.date, dropped: 0 };

function appliedMigrations(path: string): unknown[] {
  const db = new Sqlite(path, { readonly: true });
  try {
    return db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
  } finally {
    db.close();
  }
}

describe('sqlite migrations list', () => {
  it('has strictly increasing versions from 1 and a name for each', () => {
    const versions = sqliteMigrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    for (const m of sqliteMigrations) expect(m.name.trim()).not.toBe('');
  });
});

describe('provenance on a database from before sources were recorded', () => {
  it('marks its rows and itself unknown, and refuses any source’s data, naming the fix', async () => {
    const path = freshPath();
    const old = openSqliteStore(path);
    await old.close();
    const db = new Sqlite(path);
    migrateSqlite(db, sqliteMigrations.slice(0, 2));
    db.prepare('INSERT INTO usage (date, permaslug, tokens, as_of) VALUES (?, ?, ?, ?)').run(row.date, row.permaslug, row.tokens, row.asOf);
    db.close();

    const store = openSqliteStore(path);
    await store.migrate();
    expect(await store.dataSource()).toBe('unknown');
    await expect(store.claimSource('sample')).rejects.toThrow(/holds unknown data; refusing to add sample data .*DATABASE_PATH/);
    expect(await store.usageBetween(row.date, row.date)).toEqual([row]);
    await store.close();
  });
});

describe('the scheduler on a database from before ledger heads were kept', () => {
  it('fills each channel\'s head from the ledger it already holds, and the alerts rebuild keeps every entry', async () => {
    const path = freshPath();
    const old = openSqliteStore(path);
    await old.close();
    const db = new Sqlite(path);
    migrateSqlite(db, sqliteMigrations.filter((m) => m.version < 7));
    const add = db.prepare(
      `INSERT INTO deliveries (channel, slot, kind, state, week, at, claimed_by, lease_until, message_ids, reason, delayed) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, '[]', NULL, 0)`,
    );
    add.run('slack:T1:C1', '2026-03-02', 'scheduled', 'sent', '2026-W09', '2026-03-02T08:00:00.000Z');
    add.run('slack:T1:C1', '2026-03-09', 'scheduled', 'skipped', null, '2026-03-10T08:00:00.000Z');
    add.run('slack:T1:C1', 'manual:2026-W10', 'manual', 'sent', '2026-W10', '2026-03-11T08:00:00.000Z');
    db.close();

    const store = openSqliteStore(path);
    await store.migrate();
    expect(await store.ledgerHeads()).toEqual(
      new Map([['slack:T1:C1', { newest: { slot: '2026-03-09', state: 'skipped', at: new Date('2026-03-10T08:00:00.000Z'), week: null }, sentWeek: '2026-W10' }]]),
    );
    expect(await store.deliveries(new Date(0))).toHaveLength(3);
    await store.close();
  });
});

describe('openSqliteStore on a file', () => {
  it('creates missing parent directories', async () => {
    const path = join(root, 'deep', 'er', 'tokenbrief.db');
    const store = openSqliteStore(path);
    await store.migrate();
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('keeps data across reopening and does not re-run migrations', async () => {
    const path = freshPath();
    const first = openSqliteStore(path);
    await first.migrate();
    await first.claimSource('file:test');
    await first.saveUsage(batch);
    await first.close();
    const applied = appliedMigrations(path);
    expect(applied).toHaveLength(sqliteMigrations.length);

    const second = openSqliteStore(path);
    await second.migrate();
    expect(await second.usageBetween(row.date, row.date)).toEqual([row]);
    await second.close();
    expect(appliedMigrations(path)).toEqual(applied);
  });

  it('uses WAL for files', async () => {
    const path = freshPath();
    const store = openSqliteStore(path);
    await store.migrate();
    await store.close();
    const db = new Sqlite(path);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('refuses, with a clear error and untouched, a database from a newer tokenbrief', async () => {
    const path = freshPath();
    const store = openSqliteStore(path);
    await store.migrate();
    await store.close();
    const db = new Sqlite(path);
    db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 'x')`).run();
    db.close();
    const before = appliedMigrations(path);

    const again = openSqliteStore(path);
    await expect(again.migrate()).rejects.toThrow(/schema version 999 is newer than this tokenbrief knows/);
    await again.close();
    expect(appliedMigrations(path)).toEqual(before);
  });

  it('reports a store used before migrate() as a rejection', async () => {
    const store = openSqliteStore(':memory:');
    await expect(store.usageSpan()).rejects.toThrow(/no such table/);
    await store.close();
  });

  it('rejects calls after close()', async () => {
    const store = openSqliteStore(':memory:');
    await store.migrate();
    await store.close();
    await expect(store.usageSpan()).rejects.toThrow();
  });
});

describe('several processes on one new file at once', () => {
  const WORKERS = 4;
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const script = fileURLToPath(new URL('concurrent-worker.ts', import.meta.url));

  /** Forks a worker; `ready` settles once it has loaded (or failed to), `exited` with its exit code and stderr. */
  function start(path: string, worker: number) {
    const child = fork(script, [path, String(worker)], { cwd: repo, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ worker: number; code: number | null; stderr: string }>((resolve) =>
      child.once('exit', (code) => resolve({ worker, code, stderr })),
    );
    const ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      void exited.then((end) => reject(new Error(`worker ${worker} exited before it was ready:\n${end.stderr}`)));
    });
    return { child, ready, exited };
  }

  it('all succeed: migrations applied once, every ingest whole, every settings change kept', async () => {
    const path = freshPath();
    const workers = Array.from({ length: WORKERS }, (_, worker) => start(path, worker));
    try {
      await Promise.all(workers.map((w) => w.ready));
    } catch (error) {
      for (const w of workers) w.child.kill();
      throw error;
    }
    for (const w of workers) w.child.send('go');
    const ends = await Promise.all(workers.map((w) => w.exited));
    expect(ends).toEqual(ends.map(({ worker }) => ({ worker, code: 0, stderr: '' })));

    expect(appliedMigrations(path)).toHaveLength(sqliteMigrations.length);
    const store = openSqliteStore(path);
    try {
      await store.migrate();
      const last = ROUNDS - 1;
      const expected: UsageRow[] = [];
      for (let n = 1; n <= DAYS; n += 1) {
        const slugs = [SHARED, ...Array.from({ length: WORKERS }, (_, worker) => ownSlug(worker))].sort();
        for (const permaslug of slugs) {
          const worker = permaslug === SHARED ? WORKERS - 1 : Number(permaslug.slice(1, permaslug.indexOf('/')));
          expected.push({ date: dayOf(n), permaslug, tokens: tokensOf(worker, last, n), asOf: asOfOf(worker, last) });
        }
      }
      expect(await store.usageBetween(dayOf(1), dayOf(DAYS))).toEqual(expected);
      const restated = await store.restatementsBetween(dayOf(1), dayOf(DAYS));
      for (let worker = 0; worker < WORKERS; worker += 1) {
        expect(restated.filter((r) => r.permaslug === ownSlug(worker))).toHaveLength(DAYS * last);
        const snapshot = await store.catalogAsOf(catalogDayOf(worker));
        expect(snapshot?.fetchedOn).toBe(catalogDayOf(worker));
        expect(snapshot?.models.map((m) => [m.id, m.price])).toEqual([
          [ownSlug(worker), priceOf(worker, last)],
          [SHARED, priceOf(worker, last)],
        ]);
        expect(await store.priceHistory(ownSlug(worker))).toEqual([
          { modelId: ownSlug(worker), date: catalogDayOf(worker), price: priceOf(worker, last) },
        ]);
      }
      const watched = Array.from({ length: WORKERS }, (_, worker) => Array.from({ length: ROUNDS }, (_, round) => watchOf(worker, round)));
      expect((await store.channelSettings(CHANNEL))?.watchlist.sort()).toEqual(watched.flat().sort());
    } finally {
      await store.close();
    }
  }, 30_000);
});
