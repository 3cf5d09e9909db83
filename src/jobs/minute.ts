import type { BriefPoster } from '../core/ports/poster.js';
import type { Store } from '../core/ports/store.js';
import type { Logger } from '../core/ports/logger.js';
import { runAlerts } from './alerts.js';
import { tellAdmin } from './deliver.js';
import type { RefreshJob } from './refresh.js';
import { deliverDue, type TickDeps } from './tick.js';

// What each minute tick does: start the refresh when one is due (in the background: a slow source
// must not hold up briefs that are due), follow a good refresh with the alerts, and deliver the
// briefs that are due.

export interface MinuteJobs {
  /** One tick at `now`; resolves with when another tick should run before the next minute's (a claim runs out), or null. */
  tick(now: Date): Promise<Date | null>;
  /** Resolves when the background refresh (and its alerts), if any, has finished. */
  idle(): Promise<void>;
}

export function createMinuteJobs(deps: TickDeps & { refresh: RefreshJob; alertCooldownMs: number }): MinuteJobs {
  let background: Promise<void> = Promise.resolve();

  const refreshThenAlert = async (now: Date): Promise<void> => {
    const outcome = await deps.refresh.run(now);
    if (!outcome.ok) return;
    await runAlerts({
      store: deps.store,
      posters: deps.posters,
      countries: deps.countries,
      logger: deps.logger,
      clock: deps.clock,
      cooldownMs: deps.alertCooldownMs,
      replica: deps.replica,
      leaseMs: deps.options?.leaseMs,
      fanout: deps.fanout,
    });
  };

  return {
    tick: async (now) => {
      if (deps.refresh.due(now)) {
        background = refreshThenAlert(now).catch((error: unknown) =>
          deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'refresh or alerts failed'),
        );
      }
      return (await deliverDue(deps, now)).recheckAt;
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
