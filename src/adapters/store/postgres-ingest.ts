import { ingestOrder } from './ingest-order.js';
import { saveSnapshot, setAside } from './postgres-catalog.js';
import type { Sql } from './postgres-db.js';
import { saveUsageRows } from './postgres-usage.js';
import type { IngestCounts, IngestInput } from '../../core/ports/store.js';

/** One ingest as `Store.saveIngest` promises, stamped with `source`; the caller provides the transaction and the writes lock. */
export async function saveIngest(sql: Sql, input: IngestInput, source: string): Promise<IngestCounts> {
  const { usage, catalogs } = ingestOrder(input);
  const counts: IngestCounts = { inserted: 0, restated: 0, unchanged: 0, pricePoints: 0 };
  for (const batch of usage) {
    const saved = await saveUsageRows(sql, batch.rows, source);
    counts.inserted += saved.inserted;
    counts.restated += saved.restated;
    counts.unchanged += saved.unchanged;
  }
  for (const snapshot of catalogs) counts.pricePoints += (await saveSnapshot(sql, snapshot, source)).pricePoints;
  for (const suspect of input.suspectCatalogs ?? []) await setAside(sql, suspect, source);
  return counts;
}
