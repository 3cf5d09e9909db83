import { errorChain } from './error-chain.js';

// Replies travel on connections the HTTP client keeps alive. When the other side closes an idle one
// just as a reply is sent on it, the request fails with a reset ("other side closed", ECONNRESET,
// "socket hang up") although the server is fine: under load that lost one answer in three. Such a
// failure is worth retrying at once on a fresh connection, but only for a request that may be sent
// twice (an edit, a response_url post), never for one that would post a second message.

const TRANSPORT_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TRANSPORT_MESSAGE = /other side closed|socket hang up|ECONNRESET|EPIPE/;

/** True when `error`, or one of its causes, is a connection failure rather than an answer from the server. */
export function isTransportError(error: unknown): boolean {
  return errorChain(error).some((current) => {
    const code = (current as { code?: unknown }).code;
    return (typeof code === 'string' && TRANSPORT_CODES.has(code)) || TRANSPORT_MESSAGE.test(current.message);
  });
}

/** A reply that could not be sent: the connection kept failing until the platform's window or the retries ran out. */
export class NotDeliveredError extends Error {
  override readonly name = 'NotDeliveredError';
}

/** Waits before each retry: the first is nearly immediate (a fresh connection is all it needs). */
export const RETRY_DELAYS_MS: readonly number[] = [50, 500, 2000];

export interface RetryOptions {
  /** Epoch ms after which the platform no longer takes the request: no retry is started past it. */
  until: number;
  /** Called before each retry. */
  onRetry?: (error: unknown, attempt: number) => void;
  delaysMs?: readonly number[];
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs an idempotent `send`, retrying it on transport errors while the platform's window lasts. When
 * the connection still fails, rejects with a `NotDeliveredError` (the last failure as its cause);
 * any other failure (an answer from the server) rejects as itself, at once.
 */
export async function retryOnTransportError<T>(send: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { delaysMs = RETRY_DELAYS_MS, now = Date.now, sleep = sleepFor } = options;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (!isTransportError(error)) throw error;
      const delay = delaysMs[attempt];
      if (delay === undefined || now() + delay >= options.until) {
        throw new NotDeliveredError(`reply not delivered after ${attempt + 1} attempt(s): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      options.onRetry?.(error, attempt + 1);
      await sleep(delay);
    }
  }
}
