import { describe, expect, it } from 'vitest';
import { SIGNING_SECRET, useSlackApp } from './harness.js';

// A reply post whose connection is cut before Slack answers (a stale keep-alive connection under
// load) is sent again on a fresh one; an answer that cannot be delivered at all is logged at error
// level with the command and the user. Real Bolt against the fake Slack.

const slack = useSlackApp();

const delivered = (responseUrl: string) => slack.fake.responses(responseUrl).filter((post) => post.status === 200);

describe('reply posts lost on a dropped connection', () => {
  it('Socket Mode: /price kimi still arrives after two dropped response_url posts', async () => {
    const running = await slack.start();
    slack.fake.dropNextReplies(2);
    const { responseUrl } = await slack.slash('/price kimi');
    const posts = await slack.fake.waitForResponses(responseUrl, 3);
    expect(posts.map((post) => post.status)).toEqual([0, 0, 200]);
    expect(posts[2]?.body).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('Kimi K2.5') });
    expect(running.lines.filter((line) => line.includes('sending it again'))).toHaveLength(2);
  });

  it('HTTP mode: a dropped reply to a signed /top is sent again', async () => {
    const running = await slack.start({ mode: 'http' });
    slack.fake.dropNextReplies(1);
    const responseUrl = slack.fake.newResponseUrl();
    const ack = await slack.fake.signedSlashCommand(running.url, SIGNING_SECRET, { command: '/top', text: '3', response_url: responseUrl });
    expect(ack.status).toBe(200);
    await slack.fake.waitForResponses(responseUrl, 2);
    expect(delivered(responseUrl)).toHaveLength(1);
  });

  it('an answer that cannot be delivered is logged at error level with the command and the user', async () => {
    const running = await slack.start();
    slack.fake.dropNextReplies(10);
    const { responseUrl } = await slack.slash('/price kimi', { user_id: 'U0USER' });
    await expect.poll(() => running.lines.find((line) => line.includes('slack answer not delivered')), { timeout: 8000 }).toBeDefined();
    const line = JSON.parse(running.lines.find((l) => l.includes('slack answer not delivered')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 50, command: '/price', user: 'U0USER' });
    // The first post and its three retries; no fifth use of the response_url for an apology that cannot arrive either.
    expect(slack.fake.responses(responseUrl)).toHaveLength(4);
  });
});
