import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { sqliteMigrations } from './migrations/sqlite.js';
import { guardFile } from './file-guard.js';
import { sqliteCatalog, type SqliteCatalog } from './sqlite-catalog.js';
import { sqliteChannels, type SqliteChannels } from './sqlite-channels.js';
import { sqliteIngest, type SqliteIngest } from './sqlite-ingest.js';
import { sqliteLeases, type SqliteLeases } from './sqlite-leases.js';
import { sqliteSchedule } from './sqlite-schedule.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { sqliteSource, type SqliteSource } from './sqlite-source.js';
import { sqliteUsage, type SqliteUsage } from './sqlite-usage.js';
import { changedData } from './ingest-order.js';
import { sqliteVersion, type SqliteVersion } from './sqlite-version.js';
import { TokenbriefError } from '../../core/errors.js';
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

/** The database file cannot be used: `path` (its folder cannot be made) or `file` (not a usable SQLite file). */
export class StoreOpenError extends TokenbriefError {
  readonly code = 'store_open_failed';
  constructor(
    readonly kind: 'path' | 'file',
    readonly path: string,
    /** What is wrong, without the path: "/etc/passwd is a file, not a folder". */
    readonly reason: string,
    options: { cause?: unknown; message?: string } = {},
  ) {
    super(options.message ?? `cannot use the database ${path}: ${reason}`, options);
  }
}

/**
 * Creates `dir` one level at a time from its nearest existing ancestor. Node's recursive mkdir loops
 * forever on some paths (under /proc), and reports a file in the way as a bare EEXIST.
 */
function ensureFolder(dir: string, path: string): void {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const stat = statSync(at, { throwIfNoEntry: false });
    if (stat) {
      if (!stat.isDirectory()) throw new StoreOpenError('path', path, `${at} is a file, not a folder`);
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new StoreOpenError('path', path, `the folder ${folder} cannot be created (${code})`, { cause: error });
    }
  }
}

/** SQLite's answers that mean "this file is not a database we can use", as opposed to a bug. */
const UNUSABLE_FILE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_IOERR']);

/**
 * A `Store` on one SQLite file (`':memory:'` for a throwaway store), creating its directory if needed.
 * `onStatement` is called for every statement executed (the benchmark counts them).
 * better-sqlite3 is synchronous; the methods are async only because the `Store` contract is shared
 * with stores that are not, and they report failures as rejections like those would.
 */
export function openSqliteStore(path: string, options: { onStatement?: () => void } = {}): Store {
  const inMemory = path === ':memory:';
  if (!inMemory) ensureFolder(dirname(path), path);
  let db: Database;
  try {
    // The busy timeout, set before anything touches the file, covers a second process (a CLI run next
    // to the bot) holding the write lock.
    db = new Sqlite(path, { timeout: BUSY_TIMEOUT_MS, ...(options.onStatement ? { verbose: options.onStatement } : {}) });
    // WAL lets the bot serve reads while a scheduled ingest writes.
    if (!inMemory) switchToWal(db);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    if (!(error instanceof Sqlite.SqliteError && UNUSABLE_FILE.has(error.code))) throw error;
    throw new StoreOpenError('file', path, `SQLite says: ${error.message}`, { cause: error });
  }
  // Every write first checks the file is still the one opened, writable: otherwise it would be lost silently.
  const intact = inMemory ? () => undefined : guardFile(path);

  // Statements can only be prepared once their tables exist, i.e. after `migrate()` on a new file.
  let queries:
    | { usage: SqliteUsage; catalog: SqliteCatalog; channels: SqliteChannels; source: SqliteSource; ingest: SqliteIngest; leases: SqliteLeases; version: SqliteVersion }
    | undefined;
  const q = () => {
    if (queries) return queries;
    const usage = sqliteUsage(db);
    const catalog = sqliteCatalog(db);
    const source = sqliteSource(db, inMemory ? 'the in-memory database' : path);
    queries = { usage, catalog, channels: sqliteChannels(db), source, ingest: sqliteIngest(db, { usage, catalog, source }), leases: sqliteLeases(db), version: sqliteVersion(db) };
    return queries;
  };

  return {
    migrate: async () => migrateSqlite(db, sqliteMigrations),
    claimSource: async (source) => {
      intact();
      // A claim never changes once made, so claiming again (every ingest does) leaves the version alone.
      if (q().source.current() === source) return;
      q().version.written(() => q().source.claim(source));
    },
    dataSource: async () => q().source.current(),
    dataVersion: async () => q().version.current(),
    saveIngest: async (input) => {
      intact();
      return q().version.written(() => q().ingest(input), (counts) => changedData(counts, input));
    },
    saveUsage: async (batch) => {
      intact();
      return q().version.written(() => q().usage.save(batch, q().source.forWrite()), (counts) => changedData(counts));
    },
    usageBetween: async (start, end) => q().usage.between(start, end),
    usageSpan: async () => q().usage.span(),
    restatementsBetween: async (start, end) => q().usage.restatementsBetween(start, end),
    saveCatalog: async (snapshot) => {
      intact();
      return q().version.written(() => q().catalog.save(snapshot, q().source.forWrite()));
    },
    catalogAsOf: async (date) => q().catalog.asOf(date),
    latestCatalog: async () => q().catalog.latest(),
    priceHistory: async (modelId) => q().catalog.priceHistory(modelId),
    channelSettings: async (channel) => q().channels.get(channel),
    updateChannelSettings: async (channel, update) => {
      intact();
      return q().channels.update(channel, update);
    },
    tryAcquire: async (name, holder, ttlMs) => {
      intact();
      return q().leases.tryAcquire(name, holder, ttlMs);
    },
    release: async (name, holder) => q().leases.release(name, holder),
    ...sqliteSchedule(db, intact),
    close: async () => {
      db.close();
    },
  };
}
