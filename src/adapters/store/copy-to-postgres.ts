import { existsSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { z } from 'zod';
import { asOfInstant } from './as-of.js';
import { postgresMigrations } from './migrations/postgres.js';
import { lockWrites } from './postgres.js';
import { connectPostgres, type Sql } from './postgres-db.js';
import { migratePostgres } from './postgres-migrate.js';
import { openSqliteStore } from './sqlite.js';

// `tokenbrief migrate-store`: a SQLite store's tables, copied as they are into an empty Postgres
// store. Copying tables rather than replaying saves keeps everything, restatement history and
// settings timestamps included, and the price ledger exactly as stored. Values are checked on the way
// in by the Postgres columns' types and CHECKs (a bad value fails the copy, which then stores nothing).

interface TableCopy {
  table: string;
  /** Column → the Postgres type its array parameter is cast to. */
  columns: Record<string, string>;
  order: string;
  /** Columns only the Postgres schema has, computed from the SQLite row. */
  derived?: Record<string, { type: string; of: (row: Record<string, unknown>) => unknown }>;
}

const PRICES = { input: 'float8', output: 'float8', cache_read: 'float8' };

/** In foreign-key order. Adding a table to both stores means adding it here. */
const TABLES: readonly TableCopy[] = [
  { table: 'data_source', columns: { only: 'integer', name: 'text' }, order: 'name' },
  {
    table: 'usage',
    columns: { date: 'date', permaslug: 'text', tokens: 'bigint', as_of: 'text', source: 'text' },
    order: 'date, permaslug',
    derived: { as_of_at: { type: 'timestamptz', of: (row) => new Date(asOfInstant(z.string().parse(row.as_of))).toISOString() } },
  },
  {
    table: 'usage_restatements',
    columns: { id: 'bigint', date: 'date', permaslug: 'text', from_tokens: 'bigint', to_tokens: 'bigint', from_as_of: 'text', to_as_of: 'text' },
    order: 'id',
  },
  { table: 'catalog_snapshots', columns: { fetched_on: 'date', source: 'text' }, order: 'fetched_on' },
  {
    table: 'catalog_models',
    columns: {
      fetched_on: 'date',
      id: 'text',
      position: 'integer',
      canonical_slug: 'text',
      name: 'text',
      created: 'bigint',
      context_length: 'bigint',
      hugging_face_id: 'text',
      ...PRICES,
    },
    order: 'fetched_on, position',
  },
  { table: 'price_points', columns: { model_id: 'text', date: 'date', ...PRICES }, order: 'model_id, date' },
  {
    table: 'catalog_suspects',
    columns: { fetched_on: 'date', source: 'text', models: 'integer', compared_with: 'date', compared_models: 'integer', reason: 'text', body: 'jsonb' },
    order: 'fetched_on',
  },
  // SQLite's 0/1 (or NULL, never set) is boolean input Postgres accepts as is.
  { table: 'channel_settings', columns: { channel: 'text', thresholds: 'jsonb', watchlist: 'jsonb', charts: 'boolean', updated_at: 'timestamptz' }, order: 'channel' },
  // SQLite's 0/1 flags arrive as text '0'/'1', which Postgres reads as booleans.
  {
    table: 'subscriptions',
    columns: {
      channel: 'text',
      weekday: 'text',
      time: 'text',
      zone: 'text',
      alerts: 'boolean',
      subscribed_by: 'text',
      active_since: 'timestamptz',
      paused_reason: 'text',
      paused_at: 'timestamptz',
    },
    order: 'channel',
  },
  {
    table: 'deliveries',
    columns: {
      channel: 'text',
      slot: 'text',
      kind: 'text',
      state: 'text',
      week: 'text',
      at: 'timestamptz',
      claimed_by: 'text',
      lease_until: 'timestamptz',
      message_ids: 'jsonb',
      reason: 'text',
      delayed: 'boolean',
    },
    order: 'channel, slot',
  },
  { table: 'alert_baselines', columns: { channel: 'text', baseline_at: 'timestamptz' }, order: 'channel' },
  { table: 'alert_history', columns: { channel: 'text', identity: 'text', topic: 'text', state: 'text', at: 'timestamptz' }, order: 'channel, identity' },
  {
    table: 'refresh_log',
    columns: { id: 'bigint', started_at: 'timestamptz', finished_at: 'timestamptz', ok: 'boolean', summary: 'text', as_of: 'text' },
    order: 'id',
  },
];

/** Tables whose ids were copied as they are: their identity must continue after the largest. */
const IDENTITIES = ['usage_restatements', 'refresh_log'];

const ROWS_PER_STATEMENT = 5000;
const Row = z.record(z.string(), z.unknown());
const HasRows = z.object({ has_rows: z.boolean() });

export type CopyCounts = Record<string, number>;

const quoted = (column: string) => `"${column}"`;

async function copyTable(source: Sqlite.Database, sql: Sql, copy: TableCopy): Promise<number> {
  const read = Object.keys(copy.columns);
  const all = { ...copy.columns, ...Object.fromEntries(Object.entries(copy.derived ?? {}).map(([name, d]) => [name, d.type])) };
  const names = Object.keys(all);
  // Quoted: `only` is a reserved word in Postgres, and a quoted name is a plain column name in either engine.
  const insert = `INSERT INTO ${copy.table} (${names.map(quoted).join(', ')})
    SELECT * FROM unnest(${names.map((name, i) => `$${i + 1}::${all[name]}[]`).join(', ')})`;
  let copied = 0;
  let chunk: Record<string, unknown>[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const derived = Object.values(copy.derived ?? {});
    await sql.query(insert, [...read.map((name) => chunk.map((row) => row[name])), ...derived.map((d) => chunk.map(d.of))]);
    copied += chunk.length;
    chunk = [];
  };
  for (const row of source.prepare(`SELECT ${read.map(quoted).join(', ')} FROM ${copy.table} ORDER BY ${copy.order}`).iterate()) {
    chunk.push(Row.parse(row));
    if (chunk.length === ROWS_PER_STATEMENT) await flush();
  }
  await flush();
  return copied;
}

/**
 * Copies the SQLite store at `sqlitePath` (brought to the current schema first) into the Postgres
 * database at `postgresUrl` (migrated first), in one transaction. Refuses a target that already holds
 * data: merging two stores is not a copy. Resolves to the rows copied per table.
 */
export async function copySqliteToPostgres(sqlitePath: string, postgresUrl: string): Promise<CopyCounts> {
  if (sqlitePath === ':memory:' || !existsSync(sqlitePath)) throw new Error(`no SQLite database at ${sqlitePath}`);
  const upgraded = openSqliteStore(sqlitePath);
  try {
    await upgraded.migrate();
  } finally {
    await upgraded.close();
  }
  const source = new Sqlite(sqlitePath, { readonly: true, fileMustExist: true });
  const target = connectPostgres(postgresUrl, { maxConnections: 1 });
  try {
    await migratePostgres(target.tx, postgresMigrations);
    return await target.tx(async (sql) => {
      await lockWrites(sql);
      const [found] = await sql.query(`SELECT ${TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t.table})`).join(' OR ')} AS has_rows`);
      if (HasRows.parse(found).has_rows) throw new Error('the Postgres store already holds data; migrate-store copies into an empty one only');
      const counts: CopyCounts = {};
      // One read transaction on the SQLite side too, so a bot writing the file meanwhile cannot tear the copy.
      source.exec('BEGIN');
      try {
        for (const copy of TABLES) counts[copy.table] = await copyTable(source, sql, copy);
      } finally {
        source.exec('COMMIT');
      }
      // Explicit ids leave the identity behind; the next row must not collide with a copied one.
      for (const table of IDENTITIES) {
        await sql.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`);
      }
      return counts;
    });
  } finally {
    source.close();
    await target.close();
  }
}
