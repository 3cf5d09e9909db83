import { z } from 'zod';

// The admin-facing knobs of change detection. Ranges are part of the contract: admin commands
// validate against these schemas and quote their limits in error messages.
const FIELDS = {
  /** Places a model must move, inside the top `topN`, to be a `rank_move`. */
  rankMovePlaces: z.number().int().min(1).max(50),
  /** Size of the chart that `rank_move`, `new_entry` and `exit` watch. */
  topN: z.number().int().min(3).max(50),
  /** Week-over-week growth, in percent, that makes a `surge`. */
  surgePct: z.number().min(1).max(10_000),
  /** Week-over-week drop, in percent (positive number), that makes a `slump`. */
  slumpPct: z.number().min(1).max(100),
  /** Tokens this week a model needs before `surge`/`slump` apply (noise floor). */
  minTokens: z.number().min(0).max(1e15),
  /** Input or output price move, in percent, that makes a `price_change`. */
  priceChangePct: z.number().min(0.1).max(1_000),
};

const DEFAULTS = {
  rankMovePlaces: 2,
  topN: 10,
  surgePct: 50,
  slumpPct: 30,
  minTokens: 100e9,
  priceChangePct: 5,
} as const satisfies Record<keyof typeof FIELDS, number>;

export const ThresholdsSchema = z
  .object({
    rankMovePlaces: FIELDS.rankMovePlaces.default(DEFAULTS.rankMovePlaces),
    topN: FIELDS.topN.default(DEFAULTS.topN),
    surgePct: FIELDS.surgePct.default(DEFAULTS.surgePct),
    slumpPct: FIELDS.slumpPct.default(DEFAULTS.slumpPct),
    minTokens: FIELDS.minTokens.default(DEFAULTS.minTokens),
    priceChangePct: FIELDS.priceChangePct.default(DEFAULTS.priceChangePct),
  })
  .strict();

export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = ThresholdsSchema.parse({});

/** A channel's overrides: any subset of the thresholds, no defaults filled in. */
const ThresholdOverridesSchema = z.object(FIELDS).partial().strict();

export type ThresholdName = keyof Thresholds;
export const THRESHOLD_NAMES = Object.keys(FIELDS) as ThresholdName[];

/** The schema of one threshold, for validating an admin's `set <name> <value>`. */
export function thresholdSchema(name: ThresholdName): z.ZodNumber {
  return FIELDS[name];
}

/** One chat channel's alert settings: only what it overrides, so a change of defaults reaches it. */
export interface ChannelSettings {
  thresholds: Partial<Thresholds>;
  /** Model ids (or permaslugs) whose every signal the channel wants to hear about. */
  watchlist: string[];
  /** Whether briefs here carry a chart; absent = the default, on. */
  charts?: boolean;
}

export const ChannelSettingsSchema = z.object({
  thresholds: ThresholdOverridesSchema,
  watchlist: z.array(z.string().min(1)),
  charts: z.boolean().optional(),
});

export const EMPTY_CHANNEL_SETTINGS: ChannelSettings = { thresholds: {}, watchlist: [] };

/** Whether a channel's briefs carry a chart. */
export function chartsOn(settings: ChannelSettings): boolean {
  return settings.charts ?? true;
}

/** A channel's effective thresholds: its overrides over the defaults. */
export function effectiveThresholds(settings: ChannelSettings): Thresholds {
  return { ...DEFAULT_THRESHOLDS, ...settings.thresholds };
}
