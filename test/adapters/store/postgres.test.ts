import { describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../../src/adapters/store/migrations/postgres.js';
import { sqliteMigrations } from '../../../src/adapters/store/migrations/sqlite.js';
import { openPostgresStore } from '../../../src/adapters/store/postgres.js';
import { openSqliteStore } from '../../../src/adapters/store/sqlite.js';
import { connectPostgres, parseBigint } from '../../../src/adapters/store/postgres-db.js';
import { migratePostgres } from '../../../src/adapters/store/postgres-migrate.js';
import type { UsageRow } from '../../../src/core/types.js';
import { addDays } from '../../../src/core/week.js';
import { assertWholeIngests, CHANNEL, DAYS, dayOf, ingestOf, ROUNDS, SHARED, watchOf } from './concurrent-ingests.js';
import { describeStoreContract } from './contract.js';
import { postgresUrl, throwawaySchemas } from './postgres-harness.js';

describe('postgres migrations list', () => {
  it('has the versions and names of the SQLite ones', () => {
    expect(postgresMigrations.map(({ version, name }) => ({ version, name }))).toEqual(sqliteMigrations.map(({ version, name }) => ({ version, name })));
  });
});

describe('parseBigint', () => {
  it('reads safe integers and refuses anything beyond 2^53 - 1', () => {
    expect(parseBigint('9007199254740991')).toBe(9_007_199_254_740_991);
    expect(parseBigint('-5')).toBe(-5);
    expect(() => parseBigint('9007199254740992')).toThrow(/beyond 2\^53/);
  });
});

describe.skipIf(postgresUrl === null)('postgres store', () => {
  const schemas = throwawaySchemas();

  let contractSchema = '';
  describeStoreContract('postgres', async () => openPostgresStore(schemas.url, { schema: (contractSchema = await schemas.create()) }), {
    openSibling: async () => openPostgresStore(schemas.url, { schema: contractSchema }),
  });

  const row: UsageRow = { date: '2026-05-01', permaslug: 'a/x', tokens: 10, asOf: '2026-05-02T02:00:00Z' };
  const batch = (rows: UsageRow[]) => ({ rows, asOf: rows[0]?.asOf ?? row.asOf, startDate: '2026-05-01', endDate: '2026-05-01', dropped: 0 });

  it('migrates once when several replicas start on one new schema at once', async () => {
    const schema = await schemas.create();
    const replicas = Array.from({ length: 4 }, () => openPostgresStore(schemas.url, { schema }));
    try {
      await Promise.all(replicas.map((store) => store.migrate()));
      await Promise.all(replicas.map((store) => store.claimSource('file:test')));
      await replicas[0]?.saveUsage(batch([row]));
      expect(await replicas[3]?.usageBetween(row.date, row.date)).toEqual([row]);
    } finally {
      await Promise.all(replicas.map((store) => store.close()));
    }
    const applied = await schemas.query(`SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`);
    expect(applied).toEqual(postgresMigrations.map(({ version, name }) => ({ version, name })));
  });

  it('several replicas ingesting and changing one channel at once: every ingest whole, every change kept', async () => {
    const WORKERS = 4;
    const schema = await schemas.create();
    const replicas = Array.from({ length: WORKERS }, () => openPostgresStore(schemas.url, { schema, maxConnections: 2 }));
    const reference = openSqliteStore(':memory:');
    try {
      await Promise.all(replicas.map((store) => store.migrate()));
      await Promise.all(
        replicas.map(async (store, worker) => {
          await store.claimSource('file:test');
          for (let round = 0; round < ROUNDS; round += 1) {
            await store.saveIngest(ingestOf(worker, round));
            assertWholeIngests(await store.usageBetween(dayOf(1), dayOf(DAYS)));
            await store.updateChannelSettings(CHANNEL, (current) => ({ ...current, watchlist: [...current.watchlist, watchOf(worker, round)] }));
          }
        }),
      );
      // The newest as_of wins whatever order the ingests ran in, so one SQLite store fed them in turn agrees.
      await reference.migrate();
      await reference.claimSource('file:test');
      for (let round = 0; round < ROUNDS; round += 1) {
        for (let worker = 0; worker < WORKERS; worker += 1) await reference.saveIngest(ingestOf(worker, round));
      }
      const [first] = replicas;
      expect(await first?.usageBetween(dayOf(1), dayOf(DAYS))).toEqual(await reference.usageBetween(dayOf(1), dayOf(DAYS)));
      const restated = (await first?.restatementsBetween(dayOf(1), dayOf(DAYS))) ?? [];
      expect(restated.filter((r) => r.permaslug !== SHARED)).toHaveLength(WORKERS * DAYS * (ROUNDS - 1));
      const watched = replicas.flatMap((_, worker) => Array.from({ length: ROUNDS }, (_, round) => watchOf(worker, round)));
      expect((await first?.channelSettings(CHANNEL))?.watchlist.sort()).toEqual(watched.sort());
    } finally {
      await Promise.all([...replicas, reference].map((store) => store.close()));
    }
  });

  describe('provenance', () => {
    it('of replicas claiming one new schema at once for different sources, one wins and the others are refused', async () => {
      const schema = await schemas.create();
      const sources = ['sample', 'openrouter', 'file:a', 'file:b'];
      const replicas = sources.map(() => openPostgresStore(schemas.url, { schema }));
      try {
        await Promise.all(replicas.map((store) => store.migrate()));
        const claims = await Promise.allSettled(replicas.map((store, i) => store.claimSource(sources[i] ?? '')));
        const winner = sources.find((_, i) => claims[i]?.status === 'fulfilled');
        expect(claims.filter((claim) => claim.status === 'fulfilled')).toHaveLength(1);
        for (const claim of claims) {
          if (claim.status === 'rejected') expect(claim.reason).toMatchObject({ name: 'SourceConflictError', stored: winner });
        }
        expect(await replicas[0]?.dataSource()).toBe(winner);
      } finally {
        await Promise.all(replicas.map((store) => store.close()));
      }
    });

    it('stamps every row with the claimed source, and keeps a suspect catalog aside, replaced per day', async () => {
      const schema = await schemas.create();
      const store = openPostgresStore(schemas.url, { schema });
      const model = { id: 'a/x', canonicalSlug: 'a/x-1', name: 'A: X', created: 1, contextLength: 2, huggingFaceId: null, price: { input: 1, output: 2, cacheRead: null } };
      const suspect = (reason: string) => ({ snapshot: { fetchedOn: '2026-05-03', models: [] }, comparedWith: '2026-05-02', comparedModels: 1, reason });
      try {
        await store.migrate();
        await store.claimSource('file:test');
        await store.saveIngest({ usage: [batch([row])], catalogs: [{ fetchedOn: '2026-05-02', models: [model] }], suspectCatalogs: [suspect('first')] });
        await store.saveIngest({ usage: [], catalogs: [], suspectCatalogs: [suspect('lost every model')] });
        expect(await schemas.query(`SELECT source FROM ${schema}.usage UNION ALL SELECT source FROM ${schema}.catalog_snapshots`)).toEqual([
          { source: 'file:test' },
          { source: 'file:test' },
        ]);
        expect(
          await schemas.query(`SELECT fetched_on::text, source, models, compared_with::text, compared_models, reason, body FROM ${schema}.catalog_suspects`),
        ).toEqual([{ fetched_on: '2026-05-03', source: 'file:test', models: 0, compared_with: '2026-05-02', compared_models: 1, reason: 'lost every model', body: [] }]);
        expect(await store.latestCatalog()).toEqual({ fetchedOn: '2026-05-02', models: [model] });
      } finally {
        await store.close();
      }
    });

    it('marks a schema from before sources were recorded, and its rows, unknown, and refuses any source, naming the fix', async () => {
      const schema = await schemas.create();
      const old = connectPostgres(schemas.url, { schema });
      try {
        await migratePostgres(old.tx, postgresMigrations.slice(0, 2));
        await old.sql.query('INSERT INTO usage (date, permaslug, tokens, as_of, as_of_at) VALUES ($1, $2, $3, $4, $5)', [row.date, row.permaslug, row.tokens, row.asOf, row.asOf]);
      } finally {
        await old.close();
      }
      const store = openPostgresStore(schemas.url, { schema });
      try {
        await store.migrate();
        expect(await store.dataSource()).toBe('unknown');
        await expect(store.claimSource('sample')).rejects.toThrow(
          new RegExp(`PostgreSQL database \\w+ \\(schema ${schema}\\) holds unknown data; refusing to add sample data .*DATABASE_URL`),
        );
        expect(await store.usageBetween(row.date, row.date)).toEqual([row]);
        expect(await schemas.query(`SELECT source FROM ${schema}.usage`)).toEqual([{ source: 'unknown' }]);
      } finally {
        await store.close();
      }
    });
  });

  it('refuses, with a clear error and untouched, a schema from a newer tokenbrief', async () => {
    const schema = await schemas.create();
    const store = openPostgresStore(schemas.url, { schema });
    try {
      await store.migrate();
      await schemas.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES (999, 'from the future')`);
      await expect(store.migrate()).rejects.toThrow(/schema version 999 is newer than this tokenbrief knows .*DATABASE_URL/);
    } finally {
      await store.close();
    }
  });

  it('refuses to read a BIGINT beyond 2^53 as a rounded number', async () => {
    const schema = await schemas.create();
    const store = openPostgresStore(schemas.url, { schema });
    try {
      await store.migrate();
      await schemas.query(
        `INSERT INTO ${schema}.usage_restatements (date, permaslug, from_tokens, to_tokens, from_as_of, to_as_of)
         VALUES ('2026-05-01', 'a/x', 1, 9007199254740993, 'x', 'y')`,
      );
      await expect(store.restatementsBetween('2026-05-01', '2026-05-01')).rejects.toThrow(/9007199254740993 is beyond 2\^53/);
      // The connection that hit it is still usable.
      expect(await store.usageSpan()).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('stores a year of daily usage in a handful of statements, not one per row', async () => {
    let statements = 0;
    const store = await schemas.openStore({ onQuery: () => (statements += 1) });
    try {
      await store.migrate();
      await store.claimSource('file:test');
      const rows: UsageRow[] = [];
      for (let d = 0; d < 366; d += 1) {
        for (let m = 0; m < 100; m += 1) rows.push({ date: addDays('2025-01-01', d), permaslug: `lab/m${m}`, tokens: d * 1000 + m, asOf: '2026-01-02T02:00:00Z' });
      }
      statements = 0;
      expect(await store.saveIngest({ usage: [batch(rows)], catalogs: [] })).toEqual({ inserted: rows.length, restated: 0, unchanged: 0, pricePoints: 0 });
      // BEGIN, the writes lock, the claimed source, 4 chunks of 10,000 rows, COMMIT.
      expect(statements).toBe(8);
      const restated = rows.map((r, i) => ({ ...r, tokens: i % 10 === 0 ? r.tokens + 1 : r.tokens, asOf: '2026-01-03T02:00:00Z' }));
      expect(await store.saveUsage(batch(restated))).toEqual({ inserted: 0, restated: rows.length / 10, unchanged: (rows.length * 9) / 10 });
      expect(await store.usageSpan()).toEqual({ first: '2025-01-01', last: '2026-01-01' });
    } finally {
      await store.close();
    }
  });
});
