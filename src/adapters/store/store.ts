import type { ChannelSettings } from '../../core/thresholds.js';
import type { CatalogSnapshot, Day, PricePoint, Restatement, UsageBatch, UsageRow } from '../../core/types.js';

export interface SaveUsageResult {
  /** Rows for a (date, permaslug) not stored before. */
  inserted: number;
  /** Rows whose newer `as_of` changed the stored tokens (recorded as restatements). */
  restated: number;
  /** Rows identical to, or older than, what is stored. */
  unchanged: number;
}

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
 * The one persistence interface. Every implementation must pass `test/adapters/store/contract.ts`.
 * Writes are atomic: a call either stores everything it was given or nothing.
 */
export interface Store {
  /** Applies pending schema migrations (idempotent). */
  migrate(): Promise<void>;
  /** Stores a validated batch. For a (date, permaslug) already stored, the newest `as_of` wins. */
  saveUsage(batch: UsageBatch): Promise<SaveUsageResult>;
  /**
   * Stores one ingest in a single transaction: the usage batches oldest `as_of` first (so restatements
   * read in time order), then the snapshots oldest day first. When anything fails, nothing of it is stored:
   * a half-written ingest would serve usage whose prices were never saved.
   */
  saveIngest(input: IngestInput): Promise<IngestCounts>;
  /** Current rows (newest `as_of` per date and permaslug) with `start <= date <= end`, by date then permaslug. */
  usageBetween(start: Day, end: Day): Promise<UsageRow[]>;
  /** First and last day with usage rows, or null when empty. */
  usageSpan(): Promise<{ first: Day; last: Day } | null>;
  /** Restatements recorded for days in `[start, end]`, oldest first. */
  restatementsBetween(start: Day, end: Day): Promise<Restatement[]>;
  /** Stores a catalog snapshot (replacing one of the same day) and appends price change points to the ledger. */
  saveCatalog(snapshot: CatalogSnapshot): Promise<{ pricePoints: number }>;
  /** The newest snapshot fetched on or before `date`, or null. */
  catalogAsOf(date: Day): Promise<CatalogSnapshot | null>;
  /** The newest snapshot of all, or null. */
  latestCatalog(): Promise<CatalogSnapshot | null>;
  /** Price change points of one model, oldest first. */
  priceHistory(modelId: string): Promise<PricePoint[]>;
  /** A chat channel's alert settings, or null when it never changed any. `channel` is platform-qualified (`slack:T1:C1`). */
  channelSettings(channel: string): Promise<ChannelSettings | null>;
  /**
   * Changes a channel's alert settings atomically: `update` gets the stored settings (empty ones when
   * none) and returns the new ones, read and written in one transaction so two admins changing the
   * same channel at once both keep their change. `update` must be pure and synchronous; when it
   * throws, or its result fails `ChannelSettingsSchema`, nothing is stored. Resolves to what was stored.
   */
  updateChannelSettings(channel: string, update: (current: ChannelSettings) => ChannelSettings): Promise<ChannelSettings>;
  close(): Promise<void>;
}
