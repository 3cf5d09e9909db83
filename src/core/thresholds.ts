import { z } from 'zod';

// The admin-facing knobs of change detection. Ranges are part of the contract: admin commands
// validate against this schema and quote its limits in their error messages.
export const ThresholdsSchema = z
  .object({
    /** Places a model must move, inside the top `topN`, to be a `rank_move`. */
    rankMovePlaces: z.number().int().min(1).max(50).default(2),
    /** Size of the chart that `rank_move`, `new_entry` and `exit` watch. */
    topN: z.number().int().min(3).max(50).default(10),
    /** Week-over-week growth, in percent, that makes a `surge`. */
    surgePct: z.number().min(1).max(10_000).default(50),
    /** Week-over-week drop, in percent (positive number), that makes a `slump`. */
    slumpPct: z.number().min(1).max(100).default(30),
    /** Tokens this week a model needs before `surge`/`slump` apply (noise floor). */
    minTokens: z.number().min(0).max(1e15).default(100e9),
    /** Input or output price move, in percent, that makes a `price_change`. */
    priceChangePct: z.number().min(0.1).max(1_000).default(5),
  })
  .strict();

export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = ThresholdsSchema.parse({});
