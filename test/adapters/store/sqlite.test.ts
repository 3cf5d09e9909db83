import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteMigrations } from '../../../src/adapters/store/migrations/sqlite.js';
import { openSqliteStore } from '../../../src/adapters/store/sqlite.js';
import type { UsageRow } from '../../../src/core/types.js';
import { describeStoreContract } from './contract.js';

const root = mkdtempSync(join(tmpdir(), 'tokenbrief-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let files = 0;
const freshPath = () => join(root, `store-${(files += 1)}`, 'tokenbrief.db');

describeStoreContract('sqlite :memory:', async () => openSqliteStore(':memory:'));
describeStoreContract('sqlite file', async () => openSqliteStore(freshPath()));

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
    expect(sqliteMigrations.map((m) => m.version)).toEqual(sqliteMigrations.map((_, i) => i + 1));
    for (const m of sqliteMigrations) expect(m.name.trim()).not.toBe('');
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
