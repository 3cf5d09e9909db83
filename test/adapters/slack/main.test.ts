import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMain } from '../../cli/harness.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { SIGNING_SECRET } from './harness.js';

// `npm start` with Slack tokens: ingest the sample, start the Slack app against the fake, answer
// commands until told to stop, then stop cleanly with exit code 0.

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(() => fake.close());

const start = (env: NodeJS.ProcessEnv) => startMain({ SLACK_API_URL: fake.apiUrl, SLACK_BOT_TOKEN: fake.installation.botToken, LOG_LEVEL: 'silent', ...env });

describe('npm start with Slack tokens', () => {
  it('Socket Mode: starts the app on the ingested data, answers /price kimi, and stops on request', async () => {
    const run = start({ SLACK_APP_TOKEN: fake.installation.appToken });
    await fake.waitForSocketConnections(1, 10_000);
    const responseUrl = fake.newResponseUrl();
    expect(await fake.sendSlashCommand({ command: '/price', text: 'kimi', response_url: responseUrl })).toEqual({});
    const [answer] = await fake.waitForResponses(responseUrl);
    expect(answer?.body).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('Week 2026-W10: #3 with 980B tokens') });

    expect(run.out()).toBe('tokenbrief: Slack app (Socket Mode) running on sample data. Stop with Ctrl-C.\n');
    run.stop();
    expect(await run.exit).toBe(0);
    expect(run.err()).toBe('');
  });

  it('HTTP mode: listens where SLACK_PORT and SLACK_HOST say and answers a signed command', async () => {
    const run = start({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1' });
    await expect.poll(run.out, { timeout: 10_000 }).toMatch(/HTTP on port \d+/);
    const port = /HTTP on port (\d+)/.exec(run.out())?.[1];
    const responseUrl = fake.newResponseUrl();
    const ack = await fake.signedSlashCommand(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, { command: '/top', text: '3', response_url: responseUrl });
    expect(ack.status).toBe(200);
    const [answer] = await fake.waitForResponses(responseUrl);
    expect((answer?.body as { text: string }).text).toContain('#1 =  *MiniMax M2.5*');
    run.stop();
    expect(await run.exit).toBe(0);
  });

  it('a bot token Slack refuses stops start-up with a readable error (exit 1)', async () => {
    const run = start({ SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_APP_TOKEN: fake.installation.appToken });
    expect(await run.exit).toBe(1);
    expect(run.err()).toBe("tokenbrief: Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) again from 'Install App'\n");
    expect(run.err()).not.toContain('xoxb-wrong');
  });

  it('an app token Slack refuses stops start-up with a readable error (exit 1)', async () => {
    const run = start({ SLACK_APP_TOKEN: 'xapp-1-wrong' });
    expect(await run.exit).toBe(1);
    expect(run.err()).toBe("tokenbrief: Slack refused SLACK_APP_TOKEN (invalid_auth): generate an app-level token (xapp-…) with connections:write under 'Basic Information'\n");
  });

  it('a bot token without an app token or signing secret is a configuration error (exit 2)', async () => {
    const run = start({});
    expect(await run.exit).toBe(2);
    expect(run.err()).toContain('SLACK_APP_TOKEN: set it for Socket Mode');
    expect(fake.calls).toEqual([]);
  });
});
