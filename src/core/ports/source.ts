import { TokenbriefError } from '../errors.js';
import type { CatalogSnapshot, Day, UsageBatch } from '../types.js';

/** A place usage and catalog data come from: the live API, recorded files, or the bundled sample. */
export interface Source {
  /** `openrouter`, `sample` or `file:DIR`, as the user named it. */
  readonly name: string;
  /**
   * Usage for `[start, end]` (both inclusive). Live sources fetch exactly that range; recorded sources
   * return what they hold (each batch clipped to the range). Omitting the range means "everything this
   * source has" for recorded sources and "the API's default window" for the live one.
   */
  fetchUsage(range?: { start: Day; end: Day }): Promise<UsageBatch[]>;
  /** Catalog snapshots: every recorded one for file sources, today's for the live one. */
  fetchCatalogs(): Promise<CatalogSnapshot[]>;
}

export interface SourceErrorDetail {
  status?: number;
  url?: string;
  retryable?: boolean;
  /** The failure underneath (a network error, a JSON parse error), kept for the log. */
  cause?: unknown;
}

/** A source answered something we cannot use. Nothing from that answer may be stored. */
export class SourceError extends TokenbriefError {
  readonly code = 'source_failed';
  readonly detail: Omit<SourceErrorDetail, 'cause'>;

  constructor(message: string, { cause, ...detail }: SourceErrorDetail = {}) {
    super(message, { cause });
    this.detail = detail;
  }
}
