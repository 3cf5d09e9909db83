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

/** A catalog snapshot the ingest's plausibility gate distrusts (it lost too many models): kept aside, never read. */
export interface SuspectCatalog {
  snapshot: CatalogSnapshot;
  /** The day of the trusted snapshot it was compared with, and that snapshot's model count. */
  comparedWith: Day;
  comparedModels: number;
  reason: string;
}

/** Everything one ingest fetched, to be stored as a whole. */
export interface IngestInput {
  usage: UsageBatch[];
  catalogs: CatalogSnapshot[];
  suspectCatalogs?: SuspectCatalog[];
}

/**
 * A database holds the data of one source only (provenance): mixing sample and live figures would
 * make a week half synthetic and report the switch as a revision. Thrown before anything is written.
 */
export class SourceConflictError extends Error {
  override readonly name = 'SourceConflictError';
  constructor(
    readonly stored: string,
    readonly incoming: string,
    where: string,
    /** How to give `incoming` a database of its own, which depends on the kind of store. */
    elsewhere: string,
  ) {
    super(`${where} holds ${stored} data; refusing to add ${incoming} data to it. Each source keeps its own database: ${elsewhere}`);
  }
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
  /**
   * Makes this database the one of `source` (`sample`, `openrouter`, `file:DIR`): every row written
   * afterwards is stamped with it. Idempotent for the same source; throws SourceConflictError when
   * the database already holds another source's data. Writes before any claim are refused.
   */
  claimSource(source: string): Promise<void>;
  /** The source whose data this database holds, or null when nothing was ever claimed. */
  dataSource(): Promise<string | null>;
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
