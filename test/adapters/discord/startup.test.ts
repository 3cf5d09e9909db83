import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordBot } from '../../../src/adapters/discord/bot.js';
import type { Store } from '../../../src/core/ports/store.js';
import { commandDeps } from '../../commands/deps.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord.js';
import { closedPort, startMain } from '../../cli/harness.js';
import { discordConfig, quietLogger, sampleStore, TEST_CLIENT_OPTIONS } from './harness.js';

// Start-up tells apart why Discord did not let the bot log in: unreachable, timed out, refused, wrong URL.

let fake: FakeDiscord;
let store: Store;
beforeEach(async () => {
  fake = await startFakeDiscord();
  store = await sampleStore();
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

const start = (clientOptions = TEST_CLIENT_OPTIONS) =>
  startDiscordBot({ config: discordConfig(fake), commands: commandDeps(store), logger: quietLogger, clientOptions });

describe('Discord start-up failures', () => {
  it('unreachable: names the URL and says to check the network and DISCORD_API_URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api`;
    const run = startMain({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: url, LOG_LEVEL: 'silent' });
    expect(await run.exit).toBe(1);
    expect(run.err()).toBe(`tokenbrief: cannot reach Discord at ${url} (ECONNREFUSED): check the network connection and DISCORD_API_URL\n`);
  }, 60_000);

  it('a 404 (wrong DISCORD_API_URL) says to check the URL, not "No Description"', async () => {
    fake.failNext(/gateway\/bot/, { status: 404 });
    await expect(start()).rejects.toThrow(`Discord answered HTTP 404 at ${fake.url}/api: check DISCORD_API_URL (e.g. https://discord.com/api)`);
  });

  it('timed out: says Discord did not answer in time, not "This operation was aborted"', async () => {
    fake.failNext(/gateway\/bot/, { hang: true });
    await expect(start({ ...TEST_CLIENT_OPTIONS, rest: { offset: 0, retries: 0, timeout: 300 } })).rejects.toThrow(
      `Discord did not answer in time at ${fake.url}/api: check the network (a proxy or firewall?) and try again`,
    );
  });
});
