import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSampleSource } from '../src/adapters/source/sample.js';
import { openSqliteStore } from '../src/adapters/store/sqlite.js';
import type { ChannelRef } from '../src/core/channel.js';
import { silentLogger } from '../src/core/ports/logger.js';
import { WEEKDAYS } from '../src/core/schedule/schedule.js';
import { ingest } from '../src/jobs/ingest.js';
import { tempDir } from './cli/harness.js';
import { startFakeDiscord, type FakeDiscord } from './fakes/discord.js';
import { startFakeSlack, type FakeSlack } from './fakes/slack.js';
import { errorLines, spawnBot, type BotProcess } from './spawn.js';

// End to end: the real `npm start` process, with both chat platforms on the fakes and two channels
// subscribed for the next minute, posts one brief to each at that minute; restarted, it posts
// nothing more for that slot.

let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  await slack?.close();
  await discord?.close();
});

/** The first whole minute at least `leadMs` from now, as a UTC weekday and HH:MM. */
function nextMinute(leadMs: number): { at: Date; weekday: (typeof WEEKDAYS)[number]; time: string } {
  const at = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
  return { at, weekday: WEEKDAYS[(at.getUTCDay() + 6) % 7] ?? 'monday', time: at.toISOString().slice(11, 16) };
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm start delivers scheduled briefs', () => {
  it('posts one brief to the fake Slack and the fake Discord at the subscribed minute, and nothing more after a restart', { timeout: 240_000 }, async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    const databasePath = join(tempDir(), 'bot.db');
    const slackChannel: ChannelRef = { platform: 'slack', workspace: slack.installation.team.id, channel: 'C0MARKET' };
    const discordChannelId = discord.channelId('briefs');
    const discordChannel: ChannelRef = { platform: 'discord', workspace: discord.guild.id, channel: discordChannelId };

    const slot = nextMinute(20_000);
    const store = openSqliteStore(databasePath);
    await store.migrate();
    await ingest(createSampleSource(), store, silentLogger);
    for (const [channel, admin] of [[slackChannel, 'U0ADMIN'], [discordChannel, discord.guild.ownerId]] as const) {
      await store.subscribe({ channel, schedule: { weekday: slot.weekday, time: slot.time, zone: 'UTC' }, subscribedBy: admin, at: new Date() });
    }
    await store.close();

    const env = {
      DATABASE_PATH: databasePath,
      TOKENBRIEF_SOURCE: 'sample',
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: slack.installation.botToken,
      SLACK_APP_TOKEN: slack.installation.appToken,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: `${discord.url}/api`,
      LOG_LEVEL: 'info',
    };
    bot = spawnBot(env);
    await bot.running();
    await until(() => slack!.messages('C0MARKET').length > 0 && discord!.messages(discordChannelId).length > 0, 150_000, 'the scheduled briefs');
    // Every message of a brief goes out within seconds; give the last ones time before counting.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const slackPosts = slack.messages('C0MARKET').length;
    const discordPosts = discord.messages(discordChannelId).length;
    expect(Date.now()).toBeGreaterThanOrEqual(slot.at.getTime());
    // The posts carry their slot, which is how a restart recognises them.
    expect(JSON.stringify(slack.messages('C0MARKET')[0]?.args.metadata)).toContain(slot.at.toISOString().slice(0, 10));
    bot.child.kill('SIGTERM');
    expect((await bot.exit).code).toBe(0);
    expect(errorLines(bot.err())).toEqual([]);

    bot = spawnBot(env);
    await bot.running();
    // The first tick runs at start, then one each minute: wait past one.
    await new Promise((resolve) => setTimeout(resolve, 65_000));
    expect(slack.messages('C0MARKET')).toHaveLength(slackPosts);
    expect(discord.messages(discordChannelId)).toHaveLength(discordPosts);
    bot.child.kill('SIGTERM');
    expect((await bot.exit).code).toBe(0);

    const after = openSqliteStore(databasePath);
    try {
      expect((await after.deliveries(new Date(0))).map((d) => [d.channel.platform, d.slot, d.state, d.week])).toEqual(
        expect.arrayContaining([
          ['slack', slot.at.toISOString().slice(0, 10), 'sent', '2026-W10'],
          ['discord', slot.at.toISOString().slice(0, 10), 'sent', '2026-W10'],
        ]),
      );
    } finally {
      await after.close();
    }
  });
});
