import { z } from 'zod';
import type { CatalogSnapshot, Day, PricePoint } from '../../core/types.js';
import type { Sql } from './postgres-db.js';
import type { SuspectCatalog } from '../../core/ports/store.js';
import { CatalogModelDbRow, FetchedOnDbRow, PricePointDbRow } from './sqlite-rows.js';

const IdRow = z.object({ id: z.string() });
const CountRow = z.object({ count: z.number().int().nonnegative() });

const MODEL_COLUMNS = 'id, canonical_slug, name, created, context_length, hugging_face_id, input, output, cache_read';

// The day's row stays (its models are replaced), so the delete answers which models it listed before.
const CLEAR_DAY = `
  WITH day AS (
    INSERT INTO catalog_snapshots (fetched_on, source) VALUES ($1, $2)
    ON CONFLICT (fetched_on) DO UPDATE SET source = excluded.source
  )
  DELETE FROM catalog_models WHERE fetched_on = $1 RETURNING id`;

const INSERT_MODELS = `
  INSERT INTO catalog_models (fetched_on, position, ${MODEL_COLUMNS})
  SELECT $1, m.ord - 1, m.id, m.canonical_slug, m.name, m.created, m.context_length, m.hugging_face_id, m.input, m.output, m.cache_read
  FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::float8[], $9::float8[], $10::float8[])
    WITH ORDINALITY AS m (${MODEL_COLUMNS}, ord)`;

// Replacing day D (or adding it between older and newer snapshots) can only change whether D itself
// is a change point and whether each affected model's next listing after D still is one; every other
// point compares two listings that did not change. This refreshes exactly those (model, day) pairs
// in one statement: a pair is a point when the model is listed that day at a price differing from
// its previous listing. Counts the points added or repriced, as the SQLite store does.
const REFRESH_POINTS = `
  WITH affected AS (SELECT DISTINCT unnest($2::text[]) AS id),
  targets AS (
    SELECT id, $1::date AS day FROM affected
    UNION
    SELECT a.id, n.fetched_on FROM affected a
    CROSS JOIN LATERAL (
      SELECT fetched_on FROM catalog_models m WHERE m.id = a.id AND m.fetched_on > $1 ORDER BY fetched_on LIMIT 1
    ) n
  ),
  wanted AS (
    SELECT t.id, t.day, cur.input, cur.output, cur.cache_read,
      cur.id IS NOT NULL AND (prev.id IS NULL
        OR (cur.input, cur.output, cur.cache_read) IS DISTINCT FROM (prev.input, prev.output, prev.cache_read)) AS is_point
    FROM targets t
    LEFT JOIN catalog_models cur ON cur.id = t.id AND cur.fetched_on = t.day
    LEFT JOIN LATERAL (
      SELECT p.id, p.input, p.output, p.cache_read FROM catalog_models p
      WHERE p.id = t.id AND p.fetched_on < t.day ORDER BY p.fetched_on DESC LIMIT 1
    ) prev ON true
  ),
  removed AS (
    DELETE FROM price_points pp USING wanted w WHERE pp.model_id = w.id AND pp.date = w.day AND NOT w.is_point
  ),
  written AS (
    INSERT INTO price_points AS pp (model_id, date, input, output, cache_read)
    SELECT id, day, input, output, cache_read FROM wanted WHERE is_point
    ON CONFLICT (model_id, date) DO UPDATE
      SET input = excluded.input, output = excluded.output, cache_read = excluded.cache_read
      WHERE (pp.input, pp.output, pp.cache_read) IS DISTINCT FROM (excluded.input, excluded.output, excluded.cache_read)
    RETURNING 1
  )
  SELECT count(*) AS count FROM written`;

/**
 * Stores a snapshot as `Store.saveCatalog` promises, stamped with `source`, in three statements
 * whatever its size; the caller provides the transaction and the writes lock.
 */
export async function saveSnapshot(sql: Sql, snapshot: CatalogSnapshot, source: string): Promise<{ pricePoints: number }> {
  const day = snapshot.fetchedOn;
  const ids = snapshot.models.map((model) => model.id);
  // Two entries for one id would make "the" price of that day ambiguous; which one is right is the
  // source's to say, so the snapshot is refused rather than silently deduplicated.
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new Error(`catalog of ${day} lists model ${twice} more than once`);

  const replaced = z.array(IdRow).parse(await sql.query(CLEAR_DAY, [day, source])).map((row) => row.id);
  if (snapshot.models.length > 0) {
    const { models } = snapshot;
    await sql.query(INSERT_MODELS, [
      day,
      ids,
      models.map((m) => m.canonicalSlug),
      models.map((m) => m.name),
      models.map((m) => m.created),
      models.map((m) => m.contextLength),
      models.map((m) => m.huggingFaceId),
      models.map((m) => m.price.input),
      models.map((m) => m.price.output),
      models.map((m) => m.price.cacheRead),
    ]);
  }
  const [counted] = await sql.query(REFRESH_POINTS, [day, [...replaced, ...ids]]);
  return { pricePoints: CountRow.parse(counted).count };
}

/** Keeps a distrusted snapshot aside (replacing one kept for the same day); it is never read back as a catalog. */
export async function setAside(sql: Sql, { snapshot, comparedWith, comparedModels, reason }: SuspectCatalog, source: string): Promise<void> {
  await sql.query(
    `INSERT INTO catalog_suspects (fetched_on, source, models, compared_with, compared_models, reason, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (fetched_on) DO UPDATE SET source = excluded.source, models = excluded.models, compared_with = excluded.compared_with,
       compared_models = excluded.compared_models, reason = excluded.reason, body = excluded.body`,
    [snapshot.fetchedOn, source, snapshot.models.length, comparedWith, comparedModels, reason, JSON.stringify(snapshot.models)],
  );
}

const ModelOfDayRow = FetchedOnDbRow.extend({ id: z.string().nullable() }).loose();

/**
 * One statement, so a concurrent replacement of the same day cannot mix two snapshots. An empty
 * snapshot answers one row with no model (the LEFT JOIN), no snapshot answers none.
 */
async function snapshotWhere(sql: Sql, chosen: string, values: readonly unknown[]): Promise<CatalogSnapshot | null> {
  const rows = await sql.query(
    `WITH s AS (${chosen})
     SELECT s.fetched_on, ${MODEL_COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')}
     FROM s LEFT JOIN catalog_models m ON m.fetched_on = s.fetched_on ORDER BY m.position`,
    values,
  );
  const first = rows[0];
  if (first === undefined) return null;
  const listed = rows.filter((row) => ModelOfDayRow.parse(row).id !== null);
  return { fetchedOn: ModelOfDayRow.parse(first).fetched_on, models: z.array(CatalogModelDbRow).parse(listed) };
}

export const catalogAsOf = (sql: Sql, date: Day): Promise<CatalogSnapshot | null> =>
  snapshotWhere(sql, 'SELECT fetched_on FROM catalog_snapshots WHERE fetched_on <= $1 ORDER BY fetched_on DESC LIMIT 1', [date]);

export const latestCatalog = (sql: Sql): Promise<CatalogSnapshot | null> =>
  snapshotWhere(sql, 'SELECT fetched_on FROM catalog_snapshots ORDER BY fetched_on DESC LIMIT 1', []);

export async function priceHistory(sql: Sql, modelId: string): Promise<PricePoint[]> {
  const rows = await sql.query(
    'SELECT model_id, date, input, output, cache_read FROM price_points WHERE model_id = $1 ORDER BY date',
    [modelId],
  );
  return z.array(PricePointDbRow).parse(rows);
}
