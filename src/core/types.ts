import type { Signal } from './signals.types.js';

// Domain types shared by every layer. Plain data only: no classes, no I/O.

/** A UTC calendar day, `YYYY-MM-DD`. */
export type Day = string;
/** An ISO week, `YYYY-Www` (Monday–Sunday, UTC). */
export type IsoWeek = string;

/** One daily usage row as published by OpenRouter's rankings-daily dataset. */
export interface UsageRow {
  date: Day;
  /** `model_permaslug`: a model's canonical slug plus an optional `:variant`, or `other`. */
  permaslug: string;
  /** Tokens that day. Integers well below 2^53 (weekly sums reach 10^13). */
  tokens: number;
  /** `meta.as_of` of the response this row came from (ISO 8601). Newer wins. */
  asOf: string;
}

/** One validated rankings-daily response (or one file of recorded responses). */
export interface UsageBatch {
  rows: UsageRow[];
  asOf: string;
  startDate: Day;
  endDate: Day;
  /** Rows dropped because they failed validation or fell outside the window. */
  dropped: number;
}

/** Prices in USD per 1M tokens. `null` = not listed, or a router's dynamic `-1` price (never a real price). */
export interface ModelPrice {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
}

/** One `/models` entry, reduced to what tokenbrief uses. */
export interface CatalogModel {
  id: string;
  canonicalSlug: string;
  name: string;
  /** Unix seconds. */
  created: number | null;
  contextLength: number | null;
  huggingFaceId: string | null;
  price: ModelPrice;
}

/** A `/models` response as fetched on one UTC day. */
export interface CatalogSnapshot {
  fetchedOn: Day;
  models: CatalogModel[];
}

/** A price change point in the ledger: from `date` on, `modelId` costs `price`. */
export interface PricePoint {
  modelId: string;
  date: Day;
  price: ModelPrice;
}

/** A restated figure: a later `as_of` changed an already stored day. */
export interface Restatement {
  date: Day;
  permaslug: string;
  fromTokens: number;
  toTokens: number;
  fromAsOf: string;
  toAsOf: string;
}

/**
 * Country bloc of a model: an ISO 3166 alpha-2 code of the lab's home country, `unattributed` for
 * stealth/router/community/unknown labs (never guessed), or `other` for OpenRouter's long-tail row.
 */
export type Country = string;
export const UNATTRIBUTED: Country = 'unattributed';
export const OTHER: Country = 'other';

/** Lab (slug prefix before `/`) → country code. */
export type CountryMap = Readonly<Record<string, Country>>;

/** How a permaslug was resolved to a model. */
export interface Identity {
  /** The `/models` id when the join succeeds, otherwise the permaslug (`other` for the long tail). */
  key: string;
  modelId: string | null;
  name: string;
  country: Country;
  /** `other` = OpenRouter's long-tail row: counted in totals, never ranked. */
  kind: 'model' | 'other';
}

/** One model's line in a weekly market view. */
export interface MarketModel {
  rank: number;
  /** Identity key: `/models` id when joined, otherwise the permaslug. */
  id: string;
  modelId: string | null;
  name: string;
  country: Country;
  tokens: number;
  /** Share of the week's total tokens (0..1, `other` included in the denominator). */
  share: number;
  previousRank: number | null;
  previousTokens: number | null;
  /** Week-over-week change in percent; null when the model had no tokens last week. */
  changePct: number | null;
  price: ModelPrice | null;
}

export interface CountryTotal {
  country: Country;
  tokens: number;
  share: number;
  previousTokens: number;
}

export interface Coverage {
  /** Days of the week (0..7) with usable data: a day far below the usual row count of nearby days counts as missing. */
  daysPresent: number;
  /** False when days are missing or the newest `as_of` is before the week's end. */
  complete: boolean;
  /** Human-readable reasons when incomplete. */
  reasons: string[];
}

export interface WeeklyMarket {
  week: IsoWeek;
  start: Day;
  end: Day;
  /** Newest `as_of` among the week's rows (null when the week has none). */
  asOf: string | null;
  totalTokens: number;
  previousTotalTokens: number;
  countries: CountryTotal[];
  /** All ranked models of the week, rank order (the `other` row excluded). */
  models: MarketModel[];
  /** Last week's full ranking (the `other` row excluded), so a model that dropped out is still known. */
  previousRanking: Array<{ id: string; name: string; country: Country; rank: number; tokens: number }>;
  coverage: Coverage;
  /** Days of the previous week with usable data (0..7): a week is only compared with a whole one. */
  previousDaysPresent: number;
}

/** Everything a weekly brief shows; rendering adds nothing but words and layout. */
export interface Brief {
  market: WeeklyMarket;
  signals: Signal[];
  /** Source name as configured (`openrouter`, `sample`, `file:DIR`). */
  source: string;
  /** Past days whose figures a newer `as_of` revised, for the "revised" line. */
  restatements: Restatement[];
  /** Identity key → display name for every model a signal names (signals carry keys only). */
  modelNames: Readonly<Record<string, string>>;
}
