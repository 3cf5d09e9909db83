import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Day, Restatement, UsageBatch, UsageRow } from '../../core/types.js';
import { asOfInstant } from './as-of.js';
import { RestatementDbRow, SpanDbRow, StoredUsageDbRow, UsageDbRow } from './sqlite-rows.js';
import type { SaveUsageResult } from '../../core/ports/usage.js';

/** The usage half of the SQLite store, synchronous; `sqlite.ts` exposes it through the async `Store`. */
export interface SqliteUsage {
  save(batch: UsageBatch, source: string): SaveUsageResult;
  between(start: Day, end: Day): UsageRow[];
  span(): { first: Day; last: Day } | null;
  restatementsBetween(start: Day, end: Day): Restatement[];
}

export function sqliteUsage(db: Database): SqliteUsage {
  const select = db.prepare('SELECT tokens, as_of FROM usage WHERE date = ? AND permaslug = ?');
  const insert = db.prepare('INSERT INTO usage (date, permaslug, tokens, as_of, source) VALUES (?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE usage SET tokens = ?, as_of = ?, source = ? WHERE date = ? AND permaslug = ?');
  const restate = db.prepare(
    `INSERT INTO usage_restatements (date, permaslug, from_tokens, to_tokens, from_as_of, to_as_of)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const between = db.prepare(
    'SELECT date, permaslug, tokens, as_of FROM usage WHERE date BETWEEN ? AND ? ORDER BY date, permaslug',
  );
  const span = db.prepare('SELECT MIN(date) AS first, MAX(date) AS last FROM usage');
  // A (date, permaslug) is only ever restated forward in time, so insertion order is as_of order.
  const restatements = db.prepare(
    `SELECT date, permaslug, from_tokens, to_tokens, from_as_of, to_as_of FROM usage_restatements
     WHERE date BETWEEN ? AND ? ORDER BY date, permaslug, id`,
  );

  // One transaction for the whole batch: a row the database refuses rolls back every row before it.
  const save = db.transaction((rows: readonly UsageRow[], source: string): SaveUsageResult => {
    const result: SaveUsageResult = { inserted: 0, restated: 0, unchanged: 0 };
    for (const row of rows) {
      const incoming = asOfInstant(row.asOf);
      const found = select.get(row.date, row.permaslug);
      if (found === undefined) {
        insert.run(row.date, row.permaslug, row.tokens, row.asOf, source);
        result.inserted += 1;
        continue;
      }
      const stored = StoredUsageDbRow.parse(found);
      if (incoming <= asOfInstant(stored.as_of)) {
        result.unchanged += 1;
        continue;
      }
      update.run(row.tokens, row.asOf, source, row.date, row.permaslug);
      if (row.tokens === stored.tokens) {
        result.unchanged += 1;
        continue;
      }
      restate.run(row.date, row.permaslug, stored.tokens, row.tokens, stored.as_of, row.asOf);
      result.restated += 1;
    }
    return result;
  });

  return {
    // IMMEDIATE takes the write lock before the first read. A deferred transaction that reads and then
    // writes cannot wait for another process's write in WAL mode: its read snapshot is stale by then,
    // so SQLite fails it with SQLITE_BUSY at once, whatever busy_timeout says.
    save: (batch, source) => save.immediate(batch.rows, source),
    between: (start, end) => z.array(UsageDbRow).parse(between.all(start, end)),
    span: () => {
      const { first, last } = SpanDbRow.parse(span.get());
      return first !== null && last !== null ? { first, last } : null;
    },
    restatementsBetween: (start, end) => z.array(RestatementDbRow).parse(restatements.all(start, end)),
  };
}
