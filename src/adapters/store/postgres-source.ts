import { z } from 'zod';
import type { Sql } from './postgres-db.js';
import { SourceConflictError } from '../../core/ports/store.js';

/** How to give a source a PostgreSQL database of its own (see `SourceConflictError`). */
export const POSTGRES_ELSEWHERE = 'point DATABASE_URL at another database or schema';

const NameRow = z.object({ name: z.string() });
const WhereRow = z.object({ database: z.string(), schema: z.string().nullable() });

/** The source whose data this database holds, or null when nothing was ever claimed. */
export async function dataSource(sql: Sql): Promise<string | null> {
  const [row] = await sql.query('SELECT name FROM data_source');
  return row === undefined ? null : NameRow.parse(row).name;
}

/**
 * Claims the database for `source` as `Store.claimSource` promises. The caller provides the
 * transaction and the writes lock: of two replicas claiming a new database at once for different
 * sources, the second reads the first's claim once it holds the lock, and is refused.
 */
export async function claimSource(sql: Sql, source: string): Promise<void> {
  const stored = await dataSource(sql);
  if (stored === null) await sql.query('INSERT INTO data_source ("only", name) VALUES (1, $1)', [source]);
  else if (stored !== source) throw new SourceConflictError(stored, source, await described(sql), POSTGRES_ELSEWHERE);
}

/** The claimed source, for a write about to stamp rows (under the writes lock); throws when there is none. */
export async function sourceForWrite(sql: Sql): Promise<string> {
  const stored = await dataSource(sql);
  if (stored === null) throw new Error(`${await described(sql)}: no source claimed; call claimSource before writing data`);
  return stored;
}

// Names the database the way an operator finds it, never through the URL (which may hold a password).
async function described(sql: Sql): Promise<string> {
  const [row] = await sql.query('SELECT current_database() AS database, current_schema() AS schema');
  const { database, schema } = WhereRow.parse(row);
  return `PostgreSQL database ${database}${schema === null ? '' : ` (schema ${schema})`}`;
}
