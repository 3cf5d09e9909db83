import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { SourceConflictError } from '../../core/ports/store.js';

/** Which source a SQLite database belongs to; every write stamps its rows with it. */
export interface SqliteSource {
  claim(source: string): void;
  current(): string | null;
  /** The claimed source, for a write about to stamp rows; throws when there is none. */
  forWrite(): string;
}

/** How to give a source a SQLite database of its own (see `SourceConflictError`). */
export const SQLITE_ELSEWHERE = 'leave DATABASE_PATH unset (every source then gets its own file) or point DATABASE_PATH / --db at another file';

export function sqliteSource(db: Database, where: string): SqliteSource {
  const select = db.prepare('SELECT name FROM data_source WHERE only = 1').pluck();
  const insert = db.prepare('INSERT INTO data_source (only, name) VALUES (1, ?)');
  const current = (): string | null => {
    const name = select.get();
    return name === undefined ? null : z.string().parse(name);
  };
  // IMMEDIATE: of two processes claiming a new file at once for different sources, one wins and the
  // other is refused, instead of both reading "unclaimed".
  const claim = db.transaction((source: string) => {
    const stored = current();
    if (stored === null) insert.run(source);
    else if (stored !== source) throw new SourceConflictError(stored, source, where, SQLITE_ELSEWHERE);
  });
  return {
    claim: (source) => claim.immediate(source),
    current,
    forWrite: () => {
      const stored = current();
      if (stored === null) throw new Error(`${where}: no source claimed; call claimSource before writing data`);
      return stored;
    },
  };
}
