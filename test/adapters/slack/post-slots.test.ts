import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/adapters/slack/logger.js';
import type { Pacer } from '../../../src/adapters/slack/pacer.js';
import { DELIVERY_EVENT, slackPoster } from '../../../src/adapters/slack/post-brief.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { BriefPoster } from '../../../src/core/ports/poster.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { brief, SIGNALS, MODEL_NAMES } from '../../render/fixtures.js';
import { bigBrief } from './briefs.js';
import { blockTexts } from './harness.js';

// Exactly-once support on Slack, through the real Web API client against the fake Slack: a slot's
// messages carry their slot in message metadata, findPosted reads it back from the channel's
// history, a post whose answer was lost is not sent twice, notices and DMs.

let fake: FakeSlack;
/** When the test began: no message of its slots is older. */
let since: Date;
beforeEach(async () => {
  fake = await startFakeSlack();
  since = new Date();
});
afterEach(() => fake.close());

const noPause: Pacer = { wait: async () => {} };
const at = (channel: string): ChannelRef => ({ platform: 'slack', workspace: 'T0TEAM', channel });

function client(options: webApi.WebClientOptions = {}): webApi.WebClient {
  const logger = boltLogger(pino({ level: 'silent' }));
  return new webApi.WebClient(fake.installation.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, timeout: 2000, logger, ...options });
}

/** A poster whose slot client never retries on its own, as in production. */
const poster = (): BriefPoster => slackPoster(client(), noPause, { once: client(), retryBaseMs: 1 });

describe('slot metadata and findPosted', () => {
  it('every message of a slot carries the slot in its metadata, the thread replies too', async () => {
    const { messageIds } = await poster().post(at('C0MARKET'), bigBrief(60, (i) => `${i} ${'&'.repeat(2000)}`), { slot: '2026-03-09' });
    const messages = fake.messages('C0MARKET');
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach((message, part) => expect(message.args.metadata).toEqual({ event_type: DELIVERY_EVENT, event_payload: { slot: '2026-03-09', part } }));
    expect(await poster().findPosted(at('C0MARKET'), '2026-03-09', since)).toEqual(messageIds);
  });

  it('findPosted reads history with include_all_metadata, and is null for a slot never posted', async () => {
    await poster().post(at('C0MARKET'), brief(), { slot: '2026-03-02' });
    await poster().post(at('C0MARKET'), brief());
    expect(await poster().findPosted(at('C0MARKET'), '2026-03-09', since)).toBeNull();
    const [call] = fake.callsTo('conversations.history');
    expect(call?.args).toMatchObject({ channel: 'C0MARKET', include_all_metadata: 'true' });
    expect(await poster().findPosted(at('C0MARKET'), '2026-03-02', since)).toEqual([fake.messages('C0MARKET')[0]?.ts]);
  });

  it('pages back with next_cursor past a busy channel: 150 members wrote after the brief', async () => {
    const { messageIds } = await poster().post(at('C0MARKET'), brief(), { slot: '2026-03-09' });
    for (let i = 0; i < 150; i += 1) fake.memberMessage('C0MARKET', `message ${i}`);
    expect(await poster().findPosted(at('C0MARKET'), '2026-03-09', since)).toEqual(messageIds);
    const [first, second, ...more] = fake.callsTo('conversations.history').map((call) => call.args);
    // From five minutes before `since` (clock skew), newest first; the second page by the first's cursor.
    expect(first).toMatchObject({ channel: 'C0MARKET', oldest: ((since.getTime() - 300_000) / 1000).toFixed(6), limit: '100' });
    expect(first?.cursor).toBeUndefined();
    expect(second).toMatchObject({ oldest: first?.oldest, cursor: expect.any(String) });
    expect(more).toEqual([]);
  });

  it('at the 15 messages a page of apps outside the Slack Marketplace, it pages until the brief', async () => {
    await fake.close();
    fake = await startFakeSlack({ historyLimit: 15 });
    const { messageIds } = await poster().post(at('C0MARKET'), bigBrief(60, (i) => `${i} ${'&'.repeat(2000)}`), { slot: '2026-03-09' });
    for (let i = 0; i < 40; i += 1) fake.memberMessage('C0MARKET', `message ${i}`);
    expect(await poster().findPosted(at('C0MARKET'), '2026-03-09', since)).toEqual(messageIds);
    // 40 messages, then the brief's first one on the third page; the rest of it from its thread.
    expect(fake.callsTo('conversations.history')).toHaveLength(3);
    expect(fake.callsTo('conversations.replies')).toHaveLength(1);
  });

  it('reads no further back than `since`: older history is not paged through', async () => {
    const hourAgo = new Date(since.getTime() - 3_600_000);
    for (let i = 0; i < 250; i += 1) fake.memberMessage('C0MARKET', `old ${i}`, { at: hourAgo });
    for (let i = 0; i < 20; i += 1) fake.memberMessage('C0MARKET', `new ${i}`);
    expect(await poster().findPosted(at('C0MARKET'), '2026-03-09', since)).toBeNull();
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
  });

  it('gives up after ten pages in a channel busier than that since the slot', async () => {
    await fake.close();
    fake = await startFakeSlack({ historyLimit: 15 });
    for (let i = 0; i < 200; i += 1) fake.memberMessage('C0MARKET', `message ${i}`);
    expect(await poster().findPosted(at('C0MARKET'), '2026-03-09', since)).toBeNull();
    expect(fake.callsTo('conversations.history')).toHaveLength(10);
  });

  it('a post without a slot carries no metadata', async () => {
    await poster().post(at('C0MARKET'), brief());
    expect(fake.messages('C0MARKET')[0]?.args.metadata).toBeUndefined();
  });

  it('findPosted in a channel the bot left is a permanent DeliveryError', async () => {
    await expect(poster().findPosted(at('C0OUTSIDE'), '2026-03-09', since)).rejects.toMatchObject({ reason: 'not_in_channel', permanent: true });
  });
});

describe('a slot post whose answer was lost', () => {
  it('is found in the channel instead of being posted again', async () => {
    fake.failNext('chat.postMessage', { acceptThenDrop: true });
    const { messageIds } = await poster().post(at('C0MARKET'), brief(), { slot: '2026-03-09' });
    expect(fake.messages('C0MARKET')).toHaveLength(1);
    expect(messageIds).toEqual([fake.messages('C0MARKET')[0]?.ts]);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
  });

  it('is sent again when the channel does not have it (the request never reached Slack)', async () => {
    fake.failNext('chat.postMessage', { destroy: true });
    await poster().post(at('C0MARKET'), brief(), { slot: '2026-03-09' });
    expect(fake.messages('C0MARKET')).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('a lost thread reply is looked for in the thread', async () => {
    const huge = bigBrief(60, (i) => `${i} ${'&'.repeat(2000)}`);
    let posts = 0;
    const dropSecond: Pacer = {
      wait: async () => {
        posts += 1;
        if (posts === 2) fake.failNext('chat.postMessage', { acceptThenDrop: true });
      },
    };
    const { messageIds } = await slackPoster(client(), dropSecond, { once: client(), retryBaseMs: 1 }).post(at('C0MARKET'), huge, { slot: 's1' });
    expect(fake.messages('C0MARKET').map((m) => m.ts)).toEqual(messageIds);
    expect(fake.callsTo('conversations.replies').length).toBeGreaterThan(0);
  });

  it('a 500 from a client with its own retries would post twice; the slot client does not retry by itself', async () => {
    // The default slot client is a copy of the app's client without retries.
    const retrying = client({ retryConfig: { retries: 2, minTimeout: 1, maxTimeout: 1 } });
    fake.failNext('chat.postMessage', { acceptThenDrop: true });
    await slackPoster(retrying, noPause, { retryBaseMs: 1 }).post(at('C0MARKET'), brief(), { slot: 'x' });
    expect(fake.messages('C0MARKET')).toHaveLength(1);
  });

  it('a 429 is retried after its Retry-After without looking (nothing was posted)', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    await poster().post(at('C0MARKET'), brief(), { slot: '2026-03-09' });
    expect(fake.messages('C0MARKET')).toHaveLength(1);
    expect(fake.callsTo('conversations.history')).toHaveLength(0);
  });

  it('a permanent refusal is not retried', async () => {
    await expect(poster().post(at('C0ARCHIVED'), brief(), { slot: 's' })).rejects.toMatchObject({ reason: 'is_archived', permanent: true });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('a slot post stopped by its signal (its claim\'s window closed)', () => {
  it('sends no further message once stopped: a transient failure carrying what went out', async () => {
    const huge = bigBrief(60, (i) => `${i} ${'&'.repeat(2000)}`);
    const window = new AbortController();
    let waits = 0;
    // The window closes while the second message waits for its turn.
    const closeOnSecond: Pacer = {
      wait: async () => {
        waits += 1;
        if (waits === 2) window.abort();
      },
    };
    const failure: unknown = await slackPoster(client(), closeOnSecond, { once: client(), retryBaseMs: 1 })
      .post(at('C0MARKET'), huge, { slot: 's1', signal: window.signal })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ reason: 'stopped', permanent: false, posted: [fake.messages('C0MARKET')[0]?.ts] });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('does not retry a failed message once stopped', async () => {
    const window = new AbortController();
    fake.failNext('chat.postMessage', { destroy: true });
    const stopAtRetry: Pacer = { wait: async () => (fake.callsTo('chat.postMessage').length > 0 ? window.abort() : undefined) };
    await expect(slackPoster(client(), stopAtRetry, { once: client(), retryBaseMs: 1 }).post(at('C0MARKET'), brief(), { slot: 's1', signal: window.signal })).rejects.toMatchObject({
      permanent: false,
    });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.messages('C0MARKET')).toHaveLength(0);
  });
});

describe('delivery lines, notices and DMs', () => {
  it('a delayed brief on old data says so under its header', async () => {
    await poster().post(at('C0MARKET'), brief(), { slot: 's', delayed: true, dataAsOf: '2026-02-16T02:00:00Z' });
    const texts = blockTexts(fake.messages('C0MARKET')[0]?.args.blocks);
    expect(texts[1]).toContain('*Delayed:*');
    expect(texts[2]).toContain('Data as of 2026-02-16T02:00:00Z');
  });

  it('posts notices from the templates, escaped, with the slot in metadata', async () => {
    const p = poster();
    await p.postNotice(at('C0MARKET'), { kind: 'no_new_week', week: '2026-W07', asOf: '2026-02-16T02:00:00Z' }, { slot: '2026-03-09' });
    await p.postNotice(at('C0MARKET'), { kind: 'alerts', signals: SIGNALS.slice(0, 2), modelNames: MODEL_NAMES, asOf: null });
    const [noWeek, alerts] = fake.messages('C0MARKET');
    expect(noWeek?.args.text).toContain('No new week of data since week 2026-W07');
    expect(noWeek?.args.metadata).toMatchObject({ event_payload: { slot: '2026-03-09' } });
    expect(alerts?.args.text).toContain('*Alerts since the last brief*');
    expect(await p.findPosted(at('C0MARKET'), '2026-03-09', since)).toEqual([noWeek?.ts]);
  });

  it('notifyUser opens a DM with conversations.open and posts the notice there', async () => {
    await poster().notifyUser('T0TEAM', 'U0ADMIN', { kind: 'delivery_paused', channel: at('C0ARCHIVED'), reason: 'is_archived <!channel>' });
    expect(fake.callsTo('conversations.open')[0]?.args).toMatchObject({ users: 'U0ADMIN' });
    const [dm] = fake.messages('D0ADMIN');
    expect(dm?.args.text).toContain('Weekly brief paused for <#C0ARCHIVED>');
    expect(dm?.args.text).toContain('is\u02cdarchived &lt;!channel&gt;');
  });

  it('notifyUser to an unknown user is a DeliveryError', async () => {
    await expect(poster().notifyUser('T0TEAM', 'U0NOBODY', { kind: 'no_new_week', week: '2026-W07', asOf: null })).rejects.toMatchObject({ reason: 'user_not_found' });
  });
});
