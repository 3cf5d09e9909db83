import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { sqliteMigrations } from './migrations/sqlite.js';
import { sqliteCatalog, type SqliteCatalog } from './sqlite-catalog.js';
import { sqliteChannels, type SqliteChannels } from './sqlite-channels.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { sqliteUsage, type SqliteUsage } from './sqlite-usage.js';
import type { Store } from './store.js';

/**
 * A `Store` on one SQLite file (`':memory:'` for a throwaway store), creating its directory if needed.
 * better-sqlite3 is synchronous; the methods are async only because the `Store` contract is shared
 * with stores that are not, and they report failures as rejections like those would.
 */
export function openSqliteStore(path: string): Store {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new Sqlite(path);
  // WAL lets the bot serve reads while a scheduled ingest writes; the busy timeout covers the moment
  // a second process (a CLI run next to the bot) holds the write lock.
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  // Statements can only be prepared once their tables exist, i.e. after `migrate()` on a new file.
  let queries: { usage: SqliteUsage; catalog: SqliteCatalog; channels: SqliteChannels } | undefined;
  const q = () => (queries ??= { usage: sqliteUsage(db), catalog: sqliteCatalog(db), channels: sqliteChannels(db) });

  return {
    migrate: async () => migrateSqlite(db, sqliteMigrations),
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
