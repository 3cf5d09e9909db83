import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_MESSAGES, ROUTES, matchTemplate } from './routes.js';
import type { Answer, RestContext, Route } from './routes.js';
import type { BucketRule, RateLimiter } from './ratelimit.js';
import type { RecordedCall, RecordedFile, World } from './world.js';

// The HTTP side of the fake: parses and records each request, applies queued misbehaviours, checks the
// bot token, counts rate limits, then answers from the route table — always JSON with
// `content-type: application/json` (discord.js only parses bodies that say so) or an empty 204.

/** `'POST /channels/:id/messages'` (any `:name` matches one segment), or a RegExp tested on `'POST /channels/1/messages'`. */
export type RouteMatcher = string | RegExp;

export type Failure =
  /** A rate limit: `Retry-After` header and `{message, retry_after, global}` body, as Discord sends. */
  | { status: 429; retryAfter: number; global?: boolean }
  /** Any other error status; with `code`, the body is Discord's `{message, code}` for it. */
  | { status: number; code?: number; message?: string }
  /** Never answers (the client's own timeout must fire). */
  | { hang: true }
  /** Cuts the connection without an answer. */
  | { destroy: true }
  /** Carries the request out (a message is created), then cuts the connection: the answer is lost. */
  | { acceptThenDrop: true };

export interface RestOptions {
  world: World;
  limiter: RateLimiter;
  rateLimits: { createMessage: BucketRule; default: BucketRule };
  interactionDeadlineMs: number;
  gatewayUrl: () => string;
  identifies: () => number;
}

export interface Rest {
  handle(request: IncomingMessage, response: ServerResponse): void;
  failNext(matcher: RouteMatcher, failure: Failure): void;
}

const API_PREFIX = '/api/v10';

/** A RegExp as is; a string as a template where each `:name` segment matches one path segment. */
export function toRegExp(matcher: RouteMatcher): RegExp {
  if (matcher instanceof RegExp) return matcher;
  const pattern = matcher
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`);
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  response.writeHead(status, { ...headers, 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON bodies parse as JSON; multipart uploads (files) carry their JSON in the `payload_json` part. */
async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: RecordedFile[] } | 'invalid'> {
  if (raw.length === 0) return { body: undefined, files: [] };
  try {
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      const files: RecordedFile[] = [];
      let body: unknown;
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') {
          if (field === 'payload_json') body = JSON.parse(value);
        } else {
          files.push({ field, name: value.name, contentType: value.type, size: value.size, bytes: Buffer.from(await value.arrayBuffer()) });
        }
      }
      return { body, files };
    }
    return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  } catch {
    return 'invalid';
  }
}

function failureAnswer(failure: { status: number; code?: number; message?: string }): Answer {
  if (failure.code !== undefined) return { status: failure.status, body: { message: failure.message ?? ERROR_MESSAGES[failure.code] ?? `Error ${failure.code}`, code: failure.code } };
  const phrase = failure.status >= 500 ? 'Internal Server Error' : 'Error';
  return { status: failure.status, body: { message: failure.message ?? `${failure.status}: ${phrase}`, code: 0 } };
}

/** The resource a bucket is counted per: channel, guild, or webhook/interaction with its token. */
function majorParameter(params: Record<string, string>): string {
  if (params.channelId) return params.channelId;
  if (params.guildId) return params.guildId;
  if (params.token) return `${params.appId ?? params.interactionId ?? ''}/${params.token}`;
  return '';
}

function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | 'wrong-method' | null {
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchTemplate(route.template, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? 'wrong-method' : null;
}

export function createRest(options: RestOptions): Rest {
  const { world, limiter } = options;
  const failures: { matcher: RegExp; failure: Failure }[] = [];
  const changed = (): boolean => world.events.emit('change');

  function answer(call: RecordedCall, response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    call.status = status;
    send(response, status, body, headers);
    changed();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(request);
    const parsed = await parseBody(raw, String(request.headers['content-type'] ?? ''));
    const path = url.pathname.startsWith(`${API_PREFIX}/`)
      ? url.pathname.slice(API_PREFIX.length).split('/').map(decodeURIComponent).join('/')
      : url.pathname;
    const call: RecordedCall = {
      method,
      path,
      rawPath: request.url ?? '/',
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: parsed === 'invalid' ? raw.toString('utf8') : parsed.body,
      files: parsed === 'invalid' ? [] : parsed.files,
      status: null,
    };
    world.calls.push(call);
    changed();

    const signature = `${method} ${path}`;
    const failureIndex = failures.findIndex(({ matcher }) => matcher.test(signature));
    const [queued] = failureIndex === -1 ? [] : failures.splice(failureIndex, 1);
    const found = url.pathname.startsWith(`${API_PREFIX}/`) ? findRoute(method, path) : null;
    const routeKey = found && found !== 'wrong-method' ? `${method} ${found.route.template}` : signature;

    const dropAnswer = queued !== undefined && 'acceptThenDrop' in queued.failure;
    if (queued && !('acceptThenDrop' in queued.failure)) {
      const { failure } = queued;
      if ('hang' in failure) return;
      if ('destroy' in failure) return void request.socket.destroy();
      if (failure.status === 429 && 'retryAfter' in failure) {
        const global = failure.global === true;
        // Retry-After carries the exact (fractional) seconds so tests wait only as long as they ask.
        const headers = {
          'retry-after': String(failure.retryAfter),
          ...(global ? { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' } : { ...limiter.exhausted(routeKey, failure.retryAfter), 'x-ratelimit-scope': 'user' }),
        };
        return answer(call, response, 429, { message: 'You are being rate limited.', retry_after: failure.retryAfter, global }, headers);
      }
      const injected = failureAnswer(failure);
      return answer(call, response, injected.status, injected.body);
    }

    if (found === null) return answer(call, response, 404, { message: '404: Not Found', code: 0 });
    if (found === 'wrong-method') return answer(call, response, 405, { message: '405: Method Not Allowed', code: 0 });
    const { route, params } = found;
    if (route.auth && request.headers.authorization !== `Bot ${world.token}`) {
      return answer(call, response, 401, { message: '401: Unauthorized', code: 0 });
    }
    const decision = limiter.take(routeKey, majorParameter(params), options.rateLimits[route.bucket], route.auth);
    if (decision.retryAfter !== undefined) {
      const headers = { ...decision.headers, 'retry-after': decision.retryAfter.toFixed(3) };
      return answer(call, response, 429, { message: 'You are being rate limited.', retry_after: decision.retryAfter, global: decision.global === true }, headers);
    }
    if (parsed === 'invalid') return answer(call, response, 400, { message: ERROR_MESSAGES[50109], code: 50109 }, decision.headers);

    const context: RestContext = {
      world,
      params,
      query: call.query,
      body: call.body,
      files: call.files,
      gatewayUrl: options.gatewayUrl(),
      identifies: options.identifies(),
      interactionDeadlineMs: options.interactionDeadlineMs,
    };
    const result = route.handle(context);
    if (dropAnswer) return void request.socket.destroy();
    answer(call, response, result.status, result.body, decision.headers);
  }

  return {
    handle(request, response) {
      handle(request, response).catch((error: unknown) => {
        // A fault in the fake itself: answer so the test fails readably instead of hanging.
        if (!response.headersSent) send(response, 500, { message: `fake Discord error: ${String(error)}`, code: 0 });
      });
    },
    failNext(matcher, failure) {
      failures.push({ matcher: toRegExp(matcher), failure });
    },
  };
}
