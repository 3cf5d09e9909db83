import { formatChannelRef } from '../core/channel.js';
import { briefFor, type MarketWeek } from '../core/market-week.js';
import type { ChartImage } from '../core/ports/charts.js';
import type { Logger } from '../core/ports/logger.js';
import { DeliveryError, type BriefPoster } from '../core/ports/poster.js';
import type { LedgerHead, Subscription } from '../core/ports/schedule.js';
import type { Store } from '../core/ports/store.js';
import { decideDue, type DueAction, type DueSubscription, type LedgerEntry } from '../core/schedule/due.js';
import { chooseWeek, type DataState, type SourceKind, type WhichWeek } from '../core/schedule/which-week.js';
import type { Slot } from '../core/schedule/slots.js';
import { chartsOn, effectiveThresholds, EMPTY_CHANNEL_SETTINGS } from '../core/thresholds.js';
import type { Brief, CountryMap, IsoWeek } from '../core/types.js';
import { forEachBounded } from './bounded.js';
import { readDataState } from './data-state.js';
import { systemTimers, within } from './deadline.js';
import { claimWindow, DEFAULT_CLAIM_LEASE_MS, DEFAULT_RETRY, EVERY_PLATFORM, pauseAndTell, tellAdmin, withRetries, type FanoutGate, type RetryPolicy } from './deliver.js';
import { loadMarketWeek } from './week.js';

// The minute tick's brief delivery. Exactly once per (channel, slot), by this rule:
//  1. A slot is claimed in the store before anything is sent (one statement; one claimer wins, here
//     or on another replica). The claim carries a lease.
//  2. The post carries the slot key (Slack message metadata, Discord nonce), then the slot is marked
//     sent with the message ids; a permanent failure marks it failed and pauses the subscription.
//  3. A claim still open when its lease ran out belongs to a sender that died or gave up. Whoever
//     takes it over first asks the platform for messages carrying the slot key: found, the slot is
//     marked sent with them; not found, it is sent (or, beyond the grace window, recorded skipped).
//     Its holder sends only within the first half of the lease (see deliver.ts), so a post of the
//     old holder never lands after that question. A tick that sees an open claim asks for another
//     tick when its lease runs out (`recheckAt`): a claim left by a dead replica is taken over then.
// A transient failure is retried within the tick, each retry preceded by the same question, so an
// ambiguous send (a timeout after the platform accepted it) is never sent twice.
// Among replicas every one ticks (skips are recorded by whoever sees them first), but only the holder
// of a platform's fan-out lease claims and posts to that platform (`TickDeps.fanout`).

export interface TickOptions {
  /** A missed slot older than this is recorded as skipped, never posted. */
  graceMs: number;
  /** How long after its slot a brief waits for last week's data from a live source. */
  waitMs: number;
  /** How long a claim is held before another sender may take it over; its holder sends within the first half. */
  leaseMs: number;
  /** Channels posted to at once, per platform. */
  concurrency: number;
  retry: RetryPolicy;
  /** How long briefs wait for their chart; after that they go out without it. */
  chartDeadlineMs: number;
}

export const DEFAULT_TICK_OPTIONS: TickOptions = {
  graceMs: 24 * 3_600_000,
  waitMs: 6 * 3_600_000,
  leaseMs: DEFAULT_CLAIM_LEASE_MS,
  concurrency: 16,
  retry: DEFAULT_RETRY,
  // A warm renderer draws the share chart in well under a second; a cold one (the process's first chart:
  // the renderer is loaded then, not at start, to keep an idle bot small) in one to five on a busy machine.
  chartDeadlineMs: 15_000,
};

export interface TickDeps {
  store: Store;
  /** The posters of the running platforms; a channel of a platform not running is left for later. */
  posters: Partial<Record<'slack' | 'discord', BriefPoster>>;
  /** Whether this process posts fan-outs to a platform now (asked before each claim); default: every platform. */
  fanout?: FanoutGate;
  countries: CountryMap;
  logger: Logger;
  source: SourceKind;
  /** This process among replicas: claims are held in its name. */
  replica: string;
  /** When this process started ticking: a slot before it was missed while nobody ticked. */
  tickingSince: Date;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  options?: Partial<TickOptions>;
  /**
   * Draws a week's share chart for the briefs of channels with charts on; it may fail or never
   * finish, and briefs wait for it `chartDeadlineMs` at most. None: briefs go without a chart.
   */
  drawChart?: (week: IsoWeek) => Promise<ChartImage>;
}

/** What one tick did, for its log line and for tests. */
export interface TickReport {
  due: number;
  sent: number;
  recovered: number;
  skipped: number;
  waiting: number;
  failed: number;
  /** Left claimed after transient failures: retried once the lease runs out. */
  deferred: number;
  /** Due on a platform whose fan-out another replica holds: left to it. */
  elsewhere: number;
  /** When the earliest claim still open runs out (a tick then may take it over), or null. */
  recheckAt: Date | null;
}

/** A list of subscriptions as the due decision and the fan-out need it: built once per list the store hands out. */
interface Roster {
  due: DueSubscription[];
  byKey: Map<string, Subscription>;
}
const rosters = new WeakMap<readonly Subscription[], Roster>();

function rosterOf(subscriptions: readonly Subscription[]): Roster {
  const known = rosters.get(subscriptions);
  if (known) return known;
  const roster: Roster = { due: [], byKey: new Map() };
  for (const s of subscriptions) {
    const id = formatChannelRef(s.channel);
    roster.due.push({ id, schedule: s.schedule, activeSince: s.activeSince, paused: s.paused !== null });
    roster.byKey.set(id, s);
  }
  rosters.set(subscriptions, roster);
  return roster;
}

export async function deliverDue(deps: TickDeps, now: Date): Promise<TickReport> {
  const options = { ...DEFAULT_TICK_OPTIONS, ...deps.options };
  const report: TickReport = { due: 0, sent: 0, recovered: 0, skipped: 0, waiting: 0, failed: 0, deferred: 0, elsewhere: 0, recheckAt: null };
  const due = await decideTick(deps, now, options);
  if (due === null) return report;
  const { actions, heads, byKey } = due;
  report.recheckAt = due.recheckAt;
  const fanout = deps.fanout ?? EVERY_PLATFORM;

  const posts: PostAction[] = [];
  for (const action of actions) {
    if (action.kind !== 'skip') posts.push(action);
    else {
      const sub = byKey.get(action.subscriptionId);
      if (!sub) continue;
      await deps.store.markSkipped({ channel: sub.channel, slot: action.slot.key, reason: action.reason, at: now });
      report.skipped += 1;
    }
  }
  report.due = posts.length;
  if (posts.length === 0) return report;

  const data = await readDataState(deps.store);
  // One market per week for every channel of the tick; each channel only adds its own signals.
  const weeks = new Map<IsoWeek, Promise<MarketWeek>>();
  const week = (w: IsoWeek) => weeks.get(w) ?? remember(weeks, w, loadMarketWeek(deps.store, { week: w, countries: deps.countries }));
  const context: SlotContext = { deps, options, now, data, week, heads, report, briefs: new Map(), charts: new Map() };

  // Each platform has its own limits and its own pool: channels sort by key, so one shared pool
  // would post every Discord channel before the first Slack one and add the two fan-outs' times.
  const byPlatform = new Map<string, ChannelPost[]>();
  for (const action of posts) {
    const sub = byKey.get(action.subscriptionId);
    const poster = sub && deps.posters[sub.channel.platform];
    if (!sub || !poster) continue;
    if (!fanout(poster.platform)) {
      report.elsewhere += 1;
      continue;
    }
    const queue = byPlatform.get(poster.platform) ?? remember(byPlatform, poster.platform, []);
    queue.push({ sub, poster, action });
  }
  const deliver = async ({ sub, poster, action }: ChannelPost) => {
    // Asked again before each channel: a replica that lost the fan-out lease mid-way claims no more.
    if (!fanout(poster.platform)) {
      report.elsewhere += 1;
      return;
    }
    try {
      await deliverSlot(context, sub, poster, action);
    } catch (error) {
      // The store or a bug, not the platform: logged, and the channel's claim (if any) expires and is retried.
      report.deferred += 1;
      deps.logger.error({ channel: action.subscriptionId, slot: action.slot.key, err: error instanceof Error ? error.message : String(error) }, 'brief delivery failed');
    }
  };
  await Promise.all([...byPlatform.values()].map((queue) => forEachBounded(queue, options.concurrency, deliver)));
  // A claim this tick left open (deferred) is to be come back for once its lease runs out.
  if (report.deferred > 0) report.recheckAt = earliest(report.recheckAt, new Date(deps.clock().getTime() + options.leaseMs));
  const level = report.failed > 0 || report.deferred > 0 ? 'warn' : 'info';
  deps.logger[level]({ ...report }, 'scheduled briefs');
  return report;
}

type PostAction = Exclude<DueAction, { kind: 'skip' }>;
interface ChannelPost {
  sub: Subscription;
  poster: BriefPoster;
  action: PostAction;
}

interface SlotContext {
  deps: TickDeps;
  options: TickOptions;
  now: Date;
  data: DataState;
  week: (week: IsoWeek) => Promise<MarketWeek>;
  heads: ReadonlyMap<string, LedgerHead>;
  report: TickReport;
  briefs: Map<string, Brief>;
  /** One chart per week per tick, shared by every channel with charts on; null when it is not to be had. */
  charts: Map<IsoWeek, Promise<ChartImage | null>>;
}

async function deliverSlot(ctx: SlotContext, sub: Subscription, poster: BriefPoster, action: Exclude<DueAction, { kind: 'skip' }>): Promise<void> {
  const { deps, options, report } = ctx;
  const key = formatChannelRef(sub.channel);
  const claim = (week: IsoWeek | null, delayed: boolean) =>
    deps.store.claimSlot({
      channel: sub.channel,
      slot: action.slot.key,
      kind: 'scheduled',
      week,
      by: deps.replica,
      at: deps.clock(),
      leaseUntil: new Date(deps.clock().getTime() + options.leaseMs),
      delayed,
    });

  if (action.kind === 'recover') {
    // The claim being recovered is the channel's newest entry: its week is what was being posted.
    const left = ctx.heads.get(key)?.newest;
    if (!(await claim(left?.slot === action.slot.key ? left.week : null, true))) return;
    const window = claimWindow(options.leaseMs);
    const posted = await poster.findPosted(sub.channel, action.slot.key, action.slot.instant);
    if (posted) {
      await deps.store.markSent({ channel: sub.channel, slot: action.slot.key, by: deps.replica, messageIds: posted, at: deps.clock() });
      report.recovered += 1;
      deps.logger.info({ channel: key, slot: action.slot.key, messageIds: posted }, 'recovered a claim: its brief had gone out');
      return;
    }
    if (!action.withinGrace) {
      await deps.store.markSkipped({ channel: sub.channel, slot: action.slot.key, reason: 'beyond-grace', at: deps.clock(), by: deps.replica });
      report.skipped += 1;
      return;
    }
    const choice = chooseFor(ctx, sub, action.slot);
    if (choice.kind === 'post' || choice.kind === 'no-new-week') await send(ctx, sub, poster, action.slot, choice, await prepare(ctx, sub, poster, action.slot, choice, true), window);
    return;
  }

  const choice = chooseFor(ctx, sub, action.slot);
  if (choice.kind === 'wait' || choice.kind === 'no-data') {
    report.waiting += 1;
    if (choice.kind === 'no-data') deps.logger.warn({ channel: key, slot: action.slot.key }, 'a brief is due but no data is stored yet');
    return;
  }
  const delayed = action.kind === 'post-delayed';
  // Built before the claim: a brief that cannot be built leaves no claim behind to recover.
  const post = await prepare(ctx, sub, poster, action.slot, choice, delayed);
  if (!(await claim(choice.week, delayed))) return;
  await send(ctx, sub, poster, action.slot, choice, post, claimWindow(options.leaseMs));
}

/** The post of the chosen brief (or of the "no new week" line), ready to send and to resend. */
async function prepare(
  ctx: SlotContext,
  sub: Subscription,
  poster: BriefPoster,
  slot: Slot,
  choice: Extract<WhichWeek, { kind: 'post' | 'no-new-week' }>,
  delayed: boolean,
): Promise<Send> {
  if (choice.kind === 'no-new-week') {
    return (signal) => poster.postNotice(sub.channel, { kind: 'no_new_week', week: choice.week, asOf: choice.asOf }, { slot: slot.key, delayed, signal });
  }
  const settings = (await ctx.deps.store.channelSettings(formatChannelRef(sub.channel))) ?? EMPTY_CHANNEL_SETTINGS;
  // Channels with the same settings get the same brief: one object, which the posters lay out once.
  const key = `${choice.week}\n${JSON.stringify(settings)}`;
  const brief =
    ctx.briefs.get(key) ??
    remember(ctx.briefs, key, briefFor(await ctx.week(choice.week), { thresholds: effectiveThresholds(settings), watchlist: settings.watchlist }));
  const chart = chartsOn(settings) ? await (ctx.charts.get(choice.week) ?? remember(ctx.charts, choice.week, chartOf(ctx, choice.week))) : null;
  return (signal) => poster.post(sub.channel, brief, { slot: slot.key, delayed, dataAsOf: choice.showAsOf ? choice.asOf : null, chart, signal });
}

/**
 * The week's chart, drawn within the deadline; null without a drawer, or when drawing failed or was
 * late (a warn line each: the briefs go out without it, and a late drawing is left to finish unseen).
 */
async function chartOf(ctx: SlotContext, week: IsoWeek): Promise<ChartImage | null> {
  const draw = ctx.deps.drawChart;
  if (!draw) return null;
  const deadlineMs = ctx.options.chartDeadlineMs;
  try {
    const chart = await within(systemTimers, deadlineMs, draw(week), null);
    if (chart === null) ctx.deps.logger.warn({ week, deadlineMs }, 'brief chart not drawn in time; the briefs go out without it');
    return chart;
  } catch (error) {
    ctx.deps.logger.warn({ week, err: error instanceof Error ? error.message : String(error) }, 'brief chart failed; the briefs go out without it');
    return null;
  }
}

/** One try at a prepared post, stopped by `signal` once the claim's window closes. */
type Send = (signal: AbortSignal) => Promise<{ messageIds: string[] }>;

function chooseFor(ctx: SlotContext, sub: Subscription, slot: Slot): WhichWeek {
  return chooseWeek({
    slot,
    now: ctx.now,
    data: ctx.data,
    source: ctx.deps.source,
    lastDeliveredWeek: ctx.heads.get(formatChannelRef(sub.channel))?.sentWeek ?? null,
    waitDeadlineMs: ctx.options.waitMs,
  });
}

/** Sends `post` under the claim this process holds, within the claim's window, and settles the claim. */
async function send(
  ctx: SlotContext,
  sub: Subscription,
  poster: BriefPoster,
  slot: Slot,
  choice: Extract<WhichWeek, { kind: 'post' | 'no-new-week' }>,
  post: Send,
  window: AbortSignal,
): Promise<void> {
  const { deps, report } = ctx;
  const key = formatChannelRef(sub.channel);
  const settle = { channel: sub.channel, slot: slot.key, by: deps.replica };
  const retry = { policy: ctx.options.retry, sleep: deps.sleep, clock: deps.clock, signal: window };
  try {
    const { messageIds } = await withRetries(() => post(window), () => poster.findPosted(sub.channel, slot.key, slot.instant), retry);
    if (await deps.store.markSent({ ...settle, messageIds, at: deps.clock() })) report.sent += 1;
    else deps.logger.error({ channel: key, slot: slot.key, messageIds }, 'posted, but the claim had been taken over: the new holder finds these messages');
    if (choice.stale) await tellAdmin({ poster, logger: deps.logger }, sub, { kind: 'stale_data', channel: sub.channel, newestDay: choice.stale.newestDay, asOf: choice.asOf });
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    if (error.permanent) {
      await deps.store.markFailed({ ...settle, reason: error.reason, messageIds: error.posted, at: deps.clock() });
      report.failed += 1;
      await pauseAndTell({ store: deps.store, poster, logger: deps.logger, clock: deps.clock }, sub, error);
      return;
    }
    // Left claimed: once the lease runs out, a tick asks the platform what went out and resumes from there.
    report.deferred += 1;
    deps.logger.warn({ channel: key, slot: slot.key, reason: error.reason, posted: error.posted.length }, 'brief not delivered yet: retried after the lease');
  }
}

/**
 * What is due at `now`, from the subscriptions (re-read only when they changed) and one ledger head
 * per channel, and when the earliest claim still open runs out; null when nothing is due or open.
 * This is the part of a tick that runs every minute whatever happens.
 */
export async function decideTick(
  deps: Pick<TickDeps, 'store' | 'tickingSince'>,
  now: Date,
  options: Pick<TickOptions, 'graceMs' | 'leaseMs'>,
): Promise<{ actions: DueAction[]; heads: ReadonlyMap<string, LedgerHead>; byKey: ReadonlyMap<string, Subscription>; recheckAt: Date | null } | null> {
  const subscriptions = await deps.store.subscriptions();
  if (subscriptions.length === 0) return null;
  const roster = rosterOf(subscriptions);
  const heads = await deps.store.ledgerHeads();
  const ledger = new Map<string, LedgerEntry[]>();
  let recheck = Infinity;
  for (const [key, head] of heads) {
    if (!head.newest) continue;
    ledger.set(key, [head.newest]);
    const runsOut = head.newest.at.getTime() + options.leaseMs;
    if (head.newest.state === 'claimed' && runsOut > now.getTime()) recheck = Math.min(recheck, runsOut);
  }
  const actions = decideDue({
    now,
    subscriptions: roster.due,
    ledger,
    options: { graceMs: options.graceMs, tickingSince: deps.tickingSince, claimTimeoutMs: options.leaseMs },
  });
  const recheckAt = recheck === Infinity ? null : new Date(recheck);
  return actions.length === 0 && recheckAt === null ? null : { actions, heads, byKey: roster.byKey, recheckAt };
}

const earliest = (a: Date | null, b: Date): Date => (a === null || b < a ? b : a);

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}
