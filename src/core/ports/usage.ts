import type { Day, Restatement, UsageBatch, UsageRow } from '../types.js';

export interface SaveUsageResult {
  /** Rows for a (date, permaslug) not stored before. */
  inserted: number;
  /** Rows whose newer `as_of` changed the stored tokens (recorded as restatements). */
  restated: number;
  /** Rows identical to, or older than, what is stored. */
  unchanged: number;
}

/** Daily token usage per model, with the history of its revisions. */
export interface UsageStore {
  /** Stores a validated batch. For a (date, permaslug) already stored, the newest `as_of` wins. */
  saveUsage(batch: UsageBatch): Promise<SaveUsageResult>;
  /** Current rows (newest `as_of` per date and permaslug) with `start <= date <= end`, by date then permaslug. */
  usageBetween(start: Day, end: Day): Promise<UsageRow[]>;
  /** First and last day with usage rows, or null when empty. */
  usageSpan(): Promise<{ first: Day; last: Day } | null>;
  /** Restatements recorded for days in `[start, end]`, oldest first. */
  restatementsBetween(start: Day, end: Day): Promise<Restatement[]>;
}
