import { z } from 'zod';
import { perMillion } from '../../core/price.js';
import { isDay } from '../../core/week.js';
import type { CatalogModel, CatalogSnapshot, Day, UsageBatch, UsageRow } from '../../core/types.js';
import { SourceError } from '../../core/ports/source.js';

// OpenRouter's wire formats and their conversion to domain types. Schemas are loose objects: the API
// adds fields over time (schema drift is documented), and an unknown field must never reject a body.

const DaySchema = z.string().refine(isDay, 'expected a real calendar day YYYY-MM-DD');

/** `meta` of a rankings-daily body; exported so the recorder can name files from it. */
export const RankingsMetaSchema = z.looseObject({
  as_of: z.iso.datetime({ offset: true }),
  version: z.string().optional(),
  start_date: DaySchema,
  end_date: DaySchema,
});

const RankingsBodySchema = z.looseObject({
  data: z.array(z.unknown()),
  meta: RankingsMetaSchema,
});

// `total_tokens` must be a decimal string: the API sends strings because values exceed 2^32, and a
// JSON number may already have lost precision in someone's serializer, so it is not trusted.
const RankingsRowSchema = z.looseObject({
  date: DaySchema,
  model_permaslug: z.string().min(1),
  total_tokens: z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n)),
});

/**
 * `as_of` normalized to UTC with whole seconds (`2026-05-12T02:00:00Z`). The store compares `as_of`
 * strings to let the newest win, which only works when every value has the same fixed-width form;
 * whole seconds also match how the attribution line quotes it.
 */
export function normalizeAsOf(isoDateTime: string): string {
  return new Date(isoDateTime).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

/**
 * Validates a rankings-daily body. A body whose shape is wrong is rejected whole (SourceError);
 * individual bad rows are dropped and counted, as are rows outside `window` (or outside the body's
 * own `meta` dates when no window is given) and repeated (date, permaslug) rows after the first.
 */
export function parseRankingsBody(json: unknown, window?: { start: Day; end: Day }): UsageBatch {
  const body = RankingsBodySchema.safeParse(json);
  if (!body.success) {
    throw new SourceError(`rankings-daily answered an unusable body (${describe(body.error)})`, { cause: body.error });
  }
  const { meta, data } = body.data;
  const asOf = normalizeAsOf(meta.as_of);
  const startDate = window?.start ?? meta.start_date;
  const endDate = window?.end ?? meta.end_date;
  const seen = new Set<string>();
  const rows: UsageRow[] = [];
  for (const raw of data) {
    const row = RankingsRowSchema.safeParse(raw);
    if (!row.success) continue;
    const { date, model_permaslug: permaslug, total_tokens: tokens } = row.data;
    if (date < startDate || date > endDate) continue;
    const key = `${date} ${permaslug}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ date, permaslug, tokens, asOf });
  }
  return { rows, asOf, startDate, endDate, dropped: data.length - rows.length };
}

// A price the API may send as a string (documented) or, after drift, as a number; anything else is
// treated as "not listed" rather than rejecting the model.
const PriceSchema = z.union([z.string(), z.number().transform(String)]).optional().catch(undefined);

// Only `id` is required: without it a model cannot be referenced. Other fields fall back to null
// (`.catch`) so drift in one field costs that field, not the model.
const ModelSchema = z.looseObject({
  id: z.string().min(1),
  canonical_slug: z.string().min(1).optional().catch(undefined),
  name: z.string().min(1).optional().catch(undefined),
  created: z.number().int().nonnegative().nullable().optional().catch(null),
  context_length: z.number().int().nonnegative().nullable().optional().catch(null),
  hugging_face_id: z.string().nullable().optional().catch(null),
  pricing: z
    .looseObject({ prompt: PriceSchema, completion: PriceSchema, input_cache_read: PriceSchema })
    .optional()
    .catch(undefined),
});

const ModelsBodySchema = z.looseObject({ data: z.array(z.unknown()) });

/**
 * Absent (or empty) is "not listed" and `-1` is the router's dynamic price: both null. Anything else
 * that is not a decimal (`NaN`, `-0.5`, `abc`) becomes NaN, so the ingest's plausibility gate drops
 * that price and counts it, instead of it passing silently as "not listed".
 */
function price(value: string | undefined): number | null {
  const text = value?.trim() ?? '';
  if (text === '' || text === '-1') return null;
  return perMillion(text) ?? Number.NaN;
}

function toCatalogModel(model: z.infer<typeof ModelSchema>): CatalogModel {
  return {
    id: model.id,
    canonicalSlug: model.canonical_slug ?? model.id,
    name: model.name ?? model.id,
    created: model.created ?? null,
    contextLength: model.context_length ?? null,
    huggingFaceId: model.hugging_face_id || null,
    price: {
      input: price(model.pricing?.prompt),
      output: price(model.pricing?.completion),
      cacheRead: price(model.pricing?.input_cache_read),
    },
  };
}

/**
 * Validates a `/models` body fetched on `fetchedOn`. A body that is not `{data: [...]}` is rejected
 * (SourceError). Entries without an `id`, and repeats of an id already seen, are dropped and counted
 * in `dropped` so the caller can log them; the rest of the catalog stays usable.
 */
export function parseModelsBody(json: unknown, fetchedOn: Day): { snapshot: CatalogSnapshot; dropped: number } {
  const body = ModelsBodySchema.safeParse(json);
  if (!body.success) {
    throw new SourceError(`/models answered an unusable body (${describe(body.error)})`, { cause: body.error });
  }
  const seen = new Set<string>();
  const models: CatalogModel[] = [];
  for (const raw of body.data.data) {
    const model = ModelSchema.safeParse(raw);
    if (!model.success || seen.has(model.data.id)) continue;
    seen.add(model.data.id);
    models.push(toCatalogModel(model.data));
  }
  return { snapshot: { fetchedOn, models }, dropped: body.data.data.length - models.length };
}

const ErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.union([z.number(), z.string()]).optional(),
    message: z.string().min(1),
    metadata: z.unknown().optional(),
  }),
});

/** The `error.message` of an OpenRouter error body, or null when the text is not one. */
export function errorMessage(text: string): string | null {
  try {
    const body = ErrorBodySchema.safeParse(JSON.parse(text));
    return body.success ? body.data.error.message : null;
  } catch {
    return null;
  }
}
