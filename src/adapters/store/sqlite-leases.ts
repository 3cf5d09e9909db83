import type { Database } from 'better-sqlite3';

export interface SqliteLeases {
  tryAcquire(name: string, holder: string, ttlMs: number): boolean;
  release(name: string, holder: string): void;
}

/**
 * The same statement as on Postgres, with expiry in epoch milliseconds of this machine's clock: every
 * process sharing a SQLite file runs on this machine. The bot on SQLite is one process, which always
 * gets its leases; the table keeps a CLI run next to it honest all the same.
 */
export function sqliteLeases(db: Database, now: () => number = Date.now): SqliteLeases {
  const acquire = db.prepare(
    `INSERT INTO leases AS l (name, holder, expires_at) VALUES (@name, @holder, @now + @ttl)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE l.expires_at <= @now OR l.holder = excluded.holder
     RETURNING holder`,
  );
  const remove = db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');
  return {
    tryAcquire: (name, holder, ttlMs) => acquire.all({ name, holder, ttl: Math.ceil(ttlMs), now: now() }).length === 1,
    release: (name, holder) => void remove.run(name, holder),
  };
}
