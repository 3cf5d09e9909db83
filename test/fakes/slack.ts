import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFileStore, readRaw, uploadedBytes } from './slack/files.js';
import type { SharedFile } from './slack/files.js';
import { parseApiRequest, readBody } from './slack/request.js';
import { answerResponsePost, parseResponseBody } from './slack/response-urls.js';
import type { ResponsePost } from './slack/response-urls.js';
import { postSignedForm, slashCommand } from './slack/slash-commands.js';
import type { HttpAnswer, SignedRequestOptions, SlashCommandFields } from './slack/slash-commands.js';
import { createPostLimiter } from './slack/ratelimit.js';
import type { PostLimits } from './slack/ratelimit.js';
import { createSocketModeServer } from './slack/socket-mode.js';
import type { EnvelopeOptions } from './slack/socket-mode.js';
import { answerApiCall } from './slack/web-api.js';
import type { ApiState, PostedMessage } from './slack/web-api.js';
import { DEFAULT_CHANNELS, DEFAULT_INSTALLATION, DEFAULT_USERS } from './slack/workspace.js';
import type { FakeChannel, FakeUser, Installation } from './slack/workspace.js';

// A protocol-faithful Slack on 127.0.0.1 for driving the real @slack/bolt in tests: the Web API
// methods tokenbrief calls (with Slack's message limits and error codes), Socket Mode on the same port,
// response_url endpoints, and signed slash commands for Bolt's HTTP receiver. Everything it receives is
// recorded; a queue of misbehaviours (429s, 5xx, platform errors, hangs, garbage, cut connections)
// exercises the retry and error paths. Wire facts are those of the design notes on chat platforms
// (Slack section), checked against the installed Bolt 5.1 sources.

export type { FakeChannel, FakeUser, Installation } from './slack/workspace.js';
export { DEFAULT_CHANNELS, DEFAULT_INSTALLATION, DEFAULT_USERS } from './slack/workspace.js';
export type { PostedMessage } from './slack/web-api.js';
export type { SharedFile } from './slack/files.js';
export type { PostLimits, PostRule } from './slack/ratelimit.js';
export type { ResponsePost } from './slack/response-urls.js';
export type { EnvelopeOptions } from './slack/socket-mode.js';
export type { HttpAnswer, SignedRequestOptions, SlashCommandFields } from './slack/slash-commands.js';
export { LIMITS } from './slack/messages.js';

export interface RecordedCall {
  /** The Web API method, e.g. `chat.postMessage`. */
  method: string;
  /** Arguments as Slack reads them: form fields, with `blocks`/`attachments`/`metadata` JSON-parsed. */
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** Epoch milliseconds. */
  at: number;
}

/** One misbehaving answer, used up by the next matching request. */
export type Failure =
  /** An HTTP answer: `status` defaults to 200, `body` to Slack's JSON error for the status. */
  | { status?: number; retryAfter?: number; body?: string }
  /** A platform error, HTTP 200 like all of Slack's. */
  | { ok: false; error: string; [field: string]: unknown }
  /** Never answer (until close()). */
  | { hang: true }
  /** Cut the connection without an answer. */
  | { destroy: true }
  /** Carry the call out (a post is stored), then cut the connection: the answer is lost, as in a timeout after Slack accepted. */
  | { acceptThenDrop: true };

/** A Web API method, `'*'` for any Web API method, `'response_url'` for response_url posts, or `'upload'` for file bytes. */
export type FailureTarget = string;

export interface FakeSlackOptions {
  installation?: Partial<Installation>;
  users?: FakeUser[];
  channels?: FakeChannel[];
  /** chat.postMessage rate limits (see ./slack/ratelimit.ts); none unless given. */
  rateLimits?: PostLimits;
  /**
   * The most messages conversations.history returns per call: 1000 by default; 15 for apps not in the
   * Slack Marketplace (since 2025), which must page through a channel's history 15 at a time.
   */
  historyLimit?: number;
}

export interface FakeSlack {
  /** Base URL `http://127.0.0.1:P`; the Web API is at `{url}/api/{method}`. */
  url: string;
  /** `{url}/api/`, for `clientOptions.slackApiUrl`. */
  apiUrl: string;
  installation: Installation;
  /** Every Web API call received, in arrival order (refused and failed ones too). */
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Resolves with the calls to `method` once there are `count` of them (default 1, within 2000 ms). */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  /** chat.postMessage calls refused with a 429 by the rate limits. */
  rateLimited(): number;
  /** Messages the fake accepted, optionally for one channel id (with members' own, see `memberMessage`). */
  messages(channel?: string): PostedMessage[];
  /** A member (U0USER unless given) writes in a channel, as people in a busy channel do; `at` backdates it. Returns its `ts`. */
  memberMessage(channel: string, text: string, options?: { user?: string; at?: Date }): string;
  /** Files shared by `files.completeUploadExternal`, optionally in one channel id. */
  files(channel?: string): SharedFile[];
  /** Resolves once `count` files have been shared (within 2000 ms by default). */
  waitForFiles(count?: number, timeoutMs?: number): Promise<SharedFile[]>;
  /** Byte uploads to upload URLs, in arrival order, with the HTTP status each got. */
  uploads: Array<{ fileId: string; status: number; bytes: number }>;
  /** Queues a failure; a request uses its method's queue first, then `'*'`. */
  failNext(target: FailureTarget, failure: Failure): void;
  /** Cuts the connection of the next `count` response_url posts after reading them, answering nothing (a stale keep-alive connection). */
  dropNextReplies(count: number): void;
  /** Adds or replaces a user (by id). */
  setUser(user: FakeUser): void;
  /** Adds or replaces a channel (by id). */
  setChannel(channel: FakeChannel): void;

  /** Pushes a `slash_commands` envelope (defaults fill the payload); resolves with the ack's payload. */
  sendSlashCommand(fields?: Partial<SlashCommandFields>, options?: EnvelopeOptions): Promise<Record<string, unknown>>;
  sendEnvelope(type: string, payload: unknown, options?: EnvelopeOptions): Promise<Record<string, unknown>>;
  /** Sends `{"type":"disconnect"}` to every open Socket Mode connection. */
  disconnect(reason?: string): void;
  /** Socket Mode connections accepted so far (reconnects count). */
  socketConnections(): number;
  /** How many envelopes each accepted Socket Mode connection was sent, in the order they were accepted. */
  envelopesByConnection(): number[];
  /** Resolves once `count` Socket Mode connections have been accepted in total. */
  waitForSocketConnections(count: number, timeoutMs?: number): Promise<void>;

  /** A fresh `{url}/respond/{id}`. */
  newResponseUrl(): string;
  /** Posts to response URLs, optionally to one (by id or full URL). */
  responses(idOrUrl?: string): ResponsePost[];
  waitForResponses(idOrUrl?: string, count?: number, timeoutMs?: number): Promise<ResponsePost[]>;

  /** POSTs a signed slash command form to an app's request URL (Bolt's HTTP receiver). */
  signedSlashCommand(
    targetUrl: string,
    signingSecret: string,
    fields?: Partial<SlashCommandFields>,
    options?: SignedRequestOptions,
  ): Promise<HttpAnswer>;
  close(): Promise<void>;
}

// How long a wait gives up after: a wait ends as soon as what it waits for arrives, so this only has to
// outlast a loaded CI machine (the first chart drawn in a process takes seconds there), not be tight.
const WAIT_MS = 10_000;
const JSON_TYPE = 'application/json; charset=utf-8';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': JSON_TYPE });
  res.end(JSON.stringify(body));
}

const looksLikeJson = (text: string): boolean => parseResponseBody(text) !== text;

/** The HTTP status a failure answers with; 0 when it never answers. */
function failureStatus(failure: Failure): number {
  if ('hang' in failure || 'destroy' in failure || 'acceptThenDrop' in failure) return 0;
  return 'ok' in failure ? 200 : (failure.status ?? 200);
}

function play(failure: Failure, req: IncomingMessage, res: ServerResponse): void {
  if ('hang' in failure) return;
  if ('destroy' in failure || 'acceptThenDrop' in failure) return void req.socket.destroy();
  if ('ok' in failure) return sendJson(res, 200, failure);
  const status = failureStatus(failure);
  const body = failure.body ?? JSON.stringify({ ok: false, error: status === 429 ? 'ratelimited' : 'internal_error' });
  const headers: Record<string, string> = { 'content-type': looksLikeJson(body) ? JSON_TYPE : 'text/html; charset=utf-8' };
  if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
  res.writeHead(status, headers);
  res.end(body);
}

const responseId = (idOrUrl: string): string => idOrUrl.split('/respond/').at(-1) ?? idOrUrl;

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const installation: Installation = { ...DEFAULT_INSTALLATION, ...options.installation };
  const users = new Map((options.users ?? DEFAULT_USERS).map((user) => [user.id, user]));
  const channels = new Map((options.channels ?? DEFAULT_CHANNELS).map((channel) => [channel.id, channel]));
  const calls: RecordedCall[] = [];
  const posted: PostedMessage[] = [];
  const responsePosts: ResponsePost[] = [];
  const failures = new Map<FailureTarget, Failure[]>();
  const limiter = createPostLimiter(options.rateLimits ?? {});
  const watchers = new Set<{ check(): void; abort(): void }>();
  let tsSequence = 0;
  let responseSequence = 0;
  let closed = false;
  // Set once the server listens; nothing reads it before a request can arrive.
  let baseUrl = '';

  const notify = (): void => watchers.forEach((watcher) => watcher.check());
  const sockets = createSocketModeServer(() => baseUrl.replace(/^http/, 'ws'), installation.appId, notify);

  function until<T>(ready: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const now = ready();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const watcher = {
        check() {
          const value = ready();
          if (value === undefined) return;
          stop();
          resolve(value);
        },
        abort() {
          stop();
          reject(new Error(`fake Slack closed while waiting for ${describe()}`));
        },
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      const stop = (): void => {
        clearTimeout(timer);
        watchers.delete(watcher);
      };
      watchers.add(watcher);
    });
  }

  const takeFailure = (target: FailureTarget, orAny: boolean): Failure | undefined =>
    failures.get(target)?.shift() ?? (orAny ? failures.get('*')?.shift() : undefined);

  const files = createFileStore();
  const uploads: FakeSlack['uploads'] = [];
  const state: ApiState = {
    files,
    uploadUrl: (fileId) => `${baseUrl}/upload/v1/${fileId}`,
    installation,
    posted,
    users,
    channels,
    historyLimit: options.historyLimit ?? 1000,
    post(message, at = new Date()) {
      tsSequence += 1;
      const ts = `${Math.floor(at.getTime() / 1000)}.${String(tsSequence).padStart(6, '0')}`;
      posted.push({ ...message, ts });
      return ts;
    },
    openSocketUrl: () => sockets.issueUrl(),
  };

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const parsed = parseApiRequest(req, await readBody(req), query);
    calls.push({ method, args: 'args' in parsed ? parsed.args : {}, headers: req.headers, at: Date.now() });
    notify();
    const failure = takeFailure(method, true);
    if (failure && 'acceptThenDrop' in failure && !('malformed' in parsed)) answerApiCall(method, parsed.token, parsed.args, state);
    if (failure) return play(failure, req, res);
    if ('malformed' in parsed) return sendJson(res, 200, { ok: false, error: parsed.malformed });
    const retryAfter = method === 'chat.postMessage' ? limiter.take(String(parsed.args.channel)) : null;
    if (retryAfter !== null) return play({ status: 429, retryAfter }, req, res);
    sendJson(res, 200, answerApiCall(method, parsed.token, parsed.args, state));
    // What the call changed (a shared file) is there to wait for too.
    notify();
  }

  async function handleResponseUrl(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseResponseBody(await readBody(req));
    const failure = takeFailure('response_url', false);
    const earlierUses = responsePosts.filter((post) => post.id === id && post.status === 200).length;
    if (failure) {
      responsePosts.push({ id, body, headers: req.headers, status: failureStatus(failure), at: Date.now() });
      notify();
      return play(failure, req, res);
    }
    const answer = answerResponsePost(body, earlierUses);
    responsePosts.push({ id, body, headers: req.headers, status: answer.status, at: Date.now() });
    notify();
    sendJson(res, answer.status, answer.body);
  }

  /** The upload URL answers as Slack's does: 200 with a short text body, 404 for an unknown upload. */
  async function handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readRaw(req);
    const failure = takeFailure('upload', false);
    const upload = files.pending.get(fileId);
    const bytes = failure || !upload ? null : await uploadedBytes(req, raw);
    const status = failure ? failureStatus(failure) : !upload ? 404 : bytes === null ? 400 : 200;
    uploads.push({ fileId, status, bytes: bytes?.length ?? raw.length });
    notify();
    if (failure) return play(failure, req, res);
    if (upload && bytes) upload.bytes = bytes;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(status === 200 ? `OK - ${bytes?.length ?? 0}` : 'upload failed');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    const respond = /^\/respond\/([\w-]+)$/.exec(url.pathname);
    const upload = /^\/upload\/v1\/(F\w+)$/.exec(url.pathname);
    const route =
      api?.[1] !== undefined
        ? handleApi(api[1], req, res, url.searchParams)
        : upload?.[1] !== undefined && req.method === 'POST'
          ? handleUpload(upload[1], req, res)
        : respond?.[1] !== undefined && req.method === 'POST'
          ? handleResponseUrl(respond[1], req, res)
          : Promise.resolve(sendJson(res, 404, { ok: false, error: 'not_found' }));
    route.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fake_slack_error', detail: String(error) });
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => sockets.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  const newResponseUrl = (): string => {
    responseSequence += 1;
    return `${baseUrl}/respond/r${responseSequence}`;
  };
  const responses = (idOrUrl?: string): ResponsePost[] =>
    idOrUrl === undefined ? [...responsePosts] : responsePosts.filter((post) => post.id === responseId(idOrUrl));
  const callsTo = (method: string): RecordedCall[] => calls.filter((call) => call.method === method);

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    installation,
    calls,
    callsTo,
    waitFor: (method, count = 1, timeoutMs = WAIT_MS) =>
      until(
        () => (callsTo(method).length >= count ? callsTo(method) : undefined),
        timeoutMs,
        () => `${count} ${method} call(s) (saw ${callsTo(method).length})`,
      ),
    rateLimited: () => limiter.refused(),
    messages: (channel) => posted.filter((message) => channel === undefined || message.channel === channel),
    memberMessage: (channel, text, { user = 'U0USER', at } = {}) => state.post({ method: 'member', channel, author: user, args: { channel, text } }, at),
    files: (channel) => files.shared.filter((file) => channel === undefined || file.channel === channel),
    waitForFiles: (count = 1, timeoutMs = WAIT_MS) =>
      until(
        () => (files.shared.length >= count ? [...files.shared] : undefined),
        timeoutMs,
        () => `${count} shared file(s) (saw ${files.shared.length})`,
      ),
    uploads,
    failNext(target, failure) {
      failures.set(target, [...(failures.get(target) ?? []), failure]);
    },
    dropNextReplies(count) {
      const dropped: Failure[] = Array.from({ length: count }, () => ({ destroy: true }));
      failures.set('response_url', [...(failures.get('response_url') ?? []), ...dropped]);
    },
    setUser: (user) => void users.set(user.id, user),
    setChannel: (channel) => void channels.set(channel.id, channel),

    sendSlashCommand: (fields = {}, envelopeOptions) =>
      sockets.send('slash_commands', slashCommand(installation, fields.response_url ?? newResponseUrl(), fields), envelopeOptions),
    sendEnvelope: (type, payload, envelopeOptions) => sockets.send(type, payload, envelopeOptions),
    disconnect: (reason = 'refresh_requested') => sockets.disconnect(reason),
    socketConnections: () => sockets.connections(),
    envelopesByConnection: () => sockets.envelopesByConnection(),
    waitForSocketConnections: (count, timeoutMs = WAIT_MS) =>
      until(
        () => (sockets.connections() >= count ? true : undefined),
        timeoutMs,
        () => `${count} Socket Mode connection(s) (saw ${sockets.connections()})`,
      ).then(() => undefined),

    newResponseUrl,
    responses,
    waitForResponses: (idOrUrl, count = 1, timeoutMs = WAIT_MS) =>
      until(
        () => (responses(idOrUrl).length >= count ? responses(idOrUrl) : undefined),
        timeoutMs,
        () => `${count} response_url post(s)${idOrUrl ? ` to ${idOrUrl}` : ''} (saw ${responses(idOrUrl).length})`,
      ),

    signedSlashCommand: (targetUrl, signingSecret, fields = {}, requestOptions) =>
      postSignedForm(targetUrl, signingSecret, slashCommand(installation, fields.response_url ?? newResponseUrl(), fields), requestOptions),

    close: () =>
      new Promise<void>((resolve, reject) => {
        if (closed) return resolve();
        closed = true;
        sockets.close();
        [...watchers].forEach((watcher) => watcher.abort());
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests and keep-alive connections would hold close() open forever.
        server.closeAllConnections();
      }),
  };
}
