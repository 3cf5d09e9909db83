import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { pendingMigrations } from './migrations/pending.js';
import type { Migration } from './migrations/sqlite.js';

const AppliedRow = z.object({ version: z.number().int() });

/**
 * Applies the migrations a database has not recorded yet, in list order, all in one transaction.
 * A database from a newer tokenbrief is refused before anything is touched (see pending.ts).
 */
export function migrateSqlite(db: Database, migrations: readonly Migration[]): void {
  // Checked without the write lock first: every start but the first finds nothing to do, and a
  // read-only run should not wait for an ingest another process is writing.
  if (pending(db, migrations).length === 0) return;
  // IMMEDIATE takes the write lock before re-reading what is applied, so of two processes starting
  // on a new file at once, the second waits for the first and then finds nothing left to do.
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const record = db.prepare(
      `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    );
    for (const migration of pending(db, migrations)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name);
    }
  }).immediate();
}

/** The migrations not recorded as applied, in list order; throws for a database from a newer tokenbrief. */
function pending(db: Database, migrations: readonly Migration[]): Migration[] {
  const tracked = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).get();
  const rows = tracked === undefined ? [] : db.prepare('SELECT version FROM schema_migrations').all();
  const applied = new Set(z.array(AppliedRow).parse(rows).map((row) => row.version));
  return pendingMigrations(applied, migrations, 'point DATABASE_PATH at another file');
}
