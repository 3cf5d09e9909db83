import type { Database } from 'better-sqlite3';
import { asOfInstant } from './as-of.js';
import type { SqliteCatalog } from './sqlite-catalog.js';
import type { SqliteUsage } from './sqlite-usage.js';
import type { IngestCounts, IngestInput } from '../../core/ports/store.js';

export type SqliteIngest = (input: IngestInput) => IngestCounts;

/**
 * One ingest as one IMMEDIATE transaction; the usage and catalog saves it calls nest inside it as
 * savepoints, so a snapshot refused at the end rolls back every batch before it.
 */
export function sqliteIngest(db: Database, usage: SqliteUsage, catalog: SqliteCatalog): SqliteIngest {
  const save = db.transaction(({ usage: batches, catalogs }: IngestInput): IngestCounts => {
    const counts: IngestCounts = { inserted: 0, restated: 0, unchanged: 0, pricePoints: 0 };
    // By instant, not text (see as-of.ts); the sort is stable, so equal as_of keep the source's order.
    const byAsOf = batches.map((batch) => ({ batch, at: asOfInstant(batch.asOf) })).sort((a, b) => a.at - b.at);
    for (const { batch } of byAsOf) {
      const saved = usage.save(batch);
      counts.inserted += saved.inserted;
      counts.restated += saved.restated;
      counts.unchanged += saved.unchanged;
    }
    for (const snapshot of [...catalogs].sort((a, b) => a.fetchedOn.localeCompare(b.fetchedOn))) {
      counts.pricePoints += catalog.save(snapshot).pricePoints;
    }
    return counts;
  });
  return (input) => save.immediate(input);
}
