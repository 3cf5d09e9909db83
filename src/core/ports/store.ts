import type { CatalogSnapshot, UsageBatch } from '../types.js';
import type { CatalogStore } from './catalog.js';
import type { ChannelStore } from './channels.js';
import type { SaveUsageResult, UsageStore } from './usage.js';

/** Everything one ingest fetched, to be stored as a whole. */
export interface IngestInput {
  usage: UsageBatch[];
  catalogs: CatalogSnapshot[];
}

/** What one `saveIngest` did: usage counts summed over its batches, and the price points its snapshots added. */
export interface IngestCounts extends SaveUsageResult {
  pricePoints: number;
}

/**
 * The whole persistence port: the three concerns (usage, catalog, channels) plus what spans them.
 * Code that needs one concern asks for its narrower port. Every implementation must pass
 * `test/adapters/store/contract.ts`. Writes are atomic: a call either stores everything it was given or nothing.
 */
export interface Store extends UsageStore, CatalogStore, ChannelStore {
  /** Applies pending schema migrations (idempotent). */
  migrate(): Promise<void>;
  /**
   * Stores one ingest in a single transaction: the usage batches oldest `as_of` first (so restatements
   * read in time order), then the snapshots oldest day first. When anything fails, nothing of it is stored:
   * a half-written ingest would serve usage whose prices were never saved.
   */
  saveIngest(input: IngestInput): Promise<IngestCounts>;
  close(): Promise<void>;
}
