import type { BriefPoster } from '../core/ports/poster.js';
import type { Store } from '../core/ports/store.js';
import type { Logger } from '../core/ports/logger.js';
import { runAlerts } from './alerts.js';
import { DEFAULT_CLAIM_LEASE_MS, tellAdmin } from './deliver.js';
import type { RefreshJob } from './refresh.js';
import { deliverDue, type TickDeps } from './tick.js';

// What each minute tick does: start the refresh when one is due (in the background: a slow source
// must not hold up briefs that are due), follow a good refresh with the alerts, and deliver the
// briefs that are due. The alerts run again on the same data when a run left channels to others'
// claims (after those run out: the claimant may have died), and when this replica took a platform's
// fan-out over (its predecessor may have died mid-run).

export interface MinuteJobs {
  /** One tick at `now`; resolves with when another tick should run before the next minute's (a claim runs out), or null. */
  tick(now: Date): Promise<Date | null>;
  /** This replica took a platform's fan-out over: the next tick runs the alerts on the current data. */
  tookOver(): void;
  /** Resolves when the background refresh (and its alerts), if any, has finished. */
  idle(): Promise<void>;
}

export function createMinuteJobs(deps: TickDeps & { refresh: RefreshJob; alertCooldownMs: number }): MinuteJobs {
  let background: Promise<void> = Promise.resolve();
  let busy = false;
  /** When to run the alerts again without a refresh (epoch ms), or null. */
  let alertsAgain: number | null = null;
  const leaseMs = deps.options?.leaseMs ?? DEFAULT_CLAIM_LEASE_MS;

  const inBackground = (work: () => Promise<void>): void => {
    busy = true;
    background = work()
      .catch((error: unknown) => deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'refresh or alerts failed'))
      .finally(() => (busy = false));
  };

  const alerts = async (): Promise<void> => {
    // This run serves every request made before it started.
    alertsAgain = null;
    const report = await runAlerts({
      store: deps.store,
      posters: deps.posters,
      countries: deps.countries,
      logger: deps.logger,
      clock: deps.clock,
      cooldownMs: deps.alertCooldownMs,
      replica: deps.replica,
      leaseMs,
      fanout: deps.fanout,
    });
    if (report.retry > 0) {
      const at = deps.clock().getTime() + leaseMs;
      alertsAgain = alertsAgain === null ? at : Math.min(alertsAgain, at);
    }
  };

  const refreshThenAlert = async (now: Date): Promise<void> => {
    const outcome = await deps.refresh.run(now);
    if (outcome.ok) await alerts();
  };

  return {
    tick: async (now) => {
      if (!busy && deps.refresh.due(now)) inBackground(() => refreshThenAlert(now));
      else if (!busy && alertsAgain !== null && alertsAgain <= now.getTime()) inBackground(alerts);
      const { recheckAt } = await deliverDue(deps, now);
      // A time already past waits for the run in flight, and then the next minute.
      const again = alertsAgain !== null && alertsAgain > now.getTime() ? new Date(alertsAgain) : null;
      return again !== null && (recheckAt === null || again < recheckAt) ? again : recheckAt;
    },
    tookOver: () => {
      alertsAgain = deps.clock().getTime();
    },
    idle: () => background,
  };
}

/**
 * Tells every admin who subscribed a channel, once each, that a refresh failed (the refresh job has
 * logged it at error level). Never throws.
 */
export async function tellSubscribers(
  deps: { store: Store; posters: Partial<Record<'slack' | 'discord', BriefPoster>>; logger: Logger },
  notice: { source: string; reason: string; asOf: string | null },
): Promise<void> {
  const told = new Set<string>();
  for (const sub of await deps.store.subscriptions().catch(() => [])) {
    const poster = deps.posters[sub.channel.platform];
    const who = `${sub.channel.platform}:${sub.channel.workspace}:${sub.subscribedBy}`;
    if (!poster || told.has(who)) continue;
    told.add(who);
    await tellAdmin({ poster, logger: deps.logger }, sub, { kind: 'refresh_failed', ...notice });
  }
}
