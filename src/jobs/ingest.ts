import type { Day } from '../core/types.js';
import { addDays } from '../core/week.js';
import type { Source } from '../core/ports/source.js';
import type { Store } from '../core/ports/store.js';
import type { Logger } from '../core/ports/logger.js';

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
 * Source → store. Everything is fetched and validated before anything is written, and then written
 * in one transaction, so a failing source (SourceError) or a write the store refuses leaves the store
 * exactly as it was: the last good data keeps being served. The store applies batches oldest `as_of`
 * first, so a newer recording always wins.
 */
export async function ingest(
  source: Source,
  store: Store,
  logger: Logger,
  range?: { start: Day; end: Day },
): Promise<IngestSummary> {
  const batches = await source.fetchUsage(range);
  const catalogs = await source.fetchCatalogs();
  const saved = await store.saveIngest({ usage: batches, catalogs });
  const summary: IngestSummary = {
    batches: batches.length,
    inserted: saved.inserted,
    restated: saved.restated,
    unchanged: saved.unchanged,
    dropped: batches.reduce((sum, batch) => sum + batch.dropped, 0),
    snapshots: catalogs.length,
    pricePoints: saved.pricePoints,
  };
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
