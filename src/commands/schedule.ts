import { NoDataError } from '../core/errors.js';
import type { ChannelRef } from '../core/channel.js';
import type { Delivery } from '../core/ports/schedule.js';
import type { AdminAction, ChannelStatus, Reply } from '../core/reply.js';
import type { Schedule } from '../core/schedule/schedule.js';
import { nextSlot } from '../core/schedule/slots.js';
import type { CommandContext, CommandDeps } from './run.js';

// `/subscribe`, `/unsubscribe`, `/alerts on|off` and `/status`: a channel's subscription to the weekly
// brief, and what the bot knows about it.

/** How far back `/status` reads the channel's ledger: the last delivery and recent skips. */
const STATUS_WINDOW_MS = 60 * 86_400_000;
/** Skipped slots `/status` lists. */
const SKIPS_SHOWN = 5;

const forbidden = (action: AdminAction): Reply => ({ kind: 'forbidden', action, visibility: 'asker' });

export async function subscribe(deps: CommandDeps, schedule: Schedule, ctx: CommandContext): Promise<Reply> {
  if (!(await ctx.isAdmin())) return forbidden('subscribe');
  const previous = await deps.schedule.subscription(ctx.channel);
  const now = deps.now();
  const stored = await deps.schedule.subscribe({ channel: ctx.channel, schedule, subscribedBy: ctx.userId, at: now });
  return { kind: 'subscribed', schedule, next: nextSlot(schedule, now).instant, previous: previous?.schedule ?? null, alerts: stored.alerts, visibility: 'channel' };
}

export async function unsubscribe(deps: CommandDeps, ctx: CommandContext): Promise<Reply> {
  if (!(await ctx.isAdmin())) return forbidden('unsubscribe');
  return { kind: 'unsubscribed', was: await deps.schedule.unsubscribe(ctx.channel), visibility: 'channel' };
}

export async function switchAlerts(deps: CommandDeps, on: boolean, ctx: CommandContext): Promise<Reply> {
  if (!(await ctx.isAdmin())) return forbidden(on ? 'alerts_on' : 'alerts_off');
  return { kind: 'alerts_switched', on, subscribed: await deps.schedule.setAlerts(ctx.channel, on), visibility: 'asker' };
}

async function dataState(deps: CommandDeps): Promise<ChannelStatus['data']> {
  try {
    const { market, source } = await deps.weeks.read();
    return { source, asOf: market.asOf, week: market.week };
  } catch (error) {
    if (error instanceof NoDataError) return null;
    throw error;
  }
}

export async function status(deps: CommandDeps, channel: ChannelRef): Promise<Reply> {
  const now = deps.now();
  const [data, lastRefresh, subscription, ledger] = await Promise.all([
    dataState(deps),
    deps.schedule.lastRefresh(),
    deps.schedule.subscription(channel),
    deps.schedule.deliveries(new Date(now.getTime() - STATUS_WINDOW_MS), [channel]),
  ]);
  const newestFirst = [...ledger].reverse();
  const settled = (entry: Delivery) => entry.state === 'sent' || entry.state === 'failed';
  return {
    kind: 'status',
    status: {
      data,
      lastRefresh,
      subscription,
      next: subscription && subscription.paused === null ? nextSlot(subscription.schedule, now).instant : null,
      lastDelivery: newestFirst.find(settled) ?? null,
      skipped: newestFirst.filter((entry) => entry.state === 'skipped').slice(0, SKIPS_SHOWN),
    },
    visibility: 'asker',
  };
}
