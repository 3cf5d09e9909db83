import { DeliveryError } from '../core/ports/poster.js';
import type { Reply } from '../core/reply.js';
import type { Brief } from '../core/types.js';
import { briefChart } from './chart.js';
import type { CommandContext, CommandDeps } from './run.js';

// `/brief post`: the brief posted by hand goes through the delivery ledger like a scheduled one, as
// slot `manual:<week>`, so a week already delivered to the channel (on schedule or by hand) is not
// posted again by accident; `/brief post force` posts it anyway, under a slot of its own
// (`manual:<week>:<time>`), so every post stays on record; so does a new try after a failed post.
// The brief's chart goes with it when the channel wants charts; a chart that fails never holds the
// brief back.

/** How far back the ledger is searched for an earlier delivery of the week. */
const LOOKBACK_MS = 60 * 86_400_000;
/** How long a command's claim holds off others; a post takes seconds. */
const LEASE_MS = 10 * 60_000;

export interface PostRequest {
  /** Post even when this week was already delivered to the channel. */
  force: boolean;
  /** The channel has charts on: the brief's share chart goes with it. */
  chart: boolean;
}

export async function postBrief(deps: CommandDeps, brief: Brief, request: PostRequest, ctx: CommandContext): Promise<Reply> {
  const { channel } = ctx;
  const week = brief.market.week;
  const now = deps.now();
  const ledger = await deps.schedule.deliveries(new Date(now.getTime() - LOOKBACK_MS), [channel]);
  const delivered = ledger.filter((entry) => entry.week === week && (entry.state === 'sent' || entry.state === 'claimed')).at(-1);
  if (delivered && !request.force) return { kind: 'already_delivered', delivery: delivered, visibility: 'asker' };

  const first = `manual:${week}`;
  // A slot is claimed once: a forced post, or a retry after a failed one, is recorded under a slot of its own.
  const slot = ledger.some((entry) => entry.slot === first) ? `${first}:${now.toISOString()}` : first;
  const by = `command:${ctx.userId}:${now.getTime()}`;
  const claimed = await deps.schedule.claimSlot({ channel, slot, kind: 'manual', week, by, at: now, leaseUntil: new Date(now.getTime() + LEASE_MS), delayed: false });
  if (!claimed) {
    // Someone else claimed the same slot a moment ago: theirs is the post.
    const theirs = (await deps.schedule.deliveries(now, [channel])).find((entry) => entry.slot === slot);
    if (theirs) return { kind: 'already_delivered', delivery: theirs, visibility: 'asker' };
  }
  try {
    const chart = request.chart ? await briefChart({ charts: deps.charts, render: ctx.renderChart, logger: ctx.logger }, week) : null;
    const { messageIds, chartError } = await ctx.poster.post(channel, brief, { slot, chart });
    await deps.schedule.markSent({ channel, slot, by, messageIds, at: deps.now() });
    if (chartError) ctx.logger.error({ err: chartError }, 'brief posted without its chart: the upload failed');
    return { kind: 'brief_posted', week, messageIds, visibility: 'asker' };
  } catch (error) {
    if (error instanceof DeliveryError) {
      await deps.schedule.markFailed({ channel, slot, by, reason: error.reason, messageIds: error.posted, at: deps.now() });
    }
    throw error;
  }
}
