import { z } from 'zod';
import { pendingMigrations } from './migrations/pending.js';
import type { Migration } from './migrations/sqlite.js';
import type { Tx } from './postgres-db.js';
import { POSTGRES_ELSEWHERE } from './postgres-source.js';

const AppliedRow = z.object({ version: z.number().int() });

/**
 * Applies the migrations the schema has not recorded yet, in list order, in one transaction (DDL is
 * transactional in Postgres: a failing migration leaves nothing half-built). Replicas starting at
 * once queue on an advisory lock scoped to the schema; each after the first finds nothing to do.
 */
export async function migratePostgres(tx: Tx, migrations: readonly Migration[]): Promise<void> {
  await tx(async (sql) => {
    await sql.query(`SELECT pg_advisory_xact_lock(hashtext('tokenbrief:migrate:' || current_schema()))`);
    await sql.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = z.array(AppliedRow).parse(await sql.query('SELECT version FROM schema_migrations'));
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of pendingMigrations(applied, migrations, POSTGRES_ELSEWHERE)) {
      await sql.query(migration.sql);
      await sql.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}
