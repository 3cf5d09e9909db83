import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openStore } from '../../../src/wiring.js';
import { tempDir } from '../../cli/harness.js';
import { brief } from '../../render/fixtures.js';
import { blockTexts, SIGNING_SECRET, useSlackApp, wrapStore } from './harness.js';

// The five slash commands end to end: real Bolt (Socket Mode and HTTP receiver) against the fake
// Slack, answering from the bundled sample (latest week 2026-W10).

const slack = useSlackApp();

/** Sends a slash command over Socket Mode; resolves with the ack payload and the response_url posts. */
async function command(text: string, fields: Record<string, string> = {}, responses = 1) {
  const { ack, responseUrl } = await slack.slash(text, fields);
  const posts = responses === 0 ? [] : await slack.fake.waitForResponses(responseUrl, responses);
  return { ack, posts: posts.map((p) => p.body as { response_type?: string; text: string; blocks?: unknown[] }) };
}

describe('/price', () => {
  it('/price kimi over Socket Mode: acks at once, then answers in the channel with the price story', async () => {
    await slack.start();
    const { ack, posts } = await command('/price kimi');
    expect(ack).toEqual({});
    expect(posts).toHaveLength(1);
    const [reply] = posts;
    expect(reply?.response_type).toBe('in_channel');
    expect(reply?.text).toContain('*Kimi K2.5* 🇨🇳 (moonshotai/kimi-k2.5)');
    expect(reply?.text).toContain('Price per 1M tokens: *$0.45* input · *$2.20* output · $0.225 cached input');
    expect(reply?.text).toContain('Output is 1.4× cheaper than Gemini 3 Flash Preview ($3.00 per 1M tokens)');
    expect(reply?.text).toContain('Week 2026-W10: #3 with 980B tokens');
    expect(reply?.text).toContain('Context window: 262K tokens');
    expect(reply?.text).toContain('Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-09T02:05:00Z.');
  });

  it('/price kimi over HTTP: a signed request gets an empty 200 ack, and the answer follows on the response_url', async () => {
    const running = await slack.start({ mode: 'http' });
    const responseUrl = slack.fake.newResponseUrl();
    const answer = await slack.fake.signedSlashCommand(running.url, SIGNING_SECRET, { command: '/price', text: 'kimi', response_url: responseUrl });
    expect(answer.status).toBe(200);
    const [post] = await slack.fake.waitForResponses(responseUrl);
    expect(post?.body).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('*Kimi K2.5*') });
    expect((post?.body as { text: string }).text).toContain('Week 2026-W10: #3 with 980B tokens');
  });

  it('an ambiguous query answers the best match and lists the other matches', async () => {
    await slack.start();
    const { posts } = await command('/price claude');
    expect(posts[0]?.text).toContain('*Claude Opus 4.6*');
    expect(posts[0]?.text).toContain('Also matching "claude":');
    expect(posts[0]?.text).toContain('• Claude Sonnet 4.5 (anthropic/claude-sonnet-4.5)');
  });

  it('an unknown model is told only to the asker', async () => {
    await slack.start();
    const { posts } = await command('/price qqqqq');
    expect(posts).toEqual([{ response_type: 'ephemeral', text: expect.stringContaining('No model matches "qqqqq".') }]);
  });

  it('a near miss suggests what was meant', async () => {
    await slack.start();
    const { posts } = await command('/price gemni flsh');
    expect(posts[0]?.text).toMatch(/Gemini/);
  });

  it('no model at all gets the usage in the ack itself, and nothing else', async () => {
    await slack.start();
    const { ack } = await command('/price', {}, 0);
    expect(ack).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('*Usage:* /price &lt;model&gt; — e.g. /price kimi') });
    expect(ack.text).toContain('Which model?');
    expect(slack.fake.responses()).toEqual([]);
  });
});

describe('/top and /compare', () => {
  it('/top 5 CN lists the Chinese top five in the channel', async () => {
    await slack.start();
    const { posts } = await command('/top 5 CN');
    expect(posts[0]?.response_type).toBe('in_channel');
    expect(posts[0]?.text).toContain('#1 =  *MiniMax M2.5*');
    expect(posts[0]?.text.match(/^#\d+/gm)).toHaveLength(5);
    expect(posts[0]?.text).not.toContain('Gemini');
  });

  it('/top with a bad argument answers the usage at once', async () => {
    await slack.start();
    const { ack } = await command('/top lots', {}, 0);
    expect(ack.text).toContain('"lots" is neither a number nor a country code.');
    expect(ack.response_type).toBe('ephemeral');
  });

  it('/compare kimi vs opus puts both side by side with the price ratio', async () => {
    await slack.start();
    const { posts } = await command('/compare kimi vs opus');
    expect(posts[0]?.text).toContain('*Kimi K2.5* vs *Claude Opus 4.6*, week 2026-W10');
    expect(posts[0]?.text).toContain('Output: Claude Opus 4.6 costs 11.4× Kimi K2.5');
  });
});

describe('/brief', () => {
  it('/brief previews the brief as Block Kit to the asker, saying which thresholds apply', async () => {
    await slack.start();
    const { posts } = await command('/brief');
    expect(posts[0]?.response_type).toBe('ephemeral');
    const texts = blockTexts(posts[0]?.blocks);
    expect(texts[0]).toContain('Preview (only you can see this)');
    expect(texts).toContain('Thresholds: the defaults (`/alerts` shows them).');
    expect(texts.join('\n')).toContain('#1 =  *MiniMax M2.5*');
    expect(posts[0]?.text).toContain('Preview of week 2026-W10');
    expect(slack.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('/brief post by an admin posts the brief in the channel with chat.postMessage', async () => {
    await slack.start();
    await command('/brief post', { user_id: 'U0ADMIN' }, 0);
    const [call] = await slack.fake.waitFor('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C0MARKET', text: expect.stringContaining('Week 2026-W10') });
    const blocks = call?.args.blocks as Array<{ type: string }>;
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'AI model market · week 2026-W10 (Mar 2–8, 2026)' } });
    expect(blocks.at(-1)).toMatchObject({ type: 'context' });
    expect(blockTexts(blocks).join('\n')).toContain('Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-09T02:05:00Z.');
    expect(slack.fake.messages('C0MARKET')).toHaveLength(1);
  });

  it('/brief post goes through the poster startSlackApp returns, so briefs posted from outside share its pacing', async () => {
    const running = await slack.start();
    const post = vi.spyOn(running.app.poster, 'post');
    // The store is shared with the test before, which already posted this week here.
    await command('/brief post force', { user_id: 'U0ADMIN' }, 0);
    await slack.fake.waitFor('chat.postMessage');
    // Its chart follows in the thread, through the same pacer.
    await slack.fake.waitForFiles(1, 10_000);
    expect(post.mock.calls.map(([channel]) => channel)).toEqual([{ platform: 'slack', workspace: slack.fake.installation.team.id, channel: 'C0MARKET' }]);

    await running.app.poster.post({ platform: 'slack', workspace: slack.fake.installation.team.id, channel: 'C0MARKET' }, brief());
    const [first, second] = slack.fake.callsTo('chat.postMessage');
    // One pacer for both: the second post waited out Slack's ~1 message/s/channel budget.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(slack.fake.messages('C0MARKET')).toHaveLength(2);
  });

  it('/brief post by a member is refused, and nothing is posted', async () => {
    await slack.start();
    const { posts } = await command('/brief post', { user_id: 'U0USER' });
    expect(posts).toEqual([{ response_type: 'ephemeral', text: 'Only workspace admins can post the brief.' }]);
    expect(slack.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('/brief post in a channel the bot is not in says how to invite it', async () => {
    const running = await slack.start();
    const { posts } = await command('/brief post', { user_id: 'U0ADMIN', channel_id: 'C0OUTSIDE', channel_name: 'random' });
    expect(posts).toEqual([{ response_type: 'ephemeral', text: "I'm not a member of this channel yet: invite me with /invite <@U0BOT>, then try again." }]);
    expect(running.lines.join('\n')).toContain('not_in_channel');
  });

  it('/brief with an unknown option shows the usage', async () => {
    await slack.start();
    const { ack } = await command('/brief everywhere', {}, 0);
    expect(ack.text).toContain('Unknown option "everywhere".');
    expect(ack.text).toContain('/brief post');
  });
});

describe('/alerts and the admin gate', () => {
  const settingsOf = (channel: string) => slack.store.channelSettings(`slack:T0TEAM:${channel}`);

  it('anyone can see the thresholds', async () => {
    await slack.start();
    const { posts } = await command('/alerts', { channel_id: 'C0SHOW' });
    expect(posts[0]).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('*Alert thresholds for this channel*') });
    expect(slack.fake.callsTo('users.info')).toEqual([]);
  });

  it('a workspace admin (users.info) changes a threshold; the channel preview then uses it', async () => {
    await slack.start();
    const { posts } = await command('/alerts set surge 25', { user_id: 'U0ADMIN', channel_id: 'C0ADMIN' });
    expect(posts[0]?.text).toContain(':white_check_mark: Done: surgePct set to 25.');
    expect(await settingsOf('C0ADMIN')).toEqual({ thresholds: { surgePct: 25 }, watchlist: [] });
    expect(slack.fake.callsTo('users.info').map((c) => c.args.user)).toEqual(['U0ADMIN']);

    const preview = await command('/brief', { channel_id: 'C0ADMIN' });
    expect(blockTexts(preview.posts[0]?.blocks)).toContain('Thresholds changed here: surgePct 25 (default 50).');
  });

  it('a change the database can no longer keep (file deleted while running) is reported, not confirmed', async () => {
    const path = join(tempDir(), 'bot.db');
    const fileStore = await openStore(path);
    try {
      const running = await slack.start({}, fileStore);
      unlinkSync(path);
      const { posts } = await command('/alerts set surge 25', { user_id: 'U0ADMIN', channel_id: 'C0GONE' });
      expect(posts[0]).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining("I couldn't save that change") });
      expect(posts[0]?.text).not.toContain('Done');
      expect(posts[0]?.text).not.toContain(path);
      expect(running.lines.some((line) => line.includes('"level":50') && line.includes('deleted or replaced'))).toBe(true);
    } finally {
      await slack.stop();
      await fileStore.close();
    }
  });

  it('a workspace owner counts as an admin, and users.info answers are cached', async () => {
    await slack.start();
    await command('/alerts watch kimi', { user_id: 'U0OWNER', channel_id: 'C0OWNER' });
    await command('/alerts watch glm 5', { user_id: 'U0OWNER', channel_id: 'C0OWNER' });
    expect(await settingsOf('C0OWNER')).toEqual({ thresholds: {}, watchlist: ['moonshotai/kimi-k2.5', 'z-ai/glm-5'] });
    expect(slack.fake.callsTo('users.info')).toHaveLength(1);
  });

  it('a user listed in TOKENBRIEF_ADMINS is an admin without asking Slack', async () => {
    await slack.start({ admins: ['U0USER'] });
    const { posts } = await command('/alerts set topN 15', { user_id: 'U0USER', channel_id: 'C0LISTED' });
    expect(posts[0]?.text).toContain('topN set to 15');
    expect(await settingsOf('C0LISTED')).toEqual({ thresholds: { topN: 15 }, watchlist: [] });
    expect(slack.fake.callsTo('users.info')).toEqual([]);
  });

  it('a member is refused every change, and nothing changes', async () => {
    await slack.start();
    for (const change of ['set surge 25', 'reset', 'watch kimi', 'unwatch kimi']) {
      const { posts } = await command(`/alerts ${change}`, { user_id: 'U0USER', channel_id: 'C0MEMBER' });
      expect(posts).toEqual([{ response_type: 'ephemeral', text: "Only workspace admins can change this channel's alerts." }]);
    }
    expect(await settingsOf('C0MEMBER')).toBeNull();
  });

  it('an admin resets a threshold and unwatches a model', async () => {
    await slack.start();
    await command('/alerts set slump 20', { user_id: 'U0ADMIN', channel_id: 'C0UNDO' });
    await command('/alerts set surge 20', { user_id: 'U0ADMIN', channel_id: 'C0UNDO' });
    await command('/alerts watch kimi', { user_id: 'U0ADMIN', channel_id: 'C0UNDO' });
    const reset = await command('/alerts reset surge', { user_id: 'U0ADMIN', channel_id: 'C0UNDO' });
    expect(reset.posts[0]?.text).toContain('Done: surgePct back to its default (50).');
    const unwatched = await command('/alerts unwatch kimi', { user_id: 'U0ADMIN', channel_id: 'C0UNDO' });
    expect(unwatched.posts[0]?.text).toContain('Done: stopped watching moonshotai/kimi-k2.5.');
    expect(await settingsOf('C0UNDO')).toEqual({ thresholds: { slumpPct: 20 }, watchlist: [] });
    await command('/alerts reset', { user_id: 'U0ADMIN', channel_id: 'C0UNDO' });
    expect(await settingsOf('C0UNDO')).toEqual({ thresholds: {}, watchlist: [] });
  });

  it('a value out of range names the allowed range, and nothing changes', async () => {
    await slack.start();
    const { posts } = await command('/alerts set topN 99', { user_id: 'U0ADMIN', channel_id: 'C0RANGE' });
    expect(posts[0]?.text).toContain('topN must be a whole number from 3 to 50; got 99.');
    expect(await settingsOf('C0RANGE')).toBeNull();
  });

  it('an unknown subcommand shows the usage', async () => {
    await slack.start();
    const { ack } = await command('/alerts frobnicate', {}, 0);
    expect(ack.text).toContain('Unknown subcommand "frobnicate".');
    expect(ack.text).toContain('/alerts set &lt;name&gt; &lt;value&gt;');
  });

  it('settings too long for five messages arrive as five, the last saying how many parts are missing', async () => {
    const watchlist = Array.from({ length: 800 }, (_, i) => `lab${i}/${'m'.repeat(90)}`);
    await slack.store.updateChannelSettings('slack:T0TEAM:C0LONG', () => ({ thresholds: {}, watchlist }));
    const running = await slack.start();
    const { posts } = await command('/alerts', { channel_id: 'C0LONG' }, 5);
    expect(slack.fake.responses().map((post) => post.status)).toEqual([200, 200, 200, 200, 200]);
    const last = blockTexts(posts[4]?.blocks).at(-1);
    expect(last).toMatch(/^… \(shortened: \d+ more parts\)$/);
    const warning = running.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.level === 40);
    expect(warning).toMatchObject({ command: '/alerts', channel: 'C0LONG', sent: 5, msg: expect.stringContaining('shortened') });
    expect(last).toBe(`… (shortened: ${Number(warning?.left)} more parts)`);
  });

  it('when users.info fails, the user is told (not refused), and nothing changes', async () => {
    await slack.start();
    slack.fake.failNext('users.info', { ok: false, error: 'missing_scope' });
    const { posts } = await command('/alerts set surge 25', { user_id: 'U0ADMIN', channel_id: 'C0LOOKUP' });
    expect(posts[0]?.response_type).toBe('ephemeral');
    expect(posts[0]?.text).toBe("I couldn't check whether you are a workspace admin (Slack said `missing_scope`). Try again in a minute.");
    expect(await settingsOf('C0LOOKUP')).toBeNull();
  });

  it('when users.info cannot be reached, the user gets a short reason, never the client\'s text with the API URL', async () => {
    await slack.start();
    for (let i = 0; i < 5; i++) slack.fake.failNext('users.info', { destroy: true });
    const { posts } = await command('/alerts set surge 25', { user_id: 'U0ADMIN', channel_id: 'C0LOOKUP' });
    expect(posts[0]?.text).toBe("I couldn't check whether you are a workspace admin (Slack did not answer: `request_failed`). Try again in a minute.");
    expect(posts[0]?.text).not.toMatch(/https?:|127\.0\.0\.1|users\.info/);
    expect(await settingsOf('C0LOOKUP')).toBeNull();
  });
});

describe('failures', () => {
  it('a bad signature gets 401 and no handler runs', async () => {
    const running = await slack.start({ mode: 'http' });
    const before = slack.fake.calls.length;
    const forged = { command: '/alerts', text: 'set surge 5', user_id: 'U0ADMIN', channel_id: 'C0FORGED' };
    const answer = await slack.fake.signedSlashCommand(running.url, SIGNING_SECRET, forged, { badSignature: true });
    expect(answer.status).toBe(401);
    // Bolt refuses before dispatching; a handler would have asked users.info and answered on the response_url.
    expect(slack.fake.calls.slice(before)).toEqual([]);
    expect(slack.fake.responses()).toEqual([]);
    expect(await slack.store.channelSettings('slack:T0TEAM:C0FORGED')).toBeNull();
  });

  it('a store that fails gives the user a readable message and logs the error', async () => {
    const broken = wrapStore(slack.store, { usageSpan: () => Promise.reject(new Error('SQLITE_CORRUPT: database disk image is malformed')) });
    const running = await slack.start({}, broken);
    const { posts } = await command('/top');
    expect(posts).toEqual([{ response_type: 'ephemeral', text: "Sorry, /top failed on my side. The error is in tokenbrief's log; try again in a minute." }]);
    expect(running.lines.join('\n')).toContain('SQLITE_CORRUPT');
  });

  it('an empty store says there is no data yet', async () => {
    const empty = await openStore(':memory:');
    await slack.start({}, empty);
    const { posts } = await command('/price kimi');
    expect(posts[0]?.text).toMatch(/^I have no market data for that yet: no usage data stored yet/);
    await empty.close();
  });

  it('never logs a token, even at debug level', async () => {
    const running = await slack.start();
    await command('/price kimi');
    await command('/brief post force', { user_id: 'U0ADMIN' }, 0);
    await slack.fake.waitFor('chat.postMessage');
    const log = running.lines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(slack.fake.installation.botToken);
    expect(log).not.toContain(slack.fake.installation.appToken);
  });
});
