import { describe, expect, it } from 'vitest';
import { describeDatabase, parseConfig } from '../../../src/config.js';
import { openStore } from '../../../src/wiring.js';
import { postgresUrl, throwawaySchemas } from './postgres-harness.js';

describe('DATABASE_URL', () => {
  it('is optional; when set it must be a postgres URL, and the problem never quotes it', () => {
    const unset = parseConfig({ DATABASE_URL: ' ' });
    expect(unset.ok && unset.config.databaseUrl).toBeUndefined();
    const set = parseConfig({ DATABASE_URL: 'postgresql://bot:s3cret@db:5432/tokenbrief' });
    expect(set.ok && set.config.databaseUrl).toBe('postgresql://bot:s3cret@db:5432/tokenbrief');
    for (const bad of ['mysql://bot:s3cret@db/tokenbrief', 's3cret']) {
      const parsed = parseConfig({ DATABASE_URL: bad });
      expect(parsed).toEqual({ ok: false, problems: ['DATABASE_URL: must be a postgres://user:password@host:5432/database URL'] });
    }
  });

  it('is described without its password', () => {
    expect(describeDatabase({ databasePath: './data/x.db', databaseUrl: 'postgres://bot:s3cret@db:5432/tokenbrief' })).toBe(
      'postgres://bot:***@db:5432/tokenbrief',
    );
    expect(describeDatabase({ databasePath: './data/x.db', databaseUrl: undefined })).toBe('./data/x.db');
  });
});

describe.skipIf(postgresUrl === null)('openStore with DATABASE_URL', () => {
  const schemas = throwawaySchemas();

  it('opens and migrates the Postgres store instead of the SQLite file', async () => {
    const schema = await schemas.create();
    const store = await openStore('/nonexistent/never-created.db', { databaseUrl: schemas.urlFor(schema) });
    try {
      await store.updateChannelSettings('slack:T1:C1', () => ({ thresholds: { topN: 5 }, watchlist: [] }));
      expect(await schemas.query(`SELECT channel FROM ${schema}.channel_settings`)).toEqual([{ channel: 'slack:T1:C1' }]);
    } finally {
      await store.close();
    }
  });

  it('closes the pool and rejects when the database cannot be migrated', async () => {
    await expect(openStore(':memory:', { databaseUrl: `${postgresUrl ?? ''}?options=-c%20search_path%3Dtb_test_missing` })).rejects.toThrow(/schema/);
  });
});
