import { decideAlerts } from '../core/alerts/decide.js';
import { formatChannelRef } from '../core/channel.js';
import { buildMarketWeek, signalsFor, type MarketWeek } from '../core/market-week.js';
import type { Logger } from '../core/ports/logger.js';
import { DeliveryError, type BriefPoster } from '../core/ports/poster.js';
import type { Subscription } from '../core/ports/schedule.js';
import type { Store } from '../core/ports/store.js';
import { effectiveThresholds, EMPTY_CHANNEL_SETTINGS } from '../core/thresholds.js';
import type { CountryMap, Day, UsageRow } from '../core/types.js';
import { addDays, isoWeekOf, weekRange } from '../core/week.js';
import { forEachBounded } from './bounded.js';
import { claimWindow, DEFAULT_CLAIM_LEASE_MS, EVERY_PLATFORM, pauseAndTell, type FanoutGate } from './deliver.js';

// Alerts between briefs, after each refresh: the trailing 7 days against the 7 before, per
// subscribed channel with alerts on, under its own thresholds and watchlist. What fires is decided
// by core/alerts/decide.ts from the channel's alert history (baseline first, once per event, a
// cooldown per topic); all of one refresh goes out as one message.
//
// That message goes out once, by the briefs' rule (see tick.ts): it is claimed in the delivery
// ledger as slot `alerts:<newest usage day>+<catalog day>` before it is posted, carries the slot (Slack
// metadata, Discord nonce and mark), is marked sent, and only then is the history recorded. A run
// finding the slot sent records the history it missed; one taking over an expired claim first asks
// the platform whether the message went out. A transient failure leaves the claim, taken over
// after its lease; a permanent one marks it failed and pauses the subscription. Among replicas, a
// run posts only to the platforms whose fan-out lease its replica holds (the others' runs post there).

export interface AlertsDeps {
  store: Store;
  posters: Partial<Record<'slack' | 'discord', BriefPoster>>;
  countries: CountryMap;
  logger: Logger;
  clock: () => Date;
  cooldownMs: number;
  /** This process among replicas: alert claims are held in its name. */
  replica: string;
  /** How long a claim is held before another run may take it over; its holder posts within the first half. */
  leaseMs?: number | undefined;
  /** Whether this process posts fan-outs to a platform now; default: every platform. */
  fanout?: FanoutGate | undefined;
  concurrency?: number;
}

export interface AlertsReport {
  channels: number;
  baselines: number;
  sent: number;
  /** Found already posted (a crash after the post): recorded, not posted again. */
  recovered: number;
  failed: number;
  /** Worth another run once their claims run out: another run held the slot, or the post failed transiently. */
  retry: number;
}

/**
 * The market of the trailing 7 days ending `lastDay`, against the 7 before. The market is built per
 * ISO week, so the 14 days are moved onto the week holding `lastDay` and the one before it; signals
 * compare totals and ranks, which the move keeps.
 */
export async function trailingMarket(store: Store, countries: CountryMap, lastDay: Day): Promise<{ market: MarketWeek; slot: string }> {
  const week = isoWeekOf(lastDay);
  const shift = daysBetween(lastDay, weekRange(week).end);
  const rows = await store.usageBetween(addDays(lastDay, -13), lastDay);
  const moved: UsageRow[] = rows.map((row) => ({ ...row, date: addDays(row.date, shift) }));
  const snapshot = await store.latestCatalog();
  const before = await store.catalogAsOf(addDays(lastDay, -7));
  const previousSnapshot = before && snapshot && before.fetchedOn >= snapshot.fetchedOn ? null : before;
  const market = buildMarketWeek({ week, rows: moved, snapshot, previousSnapshot, restatements: [], countries, source: (await store.dataSource()) ?? 'unknown' });
  // The ledger slot of the alerts on this data: its newest usage day and the catalog in force (a
  // price change can arrive without a new usage day, and is new alerts all the same).
  return { market, slot: `alerts:${lastDay}${snapshot ? `+${snapshot.fetchedOn}` : ''}` };
}

const daysBetween = (from: Day, to: Day) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export async function runAlerts(deps: AlertsDeps): Promise<AlertsReport> {
  const report: AlertsReport = { channels: 0, baselines: 0, sent: 0, recovered: 0, failed: 0, retry: 0 };
  const span = await deps.store.usageSpan();
  if (!span) return report;
  const fanout = deps.fanout ?? EVERY_PLATFORM;
  const subscriptions = (await deps.store.subscriptions()).filter((s) => s.alerts && s.paused === null && deps.posters[s.channel.platform] && fanout(s.channel.platform));
  if (subscriptions.length === 0) return report;
  const { market, slot } = await trailingMarket(deps.store, deps.countries, span.last);
  // No message of the slot predates the first day it names: a recovery reads the history back to it.
  const since = new Date(`${span.last}T00:00:00Z`);
  const ranking = market.market.models.map((m) => m.id);

  await forEachBounded(subscriptions, deps.concurrency ?? 16, async (sub) => {
    const key = formatChannelRef(sub.channel);
    const poster = deps.posters[sub.channel.platform];
    // Asked again before each channel: a replica that lost the fan-out lease mid-way posts no more.
    if (!poster || !fanout(sub.channel.platform)) return;
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
        const outcome = await deliverOnce(deps, sub, poster, { slot, since }, (signal) =>
          poster.postNotice(sub.channel, { kind: 'alerts', signals: decision.send, modelNames: market.modelNames, asOf: market.market.asOf }, { slot, signal }),
        );
        if (outcome === 'held' || outcome === 'settled') {
          if (outcome === 'held') report.retry += 1;
          return;
        }
        report[outcome] += 1;
      }
      if (decision.record.length > 0) await deps.store.recordAlerts(sub.channel, { records: decision.record });
    } catch (error) {
      report.failed += 1;
      if (error instanceof DeliveryError && error.permanent) {
        await pauseAndTell({ store: deps.store, poster, logger: deps.logger, clock: deps.clock }, sub, error);
        return;
      }
      report.retry += 1;
      deps.logger.warn({ channel: key, err: error instanceof Error ? error.message : String(error) }, 'alerts not delivered: retried once the claim expires');
    }
  });
  deps.logger.info({ ...report }, 'alerts');
  return report;
}

/**
 * Posts a channel's alert message for `slot` at most once. 'sent' or 'recovered' when it is out
 * (now, or by an earlier run whose record was lost); 'held' when another run holds the slot;
 * 'settled' when it failed for good before. A failed post rethrows: a permanent failure marks the
 * slot failed first.
 */
async function deliverOnce(
  deps: AlertsDeps,
  sub: Subscription,
  poster: BriefPoster,
  { slot, since }: { slot: string; since: Date },
  post: (signal: AbortSignal) => Promise<{ messageIds: string[] }>,
): Promise<'sent' | 'recovered' | 'held' | 'settled'> {
  const { store, replica: by } = deps;
  const { channel } = sub;
  const before = await store.delivery(channel, slot);
  if (before?.state === 'sent') return 'recovered';
  if (before && before.state !== 'claimed') return 'settled';
  const at = deps.clock();
  const leaseMs = deps.leaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  if (!(await store.claimSlot({ channel, slot, kind: 'alerts', week: null, by, at, leaseUntil: new Date(at.getTime() + leaseMs), delayed: false }))) return 'held';
  const window = claimWindow(leaseMs);
  // Taking over a claim whose holder died: the message may have gone out before it did.
  const found = before === null ? null : await poster.findPosted(channel, slot, since);
  if (found) {
    await store.markSent({ channel, slot, by, messageIds: found, at: deps.clock() });
    deps.logger.info({ channel: formatChannelRef(channel), slot, messageIds: found }, 'recovered an alerts claim: its message had gone out');
    return 'recovered';
  }
  try {
    const { messageIds } = await post(window);
    await store.markSent({ channel, slot, by, messageIds, at: deps.clock() });
    return 'sent';
  } catch (error) {
    if (error instanceof DeliveryError && error.permanent) {
      await store.markFailed({ channel, slot, by, reason: error.reason, messageIds: error.posted, at: deps.clock() });
    }
    throw error;
  }
}
