import pg from 'pg';

/** One connection's way of sending a statement: one call, one round trip. Rows come back unvalidated. */
export interface Sql {
  query(text: string, values?: readonly unknown[]): Promise<unknown[]>;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export type Tx = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;

export interface PostgresDb {
  /** Single statements on any pooled connection (each statement sees one consistent snapshot). */
  sql: Sql;
  tx: Tx;
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** The schema holding the store's tables (every connection's search_path); default: the server's search_path. */
  schema?: string;
  /** Called once per statement sent, e.g. to count round trips. */
  onQuery?: (text: string) => void;
  /** Connections kept open at most (default 10). */
  maxConnections?: number;
}

const INT8_OID = 20;
const DATE_OID = 1082;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * BIGINT arrives as text because it may exceed what a JS number holds exactly. Every BIGINT we store
 * (tokens, unix times, ids, counts) is a safe integer, so a larger one means a database written by
 * something else: refused loudly rather than rounded silently.
 */
export function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`BIGINT ${text} is beyond 2^53 - 1 and cannot be read as an exact number`);
  }
  return value;
}

/** A DATE as the `YYYY-MM-DD` day the domain uses (pg would make a Date at local midnight). */
function parseDay(text: string): string {
  if (!ISO_DAY.test(text)) throw new Error(`DATE ${text} is not YYYY-MM-DD: the connection's DateStyle must be ISO`);
  return text;
}

// Per pool, not pg's global registry: other code in the process keeps pg's defaults.
const types = new pg.TypeOverrides();
types.setTypeParser(INT8_OID, parseBigint);
types.setTypeParser(DATE_OID, parseDay);

/** A pool on `url`. Nothing connects until the first statement. */
export function connectPostgres(url: string, options: PostgresOptions = {}): PostgresDb {
  const settings = ['-c datestyle=ISO,YMD'];
  if (options.schema !== undefined) {
    // Interpolated into a connection option, so only plain lower-case identifiers are accepted.
    if (!SCHEMA_NAME.test(options.schema)) throw new Error(`schema name ${JSON.stringify(options.schema)} must match ${SCHEMA_NAME.source}`);
    settings.push(`-c search_path=${options.schema}`);
  }
  const pool = new pg.Pool({ connectionString: url, types, options: settings.join(' '), max: options.maxConnections ?? 10 });
  // A pooled connection the server drops while idle emits 'error' on the pool; unhandled, that would
  // crash the process. The pool discards that connection, and the next statement opens a new one or
  // rejects with the cause, so there is nothing to do here.
  pool.on('error', () => undefined);

  const sqlOf = (client: pg.Pool | pg.PoolClient): Sql => ({
    query: async (text, values) => {
      options.onQuery?.(text);
      const result: pg.QueryResult | pg.QueryResult[] = await client.query({ text, values: values === undefined ? undefined : [...values] });
      // Several statements in one text (a migration) answer one result each; their rows are not wanted.
      return Array.isArray(result) ? [] : (result.rows as unknown[]);
    },
  });

  const tx: Tx = async (work) => {
    const client = await pool.connect();
    const sql = sqlOf(client);
    let broken: Error | undefined;
    try {
      await sql.query('BEGIN');
      const result = await work(sql);
      await sql.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await sql.query('ROLLBACK');
      } catch (rollbackFailed) {
        // A connection that cannot even roll back is closed, not handed to the next caller.
        broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  };

  return { sql: sqlOf(pool), tx, close: () => pool.end() };
}
