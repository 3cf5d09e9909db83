import type { LeaseStore } from '../../core/ports/lease.js';
import type { Sql } from './postgres-db.js';

// One statement takes, renews or refuses a lease, so two replicas asking at once cannot both win:
// the row's lock orders them, and the second sees the first's unexpired lease in the WHERE. Expiry is
// the server's clock (`now()`), the same for every replica.
const TRY_ACQUIRE = `
  INSERT INTO leases AS l (name, holder, expires_at) VALUES ($1, $2, now() + $3::float8 * interval '1 millisecond')
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE l.expires_at <= now() OR l.holder = excluded.holder
  RETURNING holder`;

export function postgresLeases(sql: Sql): LeaseStore {
  return {
    tryAcquire: async (name, holder, ttlMs) => (await sql.query(TRY_ACQUIRE, [name, holder, ttlMs])).length === 1,
    release: async (name, holder) => {
      await sql.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
  };
}
