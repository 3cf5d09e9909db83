import { postgresMigrations } from './migrations/postgres.js';
import { catalogAsOf, latestCatalog, priceHistory, saveSnapshot } from './postgres-catalog.js';
import { channelSettings, updateChannelSettings } from './postgres-channels.js';
import { connectPostgres, type PostgresOptions, type Sql, type Tx } from './postgres-db.js';
import { saveIngest } from './postgres-ingest.js';
import { postgresLeases } from './postgres-leases.js';
import { migratePostgres } from './postgres-migrate.js';
import { postgresSchedule } from './postgres-schedule.js';
import { claimSource, dataSource, sourceForWrite } from './postgres-source.js';
import { restatementsBetween, saveUsageRows, usageBetween, usageSpan } from './postgres-usage.js';
import { bumpDataVersion, dataVersion } from './postgres-version.js';
import { changedData } from './ingest-order.js';
import type { Store } from '../../core/ports/store.js';

/**
 * Usage and catalog writes read what is stored before writing (restatements, the price ledger, the
 * claimed source), and so do source claims, so they take one lock per schema for their transaction,
 * as SQLite's single writer does: replicas
 * ingesting at once queue instead of computing from a state another is changing. Ingests are rare
 * and short (a dozen statements for a year), so queueing costs nothing; reads never wait for it.
 */
export async function lockWrites(sql: Sql): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtext('tokenbrief:writes:' || current_schema()))`);
}

/**
 * A `Store` on a PostgreSQL database (`postgres://user:pass@host:5432/db`), through a connection pool.
 * Several processes may share one database: every write is one transaction, and writes that depend on
 * what is stored are serialised (see `lockWrites`).
 */
export function openPostgresStore(url: string, options: PostgresOptions = {}): Store {
  const { sql, tx, close } = connectPostgres(url, options);
  const locked: Tx = (work) =>
    tx(async (client) => {
      await lockWrites(client);
      return work(client);
    });
  // Read under the lock, like every claim: a write sees the claim that committed before it. Every
  // data write bumps the data version in its own transaction.
  const write = <T>(work: (client: Sql, source: string) => Promise<T>, changed: (result: T) => boolean = () => true): Promise<T> =>
    locked(async (client) => {
      const result = await work(client, await sourceForWrite(client));
      if (changed(result)) await bumpDataVersion(client);
      return result;
    });
  return {
    migrate: () => migratePostgres(tx, postgresMigrations),
    claimSource: async (source) => {
      // A claim never changes once made, so claiming again (every ingest does) leaves the version alone.
      if ((await dataSource(sql)) === source) return;
      await locked(async (client) => {
        await claimSource(client, source);
        await bumpDataVersion(client);
      });
    },
    dataSource: () => dataSource(sql),
    dataVersion: () => dataVersion(sql),
    saveUsage: (batch) => write((client, source) => saveUsageRows(client, batch.rows, source), (counts) => changedData(counts)),
    saveIngest: (input) => write((client, source) => saveIngest(client, input, source), (counts) => changedData(counts, input)),
    usageBetween: (start, end) => usageBetween(sql, start, end),
    usageSpan: () => usageSpan(sql),
    restatementsBetween: (start, end) => restatementsBetween(sql, start, end),
    saveCatalog: (snapshot) => write((client, source) => saveSnapshot(client, snapshot, source)),
    catalogAsOf: (date) => catalogAsOf(sql, date),
    latestCatalog: () => latestCatalog(sql),
    priceHistory: (modelId) => priceHistory(sql, modelId),
    channelSettings: (channel) => channelSettings(sql, channel),
    updateChannelSettings: (channel, update) => updateChannelSettings(tx, channel, update),
    ...postgresLeases(sql),
    ...postgresSchedule(sql, tx),
    close,
  };
}
