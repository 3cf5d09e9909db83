import { z } from 'zod';
import type { CatalogModel, ModelPrice, PricePoint, Restatement, UsageRow } from '../../core/types.js';

// What SQLite hands back, parsed into domain shapes. Rows are checked rather than cast so a database
// edited by hand, or written by a buggy version, fails loudly at the boundary instead of deep inside
// a brief. The schemas are flat objects of primitives: cheap enough for a year of usage rows.

const count = z.number().int().nonnegative();
const price = z.number().nonnegative().nullable();

const PriceColumns = { input: price, output: price, cache_read: price };
const toPrice = (row: { input: number | null; output: number | null; cache_read: number | null }): ModelPrice => ({
  input: row.input,
  output: row.output,
  cacheRead: row.cache_read,
});

export const UsageDbRow = z
  .object({ date: z.string(), permaslug: z.string(), tokens: count, as_of: z.string() })
  .transform((row): UsageRow => ({ date: row.date, permaslug: row.permaslug, tokens: row.tokens, asOf: row.as_of }));

/** The stored state of one (date, permaslug), as saveUsage compares against it. */
export const StoredUsageDbRow = z.object({ tokens: count, as_of: z.string() });

export const SpanDbRow = z.object({ first: z.string().nullable(), last: z.string().nullable() });

export const RestatementDbRow = z
  .object({
    date: z.string(),
    permaslug: z.string(),
    from_tokens: count,
    to_tokens: count,
    from_as_of: z.string(),
    to_as_of: z.string(),
  })
  .transform(
    (row): Restatement => ({
      date: row.date,
      permaslug: row.permaslug,
      fromTokens: row.from_tokens,
      toTokens: row.to_tokens,
      fromAsOf: row.from_as_of,
      toAsOf: row.to_as_of,
    }),
  );

export const FetchedOnDbRow = z.object({ fetched_on: z.string() });

export const CatalogModelDbRow = z
  .object({
    id: z.string(),
    canonical_slug: z.string(),
    name: z.string(),
    created: z.number().int().nullable(),
    context_length: z.number().int().nullable(),
    hugging_face_id: z.string().nullable(),
    ...PriceColumns,
  })
  .transform(
    (row): CatalogModel => ({
      id: row.id,
      canonicalSlug: row.canonical_slug,
      name: row.name,
      created: row.created,
      contextLength: row.context_length,
      huggingFaceId: row.hugging_face_id,
      price: toPrice(row),
    }),
  );

/** A model's price in one snapshot, or the price of one ledger point. */
export const PriceDbRow = z.object(PriceColumns).transform(toPrice);

export const PricePointDbRow = z
  .object({ model_id: z.string(), date: z.string(), ...PriceColumns })
  .transform((row): PricePoint => ({ modelId: row.model_id, date: row.date, price: toPrice(row) }));
