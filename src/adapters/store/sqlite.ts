import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { sqliteMigrations } from './migrations/sqlite.js';
import { sqliteCatalog, type SqliteCatalog } from './sqlite-catalog.js';
import { sqliteChannels, type SqliteChannels } from './sqlite-channels.js';
import { sqliteIngest, type SqliteIngest } from './sqlite-ingest.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { sqliteUsage, type SqliteUsage } from './sqlite-usage.js';
import type { Store } from '../../core/ports/store.js';

const BUSY_TIMEOUT_MS = 5000;
const RETRY_PAUSE_MS = 10;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switching a new file to WAL needs an exclusive lock, and SQLite refuses it at once, without waiting
 * out the busy timeout, while another process starting on the same file at that moment reads it or
 * switches it itself. That lasts milliseconds, so the switch is retried up to the busy timeout. The
 * mode is stored in the file: once one process has switched it, the others find it switched.
 */
function switchToWal(db: Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!(error instanceof Sqlite.SqliteError && error.code === 'SQLITE_BUSY') || Date.now() >= deadline) throw error;
      // Opening a store is synchronous; Atomics.wait sleeps without spinning.
      Atomics.wait(pause, 0, 0, RETRY_PAUSE_MS);
    }
  }
}

/**
 * A `Store` on one SQLite file (`':memory:'` for a throwaway store), creating its directory if needed.
 * better-sqlite3 is synchronous; the methods are async only because the `Store` contract is shared
 * with stores that are not, and they report failures as rejections like those would.
 */
export function openSqliteStore(path: string): Store {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  // The busy timeout, set before anything touches the file, covers a second process (a CLI run next
  // to the bot) holding the write lock.
  const db = new Sqlite(path, { timeout: BUSY_TIMEOUT_MS });
  // WAL lets the bot serve reads while a scheduled ingest writes.
  if (!inMemory) switchToWal(db);
  db.pragma('foreign_keys = ON');

  // Statements can only be prepared once their tables exist, i.e. after `migrate()` on a new file.
  let queries: { usage: SqliteUsage; catalog: SqliteCatalog; channels: SqliteChannels; ingest: SqliteIngest } | undefined;
  const q = () => {
    if (queries) return queries;
    const usage = sqliteUsage(db);
    const catalog = sqliteCatalog(db);
    queries = { usage, catalog, channels: sqliteChannels(db), ingest: sqliteIngest(db, usage, catalog) };
    return queries;
  };

  return {
    migrate: async () => migrateSqlite(db, sqliteMigrations),
    saveIngest: async (input) => q().ingest(input),
    saveUsage: async (batch) => q().usage.save(batch),
    usageBetween: async (start, end) => q().usage.between(start, end),
    usageSpan: async () => q().usage.span(),
    restatementsBetween: async (start, end) => q().usage.restatementsBetween(start, end),
    saveCatalog: async (snapshot) => q().catalog.save(snapshot),
    catalogAsOf: async (date) => q().catalog.asOf(date),
    latestCatalog: async () => q().catalog.latest(),
    priceHistory: async (modelId) => q().catalog.priceHistory(modelId),
    channelSettings: async (channel) => q().channels.get(channel),
    updateChannelSettings: async (channel, update) => q().channels.update(channel, update),
    close: async () => {
      db.close();
    },
  };
}
