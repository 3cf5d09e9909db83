// A throwaway schema on the Postgres server the benches use (DATABASE_URL, TEST_DATABASE_URL, else the
// local test server), dropped afterwards; without a server the bench says so in one line and skips.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactUrl } from '../src/config.js';

export async function withBenchSchema(what: string, run: (url: string, schema: string) => Promise<void>): Promise<void> {
  const url = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (error) {
    console.log(`${what} skipped: no server at ${redactUrl(url)} (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  const schema = `tb_bench_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    await run(url, schema);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
