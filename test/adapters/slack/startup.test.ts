import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import type { Store } from '../../../src/core/ports/store.js';
import { sampleStore, startApp } from './harness.js';
import { closedPort, startMain } from '../../cli/harness.js';

// Start-up tells apart why Slack did not let the app start: unreachable, timed out, refused.

let fake: FakeSlack;
let store: Store;
beforeEach(async () => {
  fake = await startFakeSlack();
  store = await sampleStore();
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

describe('Slack start-up failures', () => {
  it('unreachable: names the URL and says to check the network and SLACK_API_URL (not the token)', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const run = startMain({ SLACK_API_URL: url, SLACK_BOT_TOKEN: fake.installation.botToken, SLACK_APP_TOKEN: fake.installation.appToken, LOG_LEVEL: 'silent' });
    expect(await run.exit).toBe(1);
    expect(run.err()).toBe(`tokenbrief: cannot reach Slack at ${url} (ECONNREFUSED): check the network connection and SLACK_API_URL\n`);
  }, 60_000);

  it('timed out: says Slack did not answer in time', async () => {
    fake.failNext('auth.test', { hang: true });
    await expect(startApp(fake, store, { clientOptions: { timeout: 300 } })).rejects.toThrow(
      `Slack did not answer in time at ${fake.apiUrl}: check the network (a proxy or firewall?) and try again`,
    );
  });

  it('refused: names the token and where to get a good one', async () => {
    fake.failNext('auth.test', { ok: false, error: 'token_revoked' });
    await expect(startApp(fake, store)).rejects.toThrow("Slack refused SLACK_BOT_TOKEN (token_revoked): copy the Bot User OAuth Token (xoxb-…) again from 'Install App'");
  });

  it('an HTTP error from Slack says whose trouble it is', async () => {
    fake.failNext('auth.test', { status: 503 });
    await expect(startApp(fake, store)).rejects.toThrow(`Slack answered HTTP 503 at ${fake.apiUrl}: Slack is having trouble, try again in a few minutes`);
  });
});
