import type { Logger } from '../../core/ports/logger.js';
import { SourceError } from '../../core/ports/source.js';
import { errorMessage } from './wire.js';

// A JSON GET for OpenRouter that survives what a daily job meets: rate limits, 5xx, hung or dropped
// connections and truncated bodies. Requests of one client run one at a time and at least
// `minIntervalMs` apart, which is what keeps a long backfill under the documented rate limit.
// Every request has a timeout and every call a deadline: a hung or rate-limiting server costs a
// bounded time, and a wait that would end past the deadline is not started at all.

export interface HttpOptions {
  timeoutMs: number;
  maxRetries: number;
  minIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /** Monotonic milliseconds the deadlines are measured on (performance.now by default). */
  clock: () => number;
  logger: Logger;
  /** Told about waits of 5 s or more, so a long backfill shows it is alive. */
  progress: ((message: string) => void) | undefined;
  /** Aborts requests and waits at once (the bot stopping). */
  signal: AbortSignal | undefined;
  /** Text that must never appear in an error message or log line (the API key). */
  secret: string | undefined;
}

/** When a call must be done by, on `HttpOptions.clock`; `at: Infinity` waits as long as retries last (a backfill). */
export interface Deadline {
  at: number;
  /** The whole budget it was set with, for the message. */
  budgetMs: number;
}

export type GetJson = (url: URL, headers: Record<string, string>, deadline: Deadline) => Promise<unknown>;

const MAX_BACKOFF_MS = 30_000;
const MAX_RETRY_AFTER_MS = 120_000;
const REPORTED_WAIT_MS = 5_000;

type Attempt =
  | { kind: 'ok'; json: unknown }
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs: number | null; askedMs?: number; cause?: unknown }
  | { kind: 'bad-body'; reason: string; cause: unknown };

/** Exponential backoff without jitter: one client per process, so there is no herd to spread. */
export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

/** `Retry-After` as milliseconds from now (seconds or an HTTP date), uncapped; null when unreadable. */
function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const text = header.trim();
  // Date.parse reads bare numbers like "-5" as years, so only text with a weekday/month name is a date.
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : /[a-z]/i.test(text) ? Date.parse(text) - now.getTime() : NaN;
  return Number.isNaN(ms) ? null : Math.max(ms, 0);
}

/** `Retry-After` capped so a hostile value cannot park the job for hours. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  const ms = retryAfterMs(header, now);
  return ms === null ? null : Math.min(ms, MAX_RETRY_AFTER_MS);
}

const seconds = (ms: number): string => `${Math.ceil(ms / 1000)} s`;

function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  // fetch reports every transport failure as "fetch failed"; the useful part is in `cause`.
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  return typeof cause?.code === 'string' ? `network error: ${message} (${cause.code})` : `network error: ${message}`;
}

export function createGetJson(options: HttpOptions): GetJson {
  const { timeoutMs, maxRetries, minIntervalMs, now, clock, logger, progress, signal, secret } = options;
  const redact = (text: string): string => (secret ? text.split(secret).join('[redacted]') : text);
  let lastStart: number | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  // The wait before a request start honours both the retry delay and the pacing interval: both are
  // lower bounds, so the longer one is slept, once.
  async function startSlot(retryDelayMs: number): Promise<void> {
    const paceMs = lastStart === null ? 0 : lastStart + minIntervalMs - now().getTime();
    const waitMs = Math.max(retryDelayMs, paceMs);
    if (waitMs > 0) await sleep(waitMs);
    lastStart = now().getTime();
  }

  function cancelled(): SourceError {
    return new SourceError('OpenRouter request cancelled: tokenbrief is stopping', { retryable: true });
  }

  // The injected sleep, cut short when the bot stops.
  async function sleep(ms: number): Promise<void> {
    if (!signal) return options.sleep(ms);
    if (signal.aborted) throw cancelled();
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(cancelled());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([options.sleep(ms), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async function attempt(url: URL, headers: Record<string, string>, where: string, requestMs: number): Promise<Attempt> {
    let response: Response;
    let text: string;
    try {
      const timeout = AbortSignal.timeout(requestMs);
      response = await fetch(url, { headers, signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      return { kind: 'retry', reason: failureReason(error, requestMs), retryAfterMs: null, cause: error };
    }
    const { status } = response;
    if (response.ok) {
      try {
        return { kind: 'ok', json: JSON.parse(text) };
      } catch (error) {
        return { kind: 'bad-body', reason: `${where} answered a body that is not JSON (truncated?)`, cause: error };
      }
    }
    if (status === 401 || status === 403) {
      throw new SourceError(`OpenRouter rejected the API key (${status}): check OPENROUTER_API_KEY`, { status, url: where, retryable: false });
    }
    if (status === 429 || status >= 500) {
      const askedMs = status === 429 || status === 503 ? retryAfterMs(response.headers.get('retry-after'), now()) : null;
      const retryAfter = askedMs === null ? null : Math.min(askedMs, MAX_RETRY_AFTER_MS);
      return { kind: 'retry', reason: `HTTP ${status}`, status, retryAfterMs: retryAfter, ...(askedMs === null ? {} : { askedMs }) };
    }
    const message = redact(errorMessage(text) ?? (response.statusText || 'no error message'));
    throw new SourceError(`OpenRouter refused ${where} (${status}): ${message}`, { status, url: where, retryable: false });
  }

  async function getJson(url: URL, headers: Record<string, string>, deadline: Deadline): Promise<unknown> {
    // Path and query only: neither carries the key, and a base URL is not worth logging.
    const where = `${url.pathname}${url.search}`;
    const attempts = maxRetries + 1;
    const overdue = (reason: string) =>
      new SourceError(`OpenRouter did not answer within the ${seconds(deadline.budgetMs)} deadline (${reason}); try again later`, {
        url: where,
        retryable: true,
      });
    let delayMs = 0;
    let badBodySeen = false;
    for (let n = 1; ; n++) {
      await startSlot(delayMs);
      const remainingMs = deadline.at - clock();
      if (remainingMs <= 0) throw overdue('deadline reached before the next attempt');
      logger.debug({ url: where, attempt: n }, 'OpenRouter request');
      // AbortSignal.timeout takes whole milliseconds only.
      const outcome = await attempt(url, headers, where, Math.min(timeoutMs, Math.ceil(remainingMs)));
      if (outcome.kind === 'ok') return outcome.json;
      // A truncated body is usually a cut connection, worth one more try; a second one means the
      // API really answers that, and more tries would only burn the rate limit.
      if (outcome.kind === 'bad-body') {
        if (badBodySeen) throw new SourceError(outcome.reason, { url: where, retryable: true, cause: outcome.cause });
        badBodySeen = true;
      }
      const status = outcome.kind === 'retry' ? outcome.status : undefined;
      if (n >= attempts) {
        throw new SourceError(`OpenRouter unavailable after ${n} attempts: ${outcome.reason}`, { status, url: where, retryable: true, cause: outcome.cause });
      }
      delayMs = (outcome.kind === 'retry' ? outcome.retryAfterMs : null) ?? backoffMs(n);
      // A wait that would end past the deadline is not worth starting: say so now, not when it ends.
      if (clock() + delayMs >= deadline.at) {
        const asked = outcome.kind === 'retry' ? outcome.askedMs : undefined;
        if (asked !== undefined && status === 429) {
          throw new SourceError(`OpenRouter: rate limited, retry after ${seconds(asked)} (HTTP 429)`, { status, url: where, retryable: true });
        }
        throw overdue(`last attempt: ${outcome.reason}`);
      }
      logger.warn({ url: where, attempt: n, reason: outcome.reason, delayMs }, 'OpenRouter request failed; retrying');
      if (delayMs >= REPORTED_WAIT_MS) progress?.(`OpenRouter: ${outcome.reason}; waiting ${seconds(delayMs)} before retrying ${where}`);
    }
  }

  return (url, headers, deadline) => {
    const result = queue.then(() => getJson(url, headers, deadline));
    queue = result.catch(() => undefined);
    return result;
  };
}
