import type { Day } from '../core/types.js';
import { addDays } from '../core/week.js';
import type { Source } from '../adapters/source/source.js';
import type { Store } from '../adapters/store/store.js';
import type { Logger } from '../log.js';

export interface IngestSummary {
  batches: number;
  inserted: number;
  restated: number;
  unchanged: number;
  dropped: number;
  snapshots: number;
  pricePoints: number;
}

/**
 * Source → store. Everything is fetched and validated before anything is written, so a failing
 * source (SourceError) leaves the store exactly as it was: the last good data keeps being served.
 * Batches are applied oldest `as_of` first, so a newer recording always wins.
 */
export async function ingest(
  source: Source,
  store: Store,
  logger: Logger,
  range?: { start: Day; end: Day },
): Promise<IngestSummary> {
  const batches = await source.fetchUsage(range);
  const catalogs = await source.fetchCatalogs();
  const summary: IngestSummary = { batches: batches.length, inserted: 0, restated: 0, unchanged: 0, dropped: 0, snapshots: 0, pricePoints: 0 };
  for (const batch of [...batches].sort((a, b) => a.asOf.localeCompare(b.asOf))) {
    const saved = await store.saveUsage(batch);
    summary.inserted += saved.inserted;
    summary.restated += saved.restated;
    summary.unchanged += saved.unchanged;
    summary.dropped += batch.dropped;
  }
  for (const snapshot of [...catalogs].sort((a, b) => a.fetchedOn.localeCompare(b.fetchedOn))) {
    const saved = await store.saveCatalog(snapshot);
    summary.snapshots += 1;
    summary.pricePoints += saved.pricePoints;
  }
  if (summary.dropped > 0) logger.warn({ source: source.name, dropped: summary.dropped }, 'dropped malformed usage rows');
  logger.info({ source: source.name, ...summary }, 'ingest finished');
  return summary;
}

/**
 * The window a live refresh asks for: the last stored week again (OpenRouter restates recent days)
 * through yesterday, or the API's default window when the store is empty.
 */
export async function refreshRange(store: Store, today: Day): Promise<{ start: Day; end: Day } | undefined> {
  const span = await store.usageSpan();
  if (!span) return undefined;
  const end = addDays(today, -1);
  const start = addDays(span.last, -7);
  return start <= end ? { start, end } : undefined;
}
