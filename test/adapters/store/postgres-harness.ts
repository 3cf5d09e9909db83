import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openPostgresStore } from '../../../src/adapters/store/postgres.js';
import type { PostgresOptions } from '../../../src/adapters/store/postgres-db.js';
import type { Store } from '../../../src/core/ports/store.js';

/** The test server (see test/setup/postgres.ts), or null: wrap Postgres tests in `describe.skipIf(postgresUrl === null)`. */
export const postgresUrl = inject('postgresUrl');

/**
 * Throwaway schemas on the test server, `tb_test_<random>`, each dropped when the file's tests end.
 * Call at the top of a `describe` that is skipped without a server.
 */
export function throwawaySchemas() {
  const url = postgresUrl ?? '';
  const created: string[] = [];
  let admin: pg.Pool | undefined;
  afterAll(async () => {
    for (const schema of created) await admin?.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.end();
  });
  const create = async (): Promise<string> => {
    admin ??= new pg.Pool({ connectionString: url, max: 1 });
    const schema = `tb_test_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    created.push(schema);
    return schema;
  };
  return {
    url,
    create,
    /** A URL whose connections use `schema`, as an operator would write it for `migrate-store --to`. */
    urlFor: (schema: string) => `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    /** A store on a new empty schema (not migrated). */
    openStore: async (options: PostgresOptions = {}): Promise<Store> => openPostgresStore(url, { ...options, schema: await create() }),
    query: async (text: string, values: unknown[] = []) => {
      admin ??= new pg.Pool({ connectionString: url, max: 1 });
      return (await admin.query(text, values)).rows as unknown[];
    },
  };
}
