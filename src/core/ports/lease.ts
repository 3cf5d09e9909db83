/**
 * Named leases shared by the replicas of one database: at most one holder per name at a time, for a
 * limited time, so a holder that dies without a word is replaced once its lease runs out. Used to
 * give one replica the Discord gateway (two sessions of one bot would both receive every interaction).
 *
 * Expiry is measured by the database's own clock on the shared store (one clock for every replica, so
 * their clocks need not agree); holders count their time from when they asked, which is never later.
 */
export interface LeaseStore {
  /**
   * Takes lease `name` for `holder` for `ttlMs` from now when nobody holds it, its holder let it
   * expire, or `holder` already holds it (then this is a renewal). One atomic statement: of replicas
   * asking at once, one gets it. Resolves true when `holder` now holds it, false when someone else does.
   */
  tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once if `holder` holds it (a standby can take it on its next try); else does nothing. */
  release(name: string, holder: string): Promise<void>;
}
