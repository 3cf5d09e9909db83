import { z } from 'zod';
import type { Day, Restatement, UsageRow } from '../../core/types.js';
import { asOfInstant } from './as-of.js';
import type { Sql } from './postgres-db.js';
import { RestatementDbRow, SpanDbRow, UsageDbRow } from './sqlite-rows.js';
import type { SaveUsageResult } from '../../core/ports/usage.js';

/** Rows per statement: a year of daily usage (~110,000 rows) is a dozen round trips. */
export const USAGE_CHUNK = 10_000;

const count = z.number().int().nonnegative();
const SavedCounts = z.object({ inserted: count, restated: count });

// One statement per chunk, every row at once. All parts read the table as it was before the
// statement (the writes lock, see postgres.ts, keeps other writers out), so `prior` is exactly what
// SQLite's row-by-row loop would have compared against. Rows in a chunk have distinct keys.
const SAVE = `
  WITH incoming AS (
    SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[], $4::text[], $5::timestamptz[])
      AS i (date, permaslug, tokens, as_of, as_of_at)
  ),
  prior AS (
    SELECT u.date, u.permaslug, u.tokens, u.as_of, u.as_of_at FROM usage u JOIN incoming i USING (date, permaslug)
  ),
  written AS (
    INSERT INTO usage AS u (date, permaslug, tokens, as_of, as_of_at, source)
    SELECT date, permaslug, tokens, as_of, as_of_at, $6 FROM incoming
    ON CONFLICT (date, permaslug) DO UPDATE
      SET tokens = excluded.tokens, as_of = excluded.as_of, as_of_at = excluded.as_of_at, source = excluded.source
      WHERE excluded.as_of_at > u.as_of_at
  ),
  restated AS (
    INSERT INTO usage_restatements (date, permaslug, from_tokens, to_tokens, from_as_of, to_as_of)
    SELECT p.date, p.permaslug, p.tokens, i.tokens, p.as_of, i.as_of
    FROM prior p JOIN incoming i USING (date, permaslug)
    WHERE i.as_of_at > p.as_of_at AND i.tokens <> p.tokens
    ORDER BY p.date, p.permaslug
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM incoming) - (SELECT count(*) FROM prior) AS inserted,
         (SELECT count(*) FROM restated) AS restated`;

interface Timed {
  row: UsageRow;
  /** The instant of `as_of`, as ISO text Postgres reads exactly (to the millisecond, like the SQLite store). */
  at: string;
}

/**
 * A batch split so no chunk holds a (date, permaslug) twice: the k-th occurrence of a key goes to
 * layer k, and layers are applied in order. That is the row-by-row order of the SQLite store (a
 * second row for a day compares against the first), in one statement per chunk instead of per row.
 */
function layers(rows: readonly UsageRow[]): Timed[][] {
  const seen = new Map<string, number>();
  const result: Timed[][] = [];
  for (const row of rows) {
    const at = new Date(asOfInstant(row.asOf)).toISOString();
    const key = `${row.date}\u0000${row.permaslug}`;
    const layer = seen.get(key) ?? 0;
    seen.set(key, layer + 1);
    (result[layer] ??= []).push({ row, at });
  }
  return result;
}

/**
 * Stores rows as `Store.saveUsage` promises, stamped with `source`; the caller provides the
 * transaction and the writes lock.
 */
export async function saveUsageRows(sql: Sql, rows: readonly UsageRow[], source: string): Promise<SaveUsageResult> {
  const result: SaveUsageResult = { inserted: 0, restated: 0, unchanged: 0 };
  for (const layer of layers(rows)) {
    for (let start = 0; start < layer.length; start += USAGE_CHUNK) {
      const chunk = layer.slice(start, start + USAGE_CHUNK);
      const [counts] = await sql.query(SAVE, [
        chunk.map((t) => t.row.date),
        chunk.map((t) => t.row.permaslug),
        chunk.map((t) => t.row.tokens),
        chunk.map((t) => t.row.asOf),
        chunk.map((t) => t.at),
        source,
      ]);
      const { inserted, restated } = SavedCounts.parse(counts);
      result.inserted += inserted;
      result.restated += restated;
      result.unchanged += chunk.length - inserted - restated;
    }
  }
  return result;
}

export async function usageBetween(sql: Sql, start: Day, end: Day): Promise<UsageRow[]> {
  const rows = await sql.query(
    'SELECT date, permaslug, tokens, as_of FROM usage WHERE date BETWEEN $1 AND $2 ORDER BY date, permaslug',
    [start, end],
  );
  return z.array(UsageDbRow).parse(rows);
}

export async function usageSpan(sql: Sql): Promise<{ first: Day; last: Day } | null> {
  const [row] = await sql.query('SELECT min(date) AS first, max(date) AS last FROM usage');
  const { first, last } = SpanDbRow.parse(row);
  return first !== null && last !== null ? { first, last } : null;
}

export async function restatementsBetween(sql: Sql, start: Day, end: Day): Promise<Restatement[]> {
  // A (date, permaslug) is only ever restated forward in time, so id order is as_of order.
  const rows = await sql.query(
    `SELECT date, permaslug, from_tokens, to_tokens, from_as_of, to_as_of FROM usage_restatements
     WHERE date BETWEEN $1 AND $2 ORDER BY date, permaslug, id`,
    [start, end],
  );
  return z.array(RestatementDbRow).parse(rows);
}
