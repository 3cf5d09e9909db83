import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, isDay } from '../../src/core/week.js';

// A protocol-faithful OpenRouter on 127.0.0.1: the two endpoints tokenbrief reads, with the real
// status codes and error body shape, plus a queue of misbehaviours (rate limits, 5xx, hangs, cut
// connections, truncated bodies) for the retry paths. Facts from the design notes on OpenRouter:
// rankings-daily needs a Bearer key, defaults to the 30 days ending yesterday, spans at most 366 days,
// clamps an early start to 2025-01-01 and refuses an end before it.

export interface WireRow {
  date: string;
  model_permaslug: string;
  /** A decimal string on the real API; a number here lets tests send malformed rows. */
  total_tokens: string | number;
}

/** One misbehaving answer, used up by the next request (to any endpoint). */
export type Step =
  /** `body` defaults to the API's error body for `status`; `status` defaults to 200. */
  | { status?: number; retryAfter?: string; body?: string }
  | { hang: true }
  | { destroy: true };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export type RankingsHandler = (window: { start_date: string; end_date: string }) => unknown;

export interface FakeOpenRouterOptions {
  /** Rows served by rankings-daily, filtered to each request's window. */
  rows?: WireRow[];
  /** The `/models` body. */
  models?: unknown;
  /** `meta.as_of` of rankings-daily answers. */
  asOf?: string;
  /** The fake's current UTC day: the default window ends the day before. */
  today?: string;
}

export interface FakeOpenRouter {
  /** Base URL, like `https://openrouter.ai/api/v1`. */
  url: string;
  requests: RecordedRequest[];
  script(...steps: Step[]): void;
  /** Rows to filter per window, or a function returning the whole body for a (validated) window. */
  setRankings(rankings: WireRow[] | RankingsHandler): void;
  setModels(body: unknown): void;
  close(): Promise<void>;
}

const DATA_START = '2025-01-01';
const MAX_SPAN_DAYS = 366;

const errorBody = (code: number, message: string): string => JSON.stringify({ error: { code, message } });

const MESSAGES: Record<number, string> = {
  401: 'No auth credentials found',
  429: 'Rate limit exceeded: 30 requests per minute',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

const spanDays = (start: string, end: string): number => (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;

export async function startFakeOpenRouter(options: FakeOpenRouterOptions = {}): Promise<FakeOpenRouter> {
  const asOf = options.asOf ?? '2026-03-09T02:00:00Z';
  const today = options.today ?? '2026-03-09';
  let rankings: WireRow[] | RankingsHandler = options.rows ?? [];
  let models: unknown = options.models ?? { data: [] };
  const steps: Step[] = [];
  const requests: RecordedRequest[] = [];

  function answerRankings(query: Record<string, string>, res: ServerResponse): void {
    const end = query.end_date ?? addDays(today, -1);
    let start = query.start_date ?? addDays(end, -30);
    for (const [name, value] of [['start_date', start], ['end_date', end]] as const) {
      if (!isDay(value)) return send(res, 400, errorBody(400, `Invalid ${name}: expected a valid date in YYYY-MM-DD format`));
    }
    if (end < DATA_START) return send(res, 400, errorBody(400, `end_date must be on or after ${DATA_START}`));
    if (start < DATA_START) start = DATA_START;
    if (start > end) return send(res, 400, errorBody(400, 'start_date must be on or before end_date'));
    if (spanDays(start, end) > MAX_SPAN_DAYS) {
      return send(res, 400, errorBody(400, `Date range too large: at most ${MAX_SPAN_DAYS} days per request`));
    }
    const window = { start_date: start, end_date: end };
    const body =
      typeof rankings === 'function'
        ? rankings(window)
        : { data: rankings.filter((row) => row.date >= start && row.date <= end), meta: { as_of: asOf, version: 'v1', ...window } };
    send(res, 200, JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers });

    const step = steps.shift();
    if (step) {
      if ('hang' in step) return;
      if ('destroy' in step) return void req.socket.destroy();
      const status = step.status ?? 200;
      const headers: Record<string, string> = step.retryAfter === undefined ? {} : { 'retry-after': step.retryAfter };
      return send(res, status, step.body ?? errorBody(status, MESSAGES[status] ?? `HTTP ${status}`), headers);
    }

    if (req.method !== 'GET') return send(res, 405, errorBody(405, 'Method Not Allowed'));
    if (url.pathname === '/api/v1/models') return send(res, 200, JSON.stringify(models));
    if (url.pathname === '/api/v1/datasets/rankings-daily') {
      if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) return send(res, 401, errorBody(401, MESSAGES[401] ?? ''));
      return answerRankings(query, res);
    }
    send(res, 404, errorBody(404, 'Not Found'));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    requests,
    script: (...next) => void steps.push(...next),
    setRankings: (next) => void (rankings = next),
    setModels: (body) => void (models = body),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests hold their sockets open forever; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}
