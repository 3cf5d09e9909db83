import { z } from 'zod';
import type { Sql } from './postgres-db.js';

// The data version of a PostgreSQL database (see `DataVersionStore`): a one-row counter, bumped in
// the transaction of every data write, so every replica sharing the database sees every write.

const VersionRow = z.object({ version: z.number().int().nonnegative() });

export async function dataVersion(sql: Sql): Promise<number> {
  const [row] = await sql.query('SELECT version FROM data_version');
  return VersionRow.parse(row).version;
}

/** Call inside the write's transaction (and its writes lock, which also orders the bumps). */
export async function bumpDataVersion(sql: Sql): Promise<void> {
  await sql.query('UPDATE data_version SET version = version + 1');
}
