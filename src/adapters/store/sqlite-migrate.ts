import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Migration } from './migrations/sqlite.js';

const AppliedRow = z.object({ version: z.number().int() });

/**
 * Applies the migrations a database has not recorded yet, in list order, each in its own transaction.
 * A database that recorded a version this code does not know was written by a newer tokenbrief;
 * running old code on it could corrupt data, so it is refused before anything is touched.
 */
export function migrateSqlite(db: Database, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(
    z.array(AppliedRow).parse(db.prepare('SELECT version FROM schema_migrations').all()).map((row) => row.version),
  );
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new Error(
      `database schema version ${newest} is newer than this tokenbrief knows (up to ${known}): ` +
        'upgrade tokenbrief, or point DATABASE_PATH at another file',
    );
  }

  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare(
    `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  );
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    // IMMEDIATE takes the write lock before re-checking, so two processes starting on the same file
    // cannot both apply a migration.
    db.transaction(() => {
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name);
    }).immediate();
  }
}
