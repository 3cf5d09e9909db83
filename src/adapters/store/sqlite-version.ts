import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/** The data version of a SQLite database (see `DataVersionStore`), kept in the database so other processes' writes count. */
export interface SqliteVersion {
  current(): number;
  /**
   * Runs a data write and, when `changed` says it changed anything, bumps the version in the same
   * transaction: the two commit or fail together.
   */
  written<T>(work: () => T, changed?: (result: T) => boolean): T;
}

const Version = z.number().int().nonnegative();

export function sqliteVersion(db: Database): SqliteVersion {
  const select = db.prepare('SELECT version FROM data_version WHERE only = 1').pluck();
  const bump = db.prepare('UPDATE data_version SET version = version + 1 WHERE only = 1');
  // IMMEDIATE, like every write here: the write lock is taken before the work reads anything.
  const write = db.transaction((work: () => boolean) => {
    if (work()) bump.run();
  });
  return {
    current: () => Version.parse(select.get()),
    written: <T>(work: () => T, changed: (result: T) => boolean = () => true): T => {
      let result: { value: T } | undefined;
      write.immediate(() => {
        result = { value: work() };
        return changed(result.value);
      });
      if (!result) throw new Error('data write finished without a result');
      return result.value;
    },
  };
}
