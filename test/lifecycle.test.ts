import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLifecycle } from '../src/lifecycle.js';
import { createLogger } from '../src/log.js';
import { startFakeDiscord, type FakeDiscord } from './fakes/discord.js';
import { startFakeSlack, type FakeSlack } from './fakes/slack.js';
import { discordEnv, slackHttpEnv, slackSocketEnv } from './fakes/bot-env.js';
import { SIGNING_SECRET } from './adapters/slack/harness.js';
import { errorLines, slackHttpPort, spawnBot, type BotProcess } from './spawn.js';

// The bot as a real process against the fakes: a fatal platform error ends it with a non-zero code
// and an error line saying what to do; SIGTERM ends it within the shutdown deadline even with a
// half-open request on the Slack HTTP receiver.

let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  bot = undefined;
  await slack?.close();
  await discord?.close();
  slack = undefined;
  discord = undefined;
});


describe('fatal platform errors end the process loudly', () => {
  it('Discord closing the gateway with 4004 (token reset) ends a bot that also runs Slack: exit 1 and an error line', async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    bot = spawnBot({ ...slackSocketEnv(slack), ...discordEnv(discord) });
    await bot.running();
    discord.dropGateway(4004, { invalidateSession: true });
    const { code } = await bot.exit;
    expect(code).toBe(1);
    const [line] = errorLines(bot.err());
    expect(line).toMatchObject({ fatal: true, msg: expect.stringContaining('DISCORD_TOKEN (gateway close 4004') });
    expect(bot.err()).toContain('tokenbrief: Discord no longer accepts DISCORD_TOKEN');
    expect(bot.err()).not.toContain(discord.token);
  }, 60_000);

  it('Slack answering invalid_auth while running (the token was revoked) ends the process: exit 1 and an error line', async () => {
    slack = await startFakeSlack();
    const token = slack.installation.botToken;
    bot = spawnBot(slackSocketEnv(slack));
    await bot.running();
    slack.installation.botToken = 'xoxb-after-the-reset';
    // /alerts set asks users.info whether the user is an admin, with the revoked token.
    const responseUrl = slack.newResponseUrl();
    await slack.sendSlashCommand({ command: '/alerts', text: 'set surge 25', user_id: 'U0ADMIN', response_url: responseUrl });
    const { code } = await bot.exit;
    expect(code).toBe(1);
    expect(errorLines(bot.err()).find((line) => line.fatal === true)).toMatchObject({ msg: expect.stringContaining('(invalid_auth)') });
    expect(bot.err()).toContain('Reinstall the app');
    expect(bot.err()).not.toContain(token);
    const [answer] = await slack.waitForResponses(responseUrl);
    expect((answer?.body as { text: string }).text).toContain('invalid_auth');
  }, 60_000);

  it('Slack refusing the app token when Socket Mode reconnects (token revoked) ends the process: exit 1 and an error line', async () => {
    slack = await startFakeSlack();
    bot = spawnBot(slackSocketEnv(slack));
    await bot.running();
    slack.installation.appToken = 'xapp-1-after-the-reset';
    slack.disconnect();
    const { code } = await bot.exit;
    expect(code).toBe(1);
    expect(errorLines(bot.err()).find((line) => line.fatal === true)).toMatchObject({ msg: expect.stringContaining('(invalid_auth)') });
  }, 60_000);

  it('Slack refusing the bot token at start ends the process: exit 1 and a readable line', async () => {
    slack = await startFakeSlack();
    bot = spawnBot({ ...slackSocketEnv(slack), SLACK_BOT_TOKEN: 'xoxb-wrong' });
    const { code } = await bot.exit;
    expect(code).toBe(1);
    expect(bot.err()).toContain('invalid_auth');
  }, 60_000);
});

describe('stopping', () => {
  it('SIGTERM with a half-open request on the Slack HTTP receiver exits 0 within the deadline', async () => {
    slack = await startFakeSlack();
    bot = spawnBot({ ...slackHttpEnv(slack, SIGNING_SECRET), TOKENBRIEF_SHUTDOWN_MS: '1000' });
    await bot.running();
    const port = slackHttpPort(bot);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write('POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n');
    socket.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const sent = Date.now();
    bot.child.kill('SIGTERM');
    const { code, at } = await bot.exit;
    socket.destroy();
    expect(code).toBe(0);
    // The 1 s deadline plus slack for a loaded machine; without the cut, Node holds the half-open
    // request until its 60 s header timeout.
    expect(at - sent).toBeLessThan(10_000);
  }, 60_000);

  it('SIGINT stops a Socket Mode bot with exit 0 and no error line', async () => {
    slack = await startFakeSlack();
    bot = spawnBot({ ...slackSocketEnv(slack), TOKENBRIEF_SHUTDOWN_MS: '3000' });
    await bot.running();
    const sent = Date.now();
    bot.child.kill('SIGINT');
    const { code, at } = await bot.exit;
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(10_000);
    expect(errorLines(bot.err())).toEqual([]);
  }, 60_000);
});

describe('createLifecycle', () => {
  const quiet = () => createLifecycle({ logger: createLogger('silent'), stderr: () => undefined, explain: () => null });
  const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  it('a stop waits for the commands in flight, after stopping the apps', async () => {
    const lifecycle = quiet();
    const events: string[] = [];
    lifecycle.track(after(300).then(() => events.push('command done')));
    const app = { name: 'app', stop: async () => void events.push('app stopped') };
    expect(await lifecycle.run([app], { untilStopped: async () => undefined, timeoutMs: 5000 })).toBe(0);
    expect(events).toEqual(['app stopped', 'command done']);
  });

  it('a command still running at the deadline is abandoned', async () => {
    const lifecycle = quiet();
    lifecycle.track(new Promise(() => undefined));
    const started = Date.now();
    expect(await lifecycle.run([], { untilStopped: async () => undefined, timeoutMs: 200 })).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a fatal error stops the bot with exit code 1 and a plain line for the terminal', async () => {
    let printed = '';
    const lifecycle = createLifecycle({ logger: createLogger('silent'), stderr: (text) => void (printed += text), explain: () => null });
    setTimeout(() => lifecycle.fatal('the token was revoked: reinstall'), 50);
    expect(await lifecycle.run([], { untilStopped: () => new Promise(() => undefined), timeoutMs: 1000 })).toBe(1);
    expect(printed).toBe('tokenbrief: the token was revoked: reinstall\n');
  });
});
