import type { Country, Day, IsoWeek, MarketModel, ModelPrice } from './types.js';
import type { Signal } from './signals.types.js';

// What the platform-neutral commands answer. Renderers turn these into text per platform; chat
// adapters only deliver them. Discriminated by `kind` so every caller handles every outcome.

/** A model as the price and compare commands show it. */
export interface PricedModel {
  id: string;
  name: string;
  country: Country;
  price: ModelPrice | null;
  contextLength: number | null;
  /** This week's rank and tokens; null when the model has no usage this week. */
  rank: number | null;
  tokens: number | null;
  /** Price at the end of last week, when it differs from now. */
  previousPrice: ModelPrice | null;
  /** In OpenRouter's model catalog that week; ranked models that are not (stealth models) have no price. */
  listed: boolean;
}

/** A model the week's data does not know but a later catalog lists: it exists, it just came later. */
export interface ListedLater {
  id: string;
  name: string;
  /** The first catalog snapshot that lists it. */
  firstListed: Day;
  /** The week that was asked about. */
  week: IsoWeek;
}

/** "6.8× cheaper output than Claude Sonnet 4.5": the most-used model of the other main bloc. */
export interface PriceComparison {
  other: PricedModel;
  field: 'output';
  /** other.price / match.price for the field (> 1: the match is cheaper). */
  ratio: number;
}

export type Answer =
  | { kind: 'price'; week: IsoWeek; asOf: string | null; query: string; match: PricedModel; alternatives: PricedModel[]; comparison: PriceComparison | null }
  | { kind: 'no_match'; query: string; suggestions: PricedModel[]; later?: ListedLater | null }
  | { kind: 'top'; week: IsoWeek; asOf: string | null; country: Country | null; totalTokens: number; models: MarketModel[] }
  /** `compare kimi kimi`: both names found the same model. */
  | { kind: 'same_model'; queries: [string, string]; model: PricedModel }
  | { kind: 'compare'; week: IsoWeek; asOf: string | null; a: PricedModel; b: PricedModel; outputRatio: number | null; inputRatio: number | null }
  | { kind: 'alert'; week: IsoWeek; asOf: string | null; signals: Signal[]; modelNames: Readonly<Record<string, string>> }
  /** `/top FR` when no model of that country is ranked this week; `ranked`: the countries that are. */
  | { kind: 'unranked_country'; week: IsoWeek; country: Country; ranked: Country[] };
