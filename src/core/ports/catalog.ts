import type { CatalogSnapshot, Day, PricePoint } from '../types.js';

/** Daily snapshots of the model catalog, and the price ledger they feed. */
export interface CatalogStore {
  /** Stores a catalog snapshot (replacing one of the same day) and appends price change points to the ledger. */
  saveCatalog(snapshot: CatalogSnapshot): Promise<{ pricePoints: number }>;
  /** The newest snapshot fetched on or before `date`, or null. */
  catalogAsOf(date: Day): Promise<CatalogSnapshot | null>;
  /** The newest snapshot of all, or null. */
  latestCatalog(): Promise<CatalogSnapshot | null>;
  /** Price change points of one model, oldest first. */
  priceHistory(modelId: string): Promise<PricePoint[]>;
}
