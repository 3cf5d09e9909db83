import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/adapters/slack/logger.js';
import type { Pacer } from '../../../src/adapters/slack/pacer.js';
import { createSlackPoster, slackPoster } from '../../../src/adapters/slack/post-brief.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/ports/logger.js';
import { DeliveryError } from '../../../src/core/ports/poster.js';
import type { Brief } from '../../../src/core/types.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { brief } from '../../render/fixtures.js';
import { bigBrief, HOSTILE_NAME } from './briefs.js';
import { blockTexts } from './harness.js';

// The Slack poster with the real Web API client against the fake Slack, which refuses what real Slack
// refuses (too many blocks, long sections, too much block text) with Slack's error codes.

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(() => fake.close());

const noPause: Pacer = { wait: async () => {} };

function client(options: webApi.WebClientOptions = {}, token = fake.installation.botToken): webApi.WebClient {
  const logger = boltLogger(pino({ level: 'silent' }));
  return new webApi.WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, timeout: 2000, logger, ...options });
}

const at = (channel: string): ChannelRef => ({ platform: 'slack', workspace: 'T0TEAM', channel });

/** Posts through a poster on `client` and `pacer`, the way the app and a scheduler do. */
const postBrief = (c: webApi.WebClient, channel: string, b: Brief, pacer: Pacer) => slackPoster(c, pacer).post(at(channel), b);

/** The DeliveryError a post fails with. */
async function failure(post: Promise<unknown>): Promise<DeliveryError> {
  const error = await post.then(
    () => new Error('the post succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof DeliveryError)) throw error;
  return error;
}

describe('the Slack poster', () => {
  it('posts the brief as one Block Kit message with a text fallback, and no link previews', async () => {
    const posted = await postBrief(client(), 'C0MARKET', brief(), noPause);
    const [message, ...others] = fake.messages('C0MARKET');
    expect(others).toEqual([]);
    expect(posted).toEqual({ messageIds: [message?.ts] });
    expect(message?.args).toMatchObject({
      text: 'Week 2026-W07: Chinese models passed US models: 4.12T vs 2.94T tokens',
      // Form-encoded, as the SDK sends them.
      unfurl_links: 'false',
      unfurl_media: 'false',
    });
    expect(blockTexts(message?.args.blocks).at(-1)).toBe('Source: OpenRouter (openrouter.ai/rankings), as of 2026-02-16T02:00:00Z.');
  });

  it('a brief with 60 models and 2000-character names posts without invalid_blocks, the rest in the thread', async () => {
    const huge = bigBrief(60, (i) => `${i} ${'&'.repeat(2000)}`);
    const posted = await postBrief(client(), 'C0MARKET', huge, noPause);
    const messages = fake.messages('C0MARKET');
    // The fake accepted every call: a refused one (invalid_blocks, msg_blocks_too_long) is not stored.
    expect(fake.callsTo('chat.postMessage')).toHaveLength(messages.length);
    expect(messages.length).toBeGreaterThan(1);
    expect(posted.messageIds).toEqual(messages.map((m) => m.ts));
    for (const reply of messages.slice(1)) expect(reply.args.thread_ts).toBe(posted.messageIds[0]);
  });

  it('2000-character names of plain letters fit one message', async () => {
    await postBrief(client(), 'C0MARKET', bigBrief(60, (i) => `Model ${i} ${'x'.repeat(2000)}`), noPause);
    expect(fake.messages('C0MARKET')).toHaveLength(1);
  });

  it(`a model named ${HOSTILE_NAME} arrives inert: no mention, no link`, async () => {
    await postBrief(client(), 'C0MARKET', bigBrief(12, (i) => `${HOSTILE_NAME} ${i}`), noPause);
    const [message] = fake.messages('C0MARKET');
    const all = [String(message?.args.text), ...blockTexts(message?.args.blocks)].join('\n');
    expect(all).toContain('&lt;!channel&gt; @everyone &lt;https:\u200b//x|y&gt;');
    expect(all).not.toMatch(/[<>]/);
  });

  it('a 429 is retried after its Retry-After, then succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const posted = await postBrief(client({ retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 10 } }), 'C0MARKET', brief(), noPause);
    const [limited, retried] = fake.callsTo('chat.postMessage');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    // Retry-After is 1 s: the client must not come back sooner.
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(fake.messages('C0MARKET').map((m) => m.ts)).toEqual(posted.messageIds);
  });

  it.each([
    ['channel_not_found', 'C0NOPE'],
    ['not_in_channel', 'C0OUTSIDE'],
    ['is_archived', 'C0ARCHIVED'],
  ])('%s is a permanent DeliveryError', async (code, channel) => {
    const error = await failure(postBrief(client(), channel, brief(), noPause));
    expect(error).toMatchObject({ name: 'DeliveryError', code: 'delivery_failed', channel: at(channel), reason: code, permanent: true, posted: [] });
    expect(error.message).toBe(`Slack refused the post: ${code}`);
  });

  it('a revoked token is permanent too', async () => {
    const error = await failure(postBrief(client({}, 'xoxb-revoked'), 'C0MARKET', brief(), noPause));
    expect(error).toMatchObject({ reason: 'invalid_auth', permanent: true });
  });

  it.each([
    ['5xx until the retries run out', { status: 503 }, 'http_503'],
    ['a 429 without Retry-After', { status: 429 }, 'ratelimited'],
    ['platform error ratelimited', { ok: false as const, error: 'ratelimited' }, 'ratelimited'],
    ['a request that hangs past the timeout', { hang: true as const }, 'request_failed'],
  ])('%s is a transient DeliveryError', async (_label, failureMode, code) => {
    for (let i = 0; i < 2; i += 1) fake.failNext('chat.postMessage', failureMode);
    const error = await failure(postBrief(client({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 10 }, timeout: 200 }), 'C0MARKET', brief(), noPause));
    expect(error).toMatchObject({ reason: code, permanent: false });
  });

  it('a failure half way through a split brief reports what was already posted', async () => {
    let waits = 0;
    const failSecond: Pacer = {
      wait: async () => {
        waits += 1;
        if (waits === 2) fake.failNext('chat.postMessage', { ok: false, error: 'is_archived' });
      },
    };
    const huge = bigBrief(60, (i) => `${i} ${'&'.repeat(2000)}`);
    const error = await failure(postBrief(client(), 'C0MARKET', huge, failSecond));
    expect(error).toMatchObject({ reason: 'is_archived', permanent: true, posted: fake.messages('C0MARKET').map((m) => m.ts) });
    expect(error.posted).toHaveLength(1);
  });

  it('paces the messages of a split brief through the pacer, one wait per message', async () => {
    const waited: string[] = [];
    const counting: Pacer = { wait: async (channel) => void waited.push(channel) };
    await postBrief(client(), 'C0MARKET', bigBrief(60, (i) => `${i} ${'&'.repeat(2000)}`), counting);
    expect(waited).toEqual(fake.messages('C0MARKET').map(() => 'C0MARKET'));
  });

  it('a poster of its own opens no Socket Mode connection: it only calls the Web API', async () => {
    const poster = createSlackPoster({ botToken: fake.installation.botToken, apiUrl: fake.apiUrl, logger: silentLogger, clientOptions: { retryConfig: { retries: 0 } } });
    const { messageIds } = await poster.post(at('C0MARKET'), brief());
    expect(fake.messages('C0MARKET').map((m) => m.ts)).toEqual(messageIds);
    expect(fake.callsTo('apps.connections.open')).toEqual([]);
    // One poster, many channels: the next post needs nothing new.
    await expect(poster.post(at('C0NOPE'), brief())).rejects.toMatchObject({ reason: 'channel_not_found', channel: at('C0NOPE') });
  });
});
