// chat.postMessage's rate limits as the fake enforces them. Slack documents about one message per
// second per channel ("short bursts above that are allowed") and, above that, a limit on an app's
// posts to a whole workspace ("several hundred messages per minute", no exact figure). Each rule is a
// token bucket: `limit` posts at once at most, refilled at `limit` per `windowMs`; a post finding it
// empty is refused with HTTP 429, `{ok:false,error:'ratelimited'}` and a whole-second Retry-After,
// as Slack answers.

export interface PostRule {
  limit: number;
  windowMs: number;
}

export interface PostLimits {
  /** Per channel. */
  channel?: PostRule;
  /** Per workspace (the fake is one workspace). */
  workspace?: PostRule;
}

export interface PostLimiter {
  /** Counts a post to `channel`: null when allowed, else the seconds to wait (Retry-After). */
  take(channel: string): number | null;
  /** Posts refused so far. */
  refused(): number;
}

export function createPostLimiter(limits: PostLimits, now: () => number = Date.now): PostLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let refused = 0;
  /** The bucket's tokens now, refilled since it was last looked at. */
  const level = (key: string, rule: PostRule, at: number) => {
    const bucket = buckets.get(key) ?? { tokens: rule.limit, at };
    bucket.tokens = Math.min(rule.limit, bucket.tokens + ((at - bucket.at) * rule.limit) / rule.windowMs);
    bucket.at = at;
    buckets.set(key, bucket);
    return bucket;
  };
  return {
    take(channel) {
      const at = now();
      const rules = [
        ['workspace', limits.workspace],
        [`channel:${channel}`, limits.channel],
      ] as const;
      const held = rules.flatMap(([key, rule]) => (rule ? [{ rule, bucket: level(key, rule, at) }] : []));
      const short = held.filter(({ bucket }) => bucket.tokens < 1);
      if (short.length > 0) {
        refused += 1;
        const waitMs = Math.max(...short.map(({ rule, bucket }) => ((1 - bucket.tokens) * rule.windowMs) / rule.limit));
        return Math.max(1, Math.ceil(waitMs / 1000));
      }
      for (const { bucket } of held) bucket.tokens -= 1;
      return null;
    },
    refused: () => refused,
  };
}
