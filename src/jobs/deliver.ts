import { formatChannelRef, type ChannelRef } from '../core/channel.js';
import type { Logger } from '../core/ports/logger.js';
import { DeliveryError, type BriefPoster } from '../core/ports/poster.js';
import type { SubscriptionStore, Subscription } from '../core/ports/schedule.js';

// What every scheduled post shares: transient failures retried with backoff (honouring the
// platform's Retry-After) within a budget, and a permanent one pausing the subscription and telling
// the admin who subscribed; which platforms this process fans out to; how long a claim is held.
//
// A claim in the ledger is held for its lease, and its holder sends only within the first half of it
// (`claimWindow`): the second half covers a request already on the wire when the window closed (the
// clients time out within seconds) and replicas' clocks that disagree a little. So a claim taken over
// after its lease never races a post of its old holder, whether that holder died or only stalled.

/** How long a scheduled brief's or alerts' claim is held before another tick may take it over. */
export const DEFAULT_CLAIM_LEASE_MS = 2 * 60_000;

/** The signal a claim's posts run under: aborted once half of the claim's lease has passed. */
export const claimWindow = (leaseMs: number): AbortSignal => AbortSignal.timeout(Math.floor(leaseMs / 2));

/**
 * Whether this process may start posting fan-out (scheduled briefs, alerts) to a platform now. Alone
 * it always may; among replicas only the holder of the platform's fan-out lease may, so the
 * platform's rate limits are one process's limits however many replicas run.
 */
export type FanoutGate = (platform: ChannelRef['platform']) => boolean;

export const EVERY_PLATFORM: FanoutGate = () => true;

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first backoff; each next one doubles. */
  baseMs: number;
  /** No retry starts when its wait would end later than this after the first try. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 1000, budgetMs: 60_000 };

export interface RetryDeps {
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  clock: () => Date;
  /** No retry starts once it is aborted (the claim's window closed). */
  signal?: AbortSignal;
}

/**
 * Sends with retries. Before each retry it asks the platform whether the failed try went out after
 * all (a timeout after Slack accepted the post): then that is the result, not a second post.
 * Rethrows a permanent error, a transient one once the attempts or the budget are spent, and any
 * failure after part of a brief went out (resending would repeat those messages; recovery resumes it).
 */
export async function withRetries(
  send: () => Promise<{ messageIds: string[] }>,
  wentOut: () => Promise<string[] | null>,
  deps: RetryDeps,
): Promise<{ messageIds: string[] }> {
  const started = deps.clock().getTime();
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof DeliveryError) || error.permanent || error.posted.length > 0 || attempt >= deps.policy.attempts) throw error;
      const wait = error.retryAfterMs ?? deps.policy.baseMs * 2 ** (attempt - 1);
      if (deps.clock().getTime() + wait - started > deps.policy.budgetMs) throw error;
      await deps.sleep(wait);
      const found = await wentOut();
      if (found) return { messageIds: found };
      if (deps.signal?.aborted) throw error;
    }
  }
}

/**
 * A permanent failure (channel gone, bot removed, no permission, token revoked): the subscription
 * pauses, so it is not tried every week, and the admin who subscribed is told privately; when even
 * that fails, the log line at error level is what is left.
 */
export async function pauseAndTell(
  deps: { store: SubscriptionStore; poster: BriefPoster; logger: Logger; clock: () => Date },
  subscription: Subscription,
  error: DeliveryError,
): Promise<void> {
  const { channel } = subscription;
  await deps.store.pauseSubscription(channel, error.reason, deps.clock());
  deps.logger.warn({ channel: formatChannelRef(channel), reason: error.reason }, 'delivery paused: the channel refused posts for good');
  await tellAdmin(deps, subscription, { kind: 'delivery_paused', channel, reason: error.reason });
}

/** Tells the admin who subscribed `subscription`; never throws (a failure is logged at error level). */
export async function tellAdmin(
  deps: { poster: BriefPoster; logger: Logger },
  subscription: { channel: ChannelRef; subscribedBy: string },
  notice: Parameters<BriefPoster['notifyUser']>[2],
): Promise<void> {
  try {
    await deps.poster.notifyUser(subscription.channel.workspace, subscription.subscribedBy, notice);
  } catch (error) {
    deps.logger.error(
      { channel: formatChannelRef(subscription.channel), user: subscription.subscribedBy, notice: notice.kind, err: error instanceof Error ? error.message : String(error) },
      'could not tell the admin who subscribed',
    );
  }
}
