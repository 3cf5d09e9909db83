import { createHash } from 'node:crypto';

// Discord's rate limits as the fake enforces them: per-route buckets counted per top-level resource
// (channel, guild, webhook), announced in X-RateLimit-* headers on every answer, plus the global
// requests-per-second cap for authenticated calls. discord.js reads the headers and waits before it
// would exceed them; a client that ignores them gets the 429 Discord would send.

export interface BucketRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  headers: Record<string, string>;
  /** Set when the request is over the limit: the seconds to wait. */
  retryAfter?: number;
  global?: boolean;
}

interface BucketState {
  remaining: number;
  resetAt: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** An opaque bucket id like Discord's; stable per route so clients can group shared limits. */
const bucketHash = (route: string): string => createHash('sha1').update(route).digest('hex').slice(0, 32);

export function createRateLimiter(globalPerSecond: number) {
  const buckets = new Map<string, BucketState>();
  let globalWindowEnds = 0;
  let globalCount = 0;

  function overGlobal(now: number): number | null {
    if (now >= globalWindowEnds) {
      globalWindowEnds = now + 1000;
      globalCount = 0;
    }
    globalCount += 1;
    return globalCount > globalPerSecond ? globalWindowEnds - now : null;
  }

  return {
    /** Counts one request against `route` (a method + path template) for the resource `major`. */
    take(route: string, major: string, rule: BucketRule, countsGlobally: boolean): RateLimitDecision {
      const now = Date.now();
      if (countsGlobally) {
        const wait = overGlobal(now);
        if (wait !== null) return { headers: { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' }, retryAfter: wait / 1000, global: true };
      }
      const key = `${route}|${major}`;
      let state = buckets.get(key);
      if (!state || now >= state.resetAt) {
        state = { remaining: rule.limit, resetAt: now + rule.windowSeconds * 1000 };
        buckets.set(key, state);
      }
      const limited = state.remaining <= 0;
      if (!limited) state.remaining -= 1;
      const headers = {
        'x-ratelimit-limit': String(rule.limit),
        'x-ratelimit-remaining': String(state.remaining),
        'x-ratelimit-reset': seconds(state.resetAt),
        'x-ratelimit-reset-after': seconds(state.resetAt - now),
        'x-ratelimit-bucket': bucketHash(route),
      };
      if (!limited) return { headers };
      return { headers: { ...headers, 'x-ratelimit-scope': 'user' }, retryAfter: (state.resetAt - now) / 1000 };
    },
    /** Headers for an injected 429 on `route`: the bucket looks exhausted until `retryAfter` passes. */
    exhausted(route: string, retryAfter: number): Record<string, string> {
      const resetAt = Date.now() + retryAfter * 1000;
      return {
        'x-ratelimit-limit': '1',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': seconds(resetAt),
        'x-ratelimit-reset-after': retryAfter.toFixed(3),
        'x-ratelimit-bucket': bucketHash(route),
      };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
