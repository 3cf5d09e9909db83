import type { CatalogSnapshot, UsageBatch } from '../../core/types.js';
import { asOfInstant } from './as-of.js';
import type { IngestInput } from '../../core/ports/store.js';

/**
 * The order every store applies one ingest in: usage batches oldest `as_of` first (by instant, not
 * text, see as-of.ts; the sort is stable, so equal as_of keep the source's order), so restatements
 * read in time order, then snapshots oldest day first. Throws for a batch whose `as_of` is not a time.
 */
export function ingestOrder({ usage, catalogs }: IngestInput): { usage: UsageBatch[]; catalogs: CatalogSnapshot[] } {
  return {
    usage: usage
      .map((batch) => ({ batch, at: asOfInstant(batch.asOf) }))
      .sort((a, b) => a.at - b.at)
      .map(({ batch }) => batch),
    catalogs: [...catalogs].sort((a, b) => a.fetchedOn.localeCompare(b.fetchedOn)),
  };
}

/**
 * Whether a write changed the stored data (and so the data version): new or restated usage, new price
 * points, or any catalog snapshot saved or set aside. Re-storing the same usage, as every refresh of an
 * overlapping window does, changes nothing: what was derived from the data stays valid.
 */
export function changedData(counts: { inserted: number; restated: number; pricePoints?: number }, input?: Pick<IngestInput, 'catalogs' | 'suspectCatalogs'>): boolean {
  const snapshots = (input?.catalogs.length ?? 0) + (input?.suspectCatalogs?.length ?? 0);
  return counts.inserted + counts.restated + (counts.pricePoints ?? 0) + snapshots > 0;
}
