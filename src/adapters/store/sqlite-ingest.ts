import type { Database } from 'better-sqlite3';
import { ingestOrder } from './ingest-order.js';
import type { SqliteCatalog } from './sqlite-catalog.js';
import type { SqliteSource } from './sqlite-source.js';
import type { SqliteUsage } from './sqlite-usage.js';
import type { IngestCounts, IngestInput } from '../../core/ports/store.js';

export type SqliteIngest = (input: IngestInput) => IngestCounts;

/**
 * One ingest as one IMMEDIATE transaction; the usage and catalog saves it calls nest inside it as
 * savepoints, so a snapshot refused at the end rolls back every batch before it.
 */
export function sqliteIngest(db: Database, parts: { usage: SqliteUsage; catalog: SqliteCatalog; source: SqliteSource }): SqliteIngest {
  const { usage, catalog } = parts;
  const save = db.transaction((input: IngestInput): IngestCounts => {
    const source = parts.source.forWrite();
    const counts: IngestCounts = { inserted: 0, restated: 0, unchanged: 0, pricePoints: 0 };
    const { usage: batches, catalogs } = ingestOrder(input);
    for (const batch of batches) {
      const saved = usage.save(batch, source);
      counts.inserted += saved.inserted;
      counts.restated += saved.restated;
      counts.unchanged += saved.unchanged;
    }
    for (const snapshot of catalogs) {
      counts.pricePoints += catalog.save(snapshot, source).pricePoints;
    }
    for (const suspect of input.suspectCatalogs ?? []) catalog.setAside(suspect, source);
    return counts;
  });
  return (input) => save.immediate(input);
}
