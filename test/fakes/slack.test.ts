import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { AppOptions, Logger } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LIMITS, startFakeSlack } from './slack.js';
import type { FakeSlack } from './slack.js';

// The fake stands in for Slack wherever the bot's Slack adapter is tested, so its protocol is proven
// here against the real @slack/bolt (Web API client, Socket Mode client, HTTP receiver) — no mocks.

const SIGNING_SECRET = 'fake-signing-secret';

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

let fake: FakeSlack;
// Apps started by a test, stopped before the fake closes so no client is left reconnecting.
let started: App[] = [];

beforeEach(async () => {
  fake = await startFakeSlack();
  started = [];
});

afterEach(async () => {
  await Promise.all(started.map((app) => app.stop()));
  await fake.close();
});

const clientOptions = (retryConfig: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number } = { retries: 0 }) => ({
  slackApiUrl: fake.apiUrl,
  retryConfig,
});

/** A Bolt app whose construction-time auth.test has been answered (an unanswered one rejects unhandled). */
async function boltApp(options: AppOptions = {}): Promise<App> {
  const seen = fake.callsTo('auth.test').length;
  const app = new App({
    token: fake.installation.botToken,
    signingSecret: SIGNING_SECRET,
    logger: quiet,
    clientOptions: clientOptions(),
    ...options,
  });
  await fake.waitFor('auth.test', seen + 1);
  return app;
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const platformError = (error: string) => ({ code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('Web API through the real Bolt client', () => {
  it('records chat.postMessage with its blocks parsed, the bearer token and the SDK form encoding', async () => {
    const app = await boltApp();
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: 'Weekly brief' } }, section('*MiniMax M2.5* is #1')];

    const metadata = { event_type: 'brief', event_payload: { week: '2026-W08' } };

    const result = await app.client.chat.postMessage({ channel: 'C0MARKET', text: 'Weekly brief', blocks, metadata });

    expect(result).toMatchObject({
      ok: true,
      channel: 'C0MARKET',
      ts: expect.stringMatching(/^\d+\.\d{6}$/),
      message: { text: 'Weekly brief', blocks, bot_id: 'B0BOT' },
    });
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C0MARKET', text: 'Weekly brief', blocks, metadata: { event_type: 'brief' } });
    expect(call?.headers).toMatchObject({ authorization: `Bearer ${fake.installation.botToken}`, 'content-type': 'application/x-www-form-urlencoded' });
    expect(fake.messages('C0MARKET')).toEqual([expect.objectContaining({ method: 'chat.postMessage', ts: result.ts })]);
  });

  it('answers auth.test with the installation Bolt caches as its bot identity', async () => {
    const app = await boltApp();
    expect(await app.client.auth.test()).toMatchObject({
      ok: true,
      team_id: 'T0TEAM',
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
      url: 'https://tokenbrief-test.slack.com/',
    });
  });

  it('refuses 51 blocks with invalid_blocks, which Bolt throws', async () => {
    const app = await boltApp();
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 'x', blocks })).rejects.toMatchObject({
      ...platformError('invalid_blocks'),
      data: { errors: ['no more than 50 items allowed [json-pointer:/blocks]'] },
    });
    expect(fake.messages()).toEqual([]);
  });

  it.each([
    ['an unknown channel', 'C0NOPE', 'channel_not_found'],
    ['a channel the bot is not in', 'C0OUTSIDE', 'not_in_channel'],
    ['an archived channel', 'C0ARCHIVED', 'is_archived'],
  ])('surfaces %s as error.data.error', async (_label, channel, error) => {
    const app = await boltApp();
    await expect(app.client.chat.postMessage({ channel, text: 'hi' })).rejects.toMatchObject(platformError(error));
  });

  it('accepts a channel by name and a user id (a DM)', async () => {
    const app = await boltApp();
    expect(await app.client.chat.postMessage({ channel: '#ai-market', text: 'hi' })).toMatchObject({ channel: 'C0MARKET' });
    expect(await app.client.chat.postMessage({ channel: 'U0ADMIN', text: 'hi' })).toMatchObject({ channel: 'D0ADMIN' });
  });

  const pad = (n: number) => 'x'.repeat(n);
  it.each([
    ['a section text over 3000', { blocks: [section(pad(3001))] }, 'invalid_blocks'],
    ['a section field over 2000', { blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text: pad(2001) }] }] }, 'invalid_blocks'],
    ['more than 10 section fields', { blocks: [{ type: 'section', fields: Array(11).fill({ type: 'mrkdwn', text: 'f' }) }] }, 'invalid_blocks'],
    ['a header over 150', { blocks: [{ type: 'header', text: { type: 'plain_text', text: pad(151) } }] }, 'invalid_blocks'],
    ['a mrkdwn header', { blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] }, 'invalid_blocks'],
    ['an unknown block type', { blocks: [{ type: 'input' }] }, 'invalid_blocks'],
    ['a section with neither text nor fields', { blocks: [{ type: 'section' }] }, 'invalid_blocks'],
    ['more than 12,000 characters of block text', { blocks: Array.from({ length: 5 }, () => section(pad(2500))) }, 'msg_blocks_too_long'],
    ['text over 40,000', { text: pad(40_001) }, 'msg_too_long'],
    ['neither text nor blocks', { text: '' }, 'no_text'],
  ])('refuses %s', async (_label, message, error) => {
    const app = await boltApp();
    // apiCall is what every typed method calls; it takes the deliberately invalid shapes without casts.
    await expect(app.client.apiCall('chat.postMessage', { channel: 'C0MARKET', text: 'fallback', ...message })).rejects.toMatchObject(
      platformError(error),
    );
  });

  it('accepts a message exactly at every limit', async () => {
    const app = await boltApp();
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(LIMITS.headerText) } },
      section('s'.repeat(LIMITS.sectionText)),
      { type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(LIMITS.sectionField) }] },
      ...Array.from({ length: 47 }, () => ({ type: 'divider' })),
    ];
    expect(blocks).toHaveLength(LIMITS.blocks);
    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 't'.repeat(LIMITS.messageText), blocks })).resolves.toMatchObject({ ok: true });
    const fullText = Array.from({ length: LIMITS.totalBlockText / LIMITS.sectionText }, () => section('s'.repeat(LIMITS.sectionText)));
    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 't', blocks: fullText })).resolves.toMatchObject({ ok: true });
  });

  it('posts ephemeral messages to channel members only', async () => {
    fake.setChannel({ id: 'C0SMALL', name: 'small', members: ['U0ADMIN'] });
    const app = await boltApp();
    await expect(app.client.chat.postEphemeral({ channel: 'C0SMALL', user: 'U0ADMIN', text: 'psst' })).resolves.toMatchObject({
      ok: true,
      message_ts: expect.any(String),
    });
    await expect(app.client.chat.postEphemeral({ channel: 'C0SMALL', user: 'U0USER', text: 'psst' })).rejects.toMatchObject(
      platformError('user_not_in_channel'),
    );
    await expect(app.client.chat.postEphemeral({ channel: 'C0SMALL', user: 'U0NOBODY', text: 'psst' })).rejects.toMatchObject(
      platformError('user_not_found'),
    );
  });

  it('serves users.info from the user table, with admin and owner flags', async () => {
    const app = await boltApp();
    expect(await app.client.users.info({ user: 'U0OWNER' })).toMatchObject({ user: { id: 'U0OWNER', is_admin: true, is_owner: true } });
    expect(await app.client.users.info({ user: 'U0USER' })).toMatchObject({ user: { is_admin: false, is_owner: false } });
    await expect(app.client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject(platformError('user_not_found'));
  });

  it('serves conversations.info, archived channels included', async () => {
    const app = await boltApp();
    expect(await app.client.conversations.info({ channel: 'C0ARCHIVED' })).toMatchObject({ channel: { name: 'old-news', is_archived: true } });
    expect(await app.client.conversations.info({ channel: 'C0OUTSIDE' })).toMatchObject({ channel: { is_member: false } });
    await expect(app.client.conversations.info({ channel: 'C0NOPE' })).rejects.toMatchObject(platformError('channel_not_found'));
  });

  it('pages conversations.history newest first with next_cursor and has_more, between oldest and latest (exclusive unless inclusive)', async () => {
    const app = await boltApp();
    const hourAgo = new Date(Date.now() - 3_600_000);
    const old = fake.memberMessage('C0MARKET', 'an hour ago', { at: hourAgo });
    const ts = [1, 2, 3, 4, 5].map((i) => fake.memberMessage('C0MARKET', `message ${i}`));
    const first = await app.client.conversations.history({ channel: 'C0MARKET', limit: 2, oldest: old });
    expect(first.messages?.map((m) => m.text)).toEqual(['message 5', 'message 4']);
    expect(first.messages?.[0]).toMatchObject({ user: 'U0USER', ts: ts[4] });
    expect(first.messages?.[0]).not.toHaveProperty('bot_id');
    expect(first).toMatchObject({ has_more: true, response_metadata: { next_cursor: expect.any(String) } });
    const cursor = first.response_metadata?.next_cursor ?? '';
    expect(Buffer.from(cursor, 'base64').toString()).toBe(`next_ts:${ts[2]?.replace('.', '')}`);
    const rest = await app.client.conversations.history({ channel: 'C0MARKET', limit: 2, oldest: old, cursor });
    const last = await app.client.conversations.history({ channel: 'C0MARKET', limit: 2, oldest: old, cursor: rest.response_metadata?.next_cursor ?? '' });
    expect([...(rest.messages ?? []), ...(last.messages ?? [])].map((m) => m.text)).toEqual(['message 3', 'message 2', 'message 1']);
    expect(last).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } });

    const inclusive = await app.client.conversations.history({ channel: 'C0MARKET', oldest: old, latest: ts[1], inclusive: true });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(['message 2', 'message 1', 'an hour ago']);
    await expect(app.client.conversations.history({ channel: 'C0MARKET', cursor: 'bm9wZQ==' })).rejects.toMatchObject(platformError('invalid_cursor'));
  });

  it('returns at most historyLimit messages a page, as Slack does for apps outside the Marketplace (15)', async () => {
    await fake.close();
    fake = await startFakeSlack({ historyLimit: 15 });
    const app = await boltApp();
    for (let i = 0; i < 20; i += 1) fake.memberMessage('C0MARKET', `message ${i}`);
    const page = await app.client.conversations.history({ channel: 'C0MARKET', limit: 100 });
    expect(page.messages).toHaveLength(15);
    expect(page.has_more).toBe(true);
  });

  it('checks tokens: unknown → invalid_auth, none → not_authed, the wrong kind → not_allowed_token_type', async () => {
    const app = await boltApp();
    await expect(app.client.auth.test({ token: 'xoxb-stolen' })).rejects.toMatchObject(platformError('invalid_auth'));
    await expect(app.client.apps.connections.open({})).rejects.toMatchObject(platformError('not_allowed_token_type'));
    await expect(app.client.auth.test({ token: fake.installation.appToken })).rejects.toMatchObject(platformError('not_allowed_token_type'));
    const anonymous = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST' });
    expect([anonymous.status, await anonymous.json()]).toEqual([200, { ok: false, error: 'not_authed' }]);
  });

  it('accepts a JSON body too, and answers unknown_method', async () => {
    const headers = { authorization: `Bearer ${fake.installation.botToken}`, 'content-type': 'application/json; charset=utf-8' };
    const post = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers, body: JSON.stringify({ channel: 'C0GENERAL', blocks: [section('hi')] }) });
    expect(await post.json()).toMatchObject({ ok: true, channel: 'C0GENERAL' });
    expect(fake.callsTo('chat.postMessage')[0]?.args).toEqual({ channel: 'C0GENERAL', blocks: [section('hi')] });
    const unknown = await fetch(`${fake.apiUrl}chat.nope`, { method: 'POST', headers, body: '{}' });
    expect(await unknown.json()).toEqual({ ok: false, error: 'unknown_method', req_method: 'chat.nope' });
  });
});

describe('misbehaviour queue', () => {
  it('a 429 with Retry-After 1 is retried by the client: one post succeeds, two calls recorded', async () => {
    const app = await boltApp({ clientOptions: clientOptions({ retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 }) });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 'hi' })).resolves.toMatchObject({ ok: true });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.messages()).toHaveLength(1);
  });

  it('rate limits: a post over a channel\'s or the workspace\'s bucket gets 429 ratelimited with Retry-After; the buckets refill', async () => {
    const limited = await startFakeSlack({ rateLimits: { channel: { limit: 1, windowMs: 1000 }, workspace: { limit: 2, windowMs: 2000 } } });
    limited.setChannel({ id: 'C0THIRD', name: 'third' });
    try {
      const post = (channel: string) =>
        fetch(`${limited.apiUrl}chat.postMessage`, {
          method: 'POST',
          headers: { authorization: `Bearer ${limited.installation.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ channel, text: 'hi' }),
        });
      expect((await post('C0MARKET')).status).toBe(200);
      const again = await post('C0MARKET');
      expect([again.status, again.headers.get('retry-after'), await again.json()]).toEqual([429, '1', { ok: false, error: 'ratelimited' }]);
      expect((await post('C0GENERAL')).status).toBe(200);
      expect((await post('C0THIRD')).status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await post('C0THIRD')).status).toBe(200);
      expect([limited.rateLimited(), limited.messages().length]).toEqual([2, 3]);
    } finally {
      await limited.close();
    }
  });

  it('a 500 is an HTTP error to the client', async () => {
    const app = await boltApp();
    fake.failNext('chat.postMessage', { status: 500 });
    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 'hi' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 500,
    });
  });

  it("queued platform errors and '*' apply once, in order, then the fake answers normally", async () => {
    const app = await boltApp();
    fake.failNext('*', { ok: false, error: 'ratelimited' });
    fake.failNext('users.info', { ok: false, error: 'channel_not_found' });

    await expect(app.client.users.info({ user: 'U0USER' })).rejects.toMatchObject(platformError('channel_not_found'));
    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 'hi' })).rejects.toMatchObject(platformError('ratelimited'));
    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it('a body that is not JSON reaches the client as a failed call', async () => {
    const app = await boltApp();
    fake.failNext('chat.postMessage', { body: 'not json' });
    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 'hi' })).rejects.toMatchObject(platformError('not json'));
  });

  it('a hung or cut request fails on the client side, and close() still returns', async () => {
    const app = await boltApp({ clientOptions: { ...clientOptions(), timeout: 100 } });
    fake.failNext('chat.postMessage', { hang: true });
    fake.failNext('chat.postMessage', { destroy: true });
    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 'hi' })).rejects.toMatchObject({ code: 'slack_webapi_request_error' });
    await expect(app.client.chat.postMessage({ channel: 'C0MARKET', text: 'hi' })).rejects.toMatchObject({ code: 'slack_webapi_request_error' });

    fake.failNext('users.info', { hang: true });
    const hanging = fetch(`${fake.apiUrl}users.info`, { method: 'POST' }).catch((error: unknown) => error);
    await fake.waitFor('users.info');
    await fake.close();
    expect(await hanging).toBeInstanceOf(Error);
  });

  it('waitFor says what it was waiting for when it times out', async () => {
    await expect(fake.waitFor('chat.postMessage', 2, 20)).rejects.toThrow('timed out after 20 ms waiting for 2 chat.postMessage call(s) (saw 0)');
  });
});

describe('Socket Mode with the real Bolt App', () => {
  const socketApp = async (options: AppOptions = {}): Promise<App> =>
    boltApp({ appToken: fake.installation.appToken, socketMode: true, signingSecret: undefined, ...options });

  it('opens the connection with the app token and round-trips a slash command ack', async () => {
    const app = await socketApp();
    const seen: Array<{ text: string; botUserId: string | undefined }> = [];
    app.command('/price', async ({ ack, command, context }) => {
      seen.push({ text: command.text, botUserId: context.botUserId });
      await ack({ text: 'hi' });
    });
    await app.start();
    started.push(app);

    expect(fake.callsTo('apps.connections.open')[0]?.headers.authorization).toBe(`Bearer ${fake.installation.appToken}`);
    expect(await fake.sendSlashCommand({ command: '/price', text: 'kimi' })).toEqual({ text: 'hi' });
    expect(seen).toEqual([{ text: 'kimi', botUserId: 'U0BOT' }]);
  });

  it('records what respond() posts to the response_url', async () => {
    const app = await socketApp();
    app.command('/price', async ({ ack, respond }) => {
      await ack();
      await respond({ response_type: 'ephemeral', text: 'later' });
    });
    await app.start();
    started.push(app);
    const responseUrl = fake.newResponseUrl();

    expect(await fake.sendSlashCommand({ response_url: responseUrl })).toEqual({});
    const [post] = await fake.waitForResponses(responseUrl);
    expect(post).toMatchObject({ status: 200, body: { response_type: 'ephemeral', text: 'later' } });
  });

  it('reconnects after a disconnect message and keeps serving commands', async () => {
    // Bolt's App has no ping-timeout option; the receiver does, and the reconnect delay follows it.
    const receiver = new SocketModeReceiver({
      appToken: fake.installation.appToken,
      logger: quiet,
      clientPingTimeout: 300,
      installerOptions: { clientOptions: clientOptions() },
    });
    const app = await boltApp({ receiver, socketMode: true, signingSecret: undefined });
    app.command('/price', async ({ ack }) => ack({ text: 'still here' }));
    await app.start();
    started.push(app);

    fake.disconnect();
    await fake.waitForSocketConnections(2, 5000);
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    expect(await fake.sendSlashCommand()).toEqual({ text: 'still here' });
  });
});

describe('Socket Mode wire protocol', () => {
  async function openSocket(): Promise<{ ws: WebSocket; url: string; messages: unknown[] }> {
    const answer = await fetch(`${fake.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.installation.appToken}` },
    });
    const { url } = (await answer.json()) as { url: string };
    const ws = new WebSocket(url);
    const messages: unknown[] = [];
    ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8'))));
    await new Promise<void>((resolve) => ws.once('message', () => resolve()));
    return { ws, url, messages };
  }

  it('greets with hello, takes each URL once, and answers unacked envelopes with a timeout', async () => {
    const { ws, url, messages } = await openSocket();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket\?ticket=/);
    expect(messages[0]).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } });

    const reused = new WebSocket(url);
    await expect(new Promise((_resolve, reject) => reused.once('error', reject))).rejects.toThrow('Unexpected server response: 401');

    await expect(fake.sendEnvelope('events_api', { event: { type: 'app_mention' } }, { ackTimeoutMs: 20 })).rejects.toThrow(/no ack for events_api/);
    expect(messages[1]).toMatchObject({ type: 'events_api', accepts_response_payload: false, retry_attempt: 0, payload: { event: { type: 'app_mention' } } });
    ws.close();
  });

  it('resolves with the payload of the matching ack and sends disconnect with its reason', async () => {
    const { ws, messages } = await openSocket();
    ws.on('message', (data: Buffer) => {
      const envelope = JSON.parse(data.toString('utf8')) as { envelope_id?: string };
      if (envelope.envelope_id) ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'ack' } }));
    });

    expect(await fake.sendSlashCommand({ text: 'glm' })).toEqual({ text: 'ack' });
    expect(messages[1]).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/price', text: 'glm', team_id: 'T0TEAM', response_url: expect.stringContaining('/respond/') },
    });

    const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
    fake.disconnect();
    await expect.poll(() => messages.length).toBe(3);
    expect(messages[2]).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
    await fake.close();
    expect(await closed).toBe(1000);
  });

  it('refuses to send when no client is connected', async () => {
    await expect(fake.sendSlashCommand()).rejects.toThrow('no Socket Mode client is connected');
  });
});

describe('HTTP mode with the real Bolt receiver', () => {
  async function httpApp(): Promise<{ app: App; url: string; handled: string[] }> {
    const app = await boltApp();
    const handled: string[] = [];
    app.command('/price', async ({ ack, command, respond }) => {
      handled.push(command.text);
      await ack({ response_type: 'ephemeral', text: `price of ${command.text}` });
      await respond({ text: 'follow-up' });
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    started.push(app);
    return { app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, handled };
  }

  it('a signed slash command gets the ack body as the HTTP answer, and respond() reaches the fake', async () => {
    const { url, handled } = await httpApp();
    const responseUrl = fake.newResponseUrl();

    const answer = await fake.signedSlashCommand(url, SIGNING_SECRET, { text: 'minimax', response_url: responseUrl });

    expect(answer).toEqual({ status: 200, body: { response_type: 'ephemeral', text: 'price of minimax' } });
    expect(handled).toEqual(['minimax']);
    expect((await fake.waitForResponses(responseUrl)).map((post) => post.body)).toEqual([{ text: 'follow-up' }]);
  });

  it.each([
    ['a bad signature', { badSignature: true }],
    ['a timestamp over 5 minutes old', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ])('%s gets 401 and the handler never runs', async (_label, options) => {
    const { url, handled } = await httpApp();
    expect((await fake.signedSlashCommand(url, SIGNING_SECRET, { text: 'x' }, options)).status).toBe(401);
    expect(handled).toEqual([]);
  });
});

describe('response_url', () => {
  it('takes 5 posts, then refuses; message limits apply', async () => {
    const url = fake.newResponseUrl();
    const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post({ blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).status).toBe(400);
    for (let i = 0; i < 5; i += 1) expect((await post({ text: `#${i}` })).status).toBe(200);
    const sixth = await post({ text: 'again' });
    expect([sixth.status, await sixth.json()]).toEqual([404, { ok: false, error: 'used_url' }]);
    expect(fake.responses(url).map((r) => r.status)).toEqual([400, 200, 200, 200, 200, 200, 404]);
  });

  it('plays queued failures for response_url posts', async () => {
    const url = fake.newResponseUrl();
    fake.failNext('response_url', { status: 500 });
    expect((await fetch(url, { method: 'POST', body: '{"text":"x"}' })).status).toBe(500);
    expect(fake.responses()).toMatchObject([{ id: url.split('/').at(-1), status: 500, body: { text: 'x' } }]);
  });
});
