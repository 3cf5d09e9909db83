import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMain } from '../../cli/harness.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { discordEnv, slackSocketEnv } from '../../fakes/bot-env.js';

// `npm start` with DISCORD_TOKEN: ingest the sample, run the Discord bot against the fake until told
// to stop, then stop cleanly with exit code 0 — alone, or next to the Slack app in the same process.

let fake: FakeDiscord;
let slack: FakeSlack | undefined;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => {
  await fake.close();
  await slack?.close();
  slack = undefined;
});

const start = (env: NodeJS.ProcessEnv) => startMain({ ...discordEnv(fake), LOG_LEVEL: 'silent', ...env });

async function priceKimi(): Promise<string> {
  const payload = fake.sendInteraction(fake.commandInteraction({ name: 'price', options: { model: 'kimi' } }));
  const [edit] = await fake.waitForCall('PATCH', `/webhooks/:app/${payload.token}/messages/@original`);
  return String((edit?.body as { content?: string } | undefined)?.content);
}

describe('npm start with DISCORD_TOKEN', () => {
  it('runs the Discord bot on the ingested data, answers /price kimi, and stops on request', async () => {
    const run = start({});
    await expect.poll(run.out, { timeout: 10_000 }).toContain('running');

    expect(await priceKimi()).toContain('Week 2026-W10: #3 with 980B tokens');
    expect(run.out()).toBe('tokenbrief: Discord bot (tokenbrief) running on sample data. Stop with Ctrl-C.\n');
    run.stop();
    expect(await run.exit).toBe(0);
    expect(run.err()).toBe('');
  });

  it('runs next to the Slack app in one process; both answer', async () => {
    slack = await startFakeSlack();
    const run = start(slackSocketEnv(slack));
    await expect.poll(run.out, { timeout: 10_000 }).toContain('running');

    expect(run.out()).toBe('tokenbrief: Slack app (Socket Mode) and Discord bot (tokenbrief) running on sample data. Stop with Ctrl-C.\n');
    expect(await priceKimi()).toContain('**Kimi K2.5**');
    const responseUrl = slack.newResponseUrl();
    await slack.sendSlashCommand({ command: '/price', text: 'kimi', response_url: responseUrl });
    const [answer] = await slack.waitForResponses(responseUrl);
    expect(answer?.body).toMatchObject({ text: expect.stringContaining('Kimi K2.5') });
    run.stop();
    expect(await run.exit).toBe(0);
  });

  it('a token Discord refuses stops start-up with one readable line (exit 1), without the token', async () => {
    const run = start({ DISCORD_TOKEN: 'not-the-token' });

    expect(await run.exit).toBe(1);
    expect(run.err()).toBe('tokenbrief: Discord refused DISCORD_TOKEN: copy the bot token again (Developer Portal → your application → Bot → Reset Token)\n');
  });
});
