import type { IncomingHttpHeaders } from 'node:http';
import { checkMessage } from './messages.js';

// A slash command's `response_url`: Bolt's respond() POSTs JSON there (`text`, `blocks`,
// `response_type`, `replace_original`, `delete_original`). Slack allows 5 uses within 30 minutes and
// applies the usual message limits. Slack's exact answers to a used-up URL or a refused message are not
// documented; the fake answers 404 `used_url` and 400 with the message error, which is enough for
// Bolt (respond() throws a RespondError on any non-2xx status).

export const RESPONSE_URL_USES = 5;

export interface ResponsePost {
  /** The id in `/respond/{id}`. */
  id: string;
  /** The parsed JSON body (the raw text when it was not JSON). */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The HTTP status the fake answered. */
  status: number;
  at: number;
}

export interface ResponseAnswer {
  status: number;
  body: Record<string, unknown>;
}

export function parseResponseBody(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

/** The answer to one post; `earlierUses` counts accepted posts to the same URL before it. */
export function answerResponsePost(body: unknown, earlierUses: number): ResponseAnswer {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, body: { ok: false, error: 'invalid_payload' } };
  }
  if (earlierUses >= RESPONSE_URL_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
  const problem = checkMessage(body as Record<string, unknown>, false);
  if (problem) return { status: 400, body: { ok: false, ...problem } };
  return { status: 200, body: { ok: true } };
}
