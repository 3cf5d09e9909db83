import { TokenbriefError } from '../errors.js';
import type { CatalogSnapshot, Day, UsageBatch } from '../types.js';
import type { CatalogStore } from './catalog.js';
import type { ChannelStore } from './channels.js';
import type { LeaseStore } from './lease.js';
import type { SchedulerStore } from './schedule.js';
import type { SaveUsageResult, UsageStore } from './usage.js';

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
export class SourceConflictError extends TokenbriefError {
  readonly code = 'source_conflict';
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

/** Which source the stored data came from (provenance): labels and the licence line are read from it, never from the environment. */
export interface ProvenanceStore {
  /** The source whose data this database holds, or null when nothing was ever claimed. */
  dataSource(): Promise<string | null>;
}

/**
 * The whole persistence port: its concerns (usage, catalog, channels, leases, the scheduler) plus what spans them.
 * Code that needs one concern asks for its narrower port. Every implementation must pass
 * `test/adapters/store/contract.ts`. Writes are atomic: a call either stores everything it was given or nothing.
 */
export interface Store extends UsageStore, CatalogStore, ChannelStore, LeaseStore, ProvenanceStore, SchedulerStore {
  /** Applies pending schema migrations (idempotent). */
  migrate(): Promise<void>;
  /**
   * Makes this database the one of `source` (`sample`, `openrouter`, `file:DIR`): every row written
   * afterwards is stamped with it. Idempotent for the same source; throws SourceConflictError when
   * the database already holds another source's data. Writes before any claim are refused.
   */
  claimSource(source: string): Promise<void>;
  /**
   * Stores one ingest in a single transaction: the usage batches oldest `as_of` first (so restatements
   * read in time order), then the snapshots oldest day first. When anything fails, nothing of it is stored:
   * a half-written ingest would serve usage whose prices were never saved.
   */
  saveIngest(input: IngestInput): Promise<IngestCounts>;
  close(): Promise<void>;
}
