import type { Logger } from '../../core/ports/logger.js';
import { SourceError } from '../../core/ports/source.js';
import { errorMessage } from './wire.js';

// A JSON GET for OpenRouter that survives what a daily job meets: rate limits, 5xx, hung or dropped
// connections and truncated bodies. Requests of one client run one at a time and at least
// `minIntervalMs` apart, which is what keeps a long backfill under the documented rate limit.

export interface HttpOptions {
  timeoutMs: number;
  maxRetries: number;
  minIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  logger: Logger;
  /** Text that must never appear in an error message or log line (the API key). */
  secret: string | undefined;
}

export type GetJson = (url: URL, headers: Record<string, string>) => Promise<unknown>;

const MAX_BACKOFF_MS = 30_000;
const MAX_RETRY_AFTER_MS = 120_000;

type Attempt =
  | { kind: 'ok'; json: unknown }
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs: number | null; cause?: unknown }
  | { kind: 'bad-body'; reason: string; cause: unknown };

/** Exponential backoff without jitter: one client per process, so there is no herd to spread. */
export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

/** `Retry-After` as seconds or an HTTP date, capped so a hostile value cannot park the job for hours. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const text = header.trim();
  // Date.parse reads bare numbers like "-5" as years, so only text with a weekday/month name is a date.
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : /[a-z]/i.test(text) ? Date.parse(text) - now.getTime() : NaN;
  if (Number.isNaN(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  // fetch reports every transport failure as "fetch failed"; the useful part is in `cause`.
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  return typeof cause?.code === 'string' ? `network error: ${message} (${cause.code})` : `network error: ${message}`;
}

export function createGetJson(options: HttpOptions): GetJson {
  const { timeoutMs, maxRetries, minIntervalMs, sleep, now, logger, secret } = options;
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

  async function attempt(url: URL, headers: Record<string, string>, where: string): Promise<Attempt> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      return { kind: 'retry', reason: failureReason(error, timeoutMs), retryAfterMs: null, cause: error };
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
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after'), now()) : null;
      return { kind: 'retry', reason: `HTTP ${status}`, status, retryAfterMs };
    }
    const message = redact(errorMessage(text) ?? (response.statusText || 'no error message'));
    throw new SourceError(`OpenRouter refused ${where} (${status}): ${message}`, { status, url: where, retryable: false });
  }

  async function getJson(url: URL, headers: Record<string, string>): Promise<unknown> {
    // Path and query only: neither carries the key, and a base URL is not worth logging.
    const where = `${url.pathname}${url.search}`;
    const attempts = maxRetries + 1;
    let delayMs = 0;
    let badBodySeen = false;
    for (let n = 1; ; n++) {
      await startSlot(delayMs);
      logger.debug({ url: where, attempt: n }, 'OpenRouter request');
      const outcome = await attempt(url, headers, where);
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
      logger.warn({ url: where, attempt: n, reason: outcome.reason, delayMs }, 'OpenRouter request failed; retrying');
    }
  }

  return (url, headers) => {
    const result = queue.then(() => getJson(url, headers));
    queue = result.catch(() => undefined);
    return result;
  };
}
