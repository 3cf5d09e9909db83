import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { redactUrl } from '../../src/config.js';

// Global setup: finds out once per run whether the Postgres tests can run. Without a server they are
// skipped with one line saying so, except under CI=true, where a missing server fails the run: CI
// must never pass by skipping them.

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server the Postgres tests use (`TEST_DATABASE_URL`), or null when none answers. */
    postgresUrl: string | null;
  }
}

async function problemReaching(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL?.trim() || DEFAULT_URL;
  const problem = await problemReaching(url);
  if (problem !== null) {
    const where = `no PostgreSQL answers at ${redactUrl(url)} (${problem})`;
    if (process.env.CI === 'true') throw new Error(`${where}; CI=true needs it for the Postgres tests (set TEST_DATABASE_URL)`);
    console.log(`Postgres tests skipped: ${where}; start one or set TEST_DATABASE_URL`);
  }
  project.provide('postgresUrl', problem === null ? url : null);
}
