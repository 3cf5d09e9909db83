import { decideAlerts } from '../core/alerts/decide.js';
import { formatChannelRef } from '../core/channel.js';
import { buildMarketWeek, signalsFor, type MarketWeek } from '../core/market-week.js';
import type { Logger } from '../core/ports/logger.js';
import { DeliveryError, type BriefPoster } from '../core/ports/poster.js';
import type { Store } from '../core/ports/store.js';
import { effectiveThresholds, EMPTY_CHANNEL_SETTINGS } from '../core/thresholds.js';
import type { CountryMap, Day, UsageRow } from '../core/types.js';
import { addDays, isoWeekOf, weekRange } from '../core/week.js';
import { forEachBounded } from './bounded.js';
import { pauseAndTell } from './deliver.js';

// Alerts between briefs, after each refresh: the trailing 7 days against the 7 before, per
// subscribed channel with alerts on, under its own thresholds and watchlist. What fires is decided
// by core/alerts/decide.ts from the channel's alert history (baseline first, once per event, a
// cooldown per topic); all of one refresh goes out as one message, then is recorded. A crash between
// the post and the record can repeat that one message at the next refresh; a post that fails is
// not recorded, so its alerts go out with the next refresh.

export interface AlertsDeps {
  store: Store;
  posters: Partial<Record<'slack' | 'discord', BriefPoster>>;
  countries: CountryMap;
  logger: Logger;
  clock: () => Date;
  cooldownMs: number;
  concurrency?: number;
}

export interface AlertsReport {
  channels: number;
  baselines: number;
  sent: number;
  failed: number;
}

/**
 * The market of the trailing 7 days ending `lastDay`, against the 7 before. The market is built per
 * ISO week, so the 14 days are moved onto the week holding `lastDay` and the one before it; signals
 * compare totals and ranks, which the move keeps.
 */
export async function trailingMarket(store: Store, countries: CountryMap, lastDay: Day): Promise<MarketWeek> {
  const week = isoWeekOf(lastDay);
  const shift = daysBetween(lastDay, weekRange(week).end);
  const rows = await store.usageBetween(addDays(lastDay, -13), lastDay);
  const moved: UsageRow[] = rows.map((row) => ({ ...row, date: addDays(row.date, shift) }));
  const snapshot = await store.latestCatalog();
  const before = await store.catalogAsOf(addDays(lastDay, -7));
  const previousSnapshot = before && snapshot && before.fetchedOn >= snapshot.fetchedOn ? null : before;
  return buildMarketWeek({ week, rows: moved, snapshot, previousSnapshot, restatements: [], countries, source: (await store.dataSource()) ?? 'unknown' });
}

const daysBetween = (from: Day, to: Day) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export async function runAlerts(deps: AlertsDeps): Promise<AlertsReport> {
  const report: AlertsReport = { channels: 0, baselines: 0, sent: 0, failed: 0 };
  const span = await deps.store.usageSpan();
  if (!span) return report;
  const subscriptions = (await deps.store.subscriptions()).filter((s) => s.alerts && s.paused === null && deps.posters[s.channel.platform]);
  if (subscriptions.length === 0) return report;
  const market = await trailingMarket(deps.store, deps.countries, span.last);
  const ranking = market.market.models.map((m) => m.id);

  await forEachBounded(subscriptions, deps.concurrency ?? 16, async (sub) => {
    const key = formatChannelRef(sub.channel);
    const poster = deps.posters[sub.channel.platform];
    if (!poster) return;
    report.channels += 1;
    try {
      const settings = (await deps.store.channelSettings(key)) ?? EMPTY_CHANNEL_SETTINGS;
      const thresholds = effectiveThresholds(settings);
      const now = deps.clock();
      const decision = decideAlerts({
        now,
        window: span.last,
        signals: signalsFor(market, { thresholds, watchlist: settings.watchlist }),
        thresholds,
        watchlist: settings.watchlist,
        ranking,
        history: await deps.store.alertHistory(sub.channel),
        cooldownMs: deps.cooldownMs,
      });
      if (decision.baseline) {
        await deps.store.recordAlerts(sub.channel, { baselineAt: now, records: decision.record });
        report.baselines += 1;
        return;
      }
      if (decision.send.length > 0) {
        await poster.postNotice(sub.channel, { kind: 'alerts', signals: decision.send, modelNames: market.modelNames, asOf: market.market.asOf });
        report.sent += 1;
      }
      if (decision.record.length > 0) await deps.store.recordAlerts(sub.channel, { records: decision.record });
    } catch (error) {
      report.failed += 1;
      if (error instanceof DeliveryError && error.permanent) {
        await pauseAndTell({ store: deps.store, poster, logger: deps.logger, clock: deps.clock }, sub, error);
        return;
      }
      deps.logger.warn({ channel: key, err: error instanceof Error ? error.message : String(error) }, 'alerts not delivered: they go out with the next refresh');
    }
  });
  deps.logger.info({ ...report }, 'alerts');
  return report;
}
