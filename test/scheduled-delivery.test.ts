import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { registerCommands } from '../src/adapters/discord/register.js';
import { openSqliteStore } from '../src/adapters/store/sqlite.js';
import { DEFAULT_COUNTRY_MAP } from '../src/core/identity.js';
import { WEEKDAYS } from '../src/core/schedule/schedule.js';
import { SIGNING_SECRET } from './adapters/slack/harness.js';
import { tempDir } from './cli/harness.js';
import { startFakeDiscord, type FakeDiscord, type Json } from './fakes/discord.js';
import { startFakeSlack, type FakeSlack } from './fakes/slack.js';
import { discordEnv, slackHttpEnv } from './fakes/bot-env.js';
import { errorLines, slackHttpPort, spawnBot, type BotProcess } from './spawn.js';

// End to end (issues 9 and 13): the real `npm start` process, with Slack in HTTP mode and Discord on
// the fakes, is subscribed through a signed Slack `/subscribe` and a Discord `/subscribe` interaction
// for a slot a minute or two ahead; it posts one brief with its share chart to each at that minute
// and, restarted, nothing more for that slot.

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

/** A signed `/subscribe` to the running bot's HTTP receiver; resolves with the text it answered. */
async function subscribeOnSlack(fake: FakeSlack, running: BotProcess, text: string): Promise<string> {
  const responseUrl = fake.newResponseUrl();
  const url = `http://127.0.0.1:${slackHttpPort(running)}/slack/events`;
  const ack = await fake.signedSlashCommand(url, SIGNING_SECRET, { command: '/subscribe', text, user_id: 'U0ADMIN', channel_id: 'C0MARKET', response_url: responseUrl });
  expect(ack.status).toBe(200);
  const [answer] = await fake.waitForResponses(responseUrl, 1, 15_000);
  return (answer?.body as { text: string }).text;
}

/** A `/subscribe` interaction from a member with Manage Server; resolves with the answer's final content. */
async function subscribeOnDiscord(fake: FakeDiscord, channelId: string, options: Record<string, string>): Promise<string> {
  const payload = fake.sendInteraction(fake.commandInteraction({ name: 'subscribe', channelId, options, permissions: PermissionFlagsBits.ManageGuild }));
  expect(await fake.waitForInteractionResponse(payload.id, 15_000)).toEqual({ type: 5, data: { flags: 0 } });
  const [edit] = await fake.waitForCall('PATCH', `/webhooks/:app/${payload.token}/messages/@original`, { timeoutMs: 15_000 });
  return String((edit?.body as Json).content);
}

describe('npm start delivers scheduled briefs', () => {
  it('subscribed through /subscribe on Slack and Discord, posts one brief with its chart to each at the slot, and nothing more after a restart', { timeout: 360_000 }, async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    // What `tokenbrief discord register --guild` does, so the interaction follows the real registration.
    await registerCommands({ config: { token: discord.token, apiUrl: `${discord.url}/api` }, countries: DEFAULT_COUNTRY_MAP, guildId: discord.guild.id });
    const databasePath = join(tempDir(), 'bot.db');
    const discordChannelId = discord.channelId('briefs');
    const env = {
      DATABASE_PATH: databasePath,
      TOKENBRIEF_SOURCE: 'sample',
      ...slackHttpEnv(slack, SIGNING_SECRET),
      ...discordEnv(discord),
      LOG_LEVEL: 'info',
    };

    // Far enough ahead that start-up and both subscriptions land before it.
    const slot = nextMinute(75_000);
    bot = spawnBot(env);
    await bot.running();
    const day = `${slot.weekday.charAt(0).toUpperCase()}${slot.weekday.slice(1)}`;
    expect(await subscribeOnSlack(slack, bot, `${slot.weekday} ${slot.time} UTC`)).toContain(`every *${day} at ${slot.time}* (UTC)`);
    expect(await subscribeOnDiscord(discord, discordChannelId, { weekday: slot.weekday, time: slot.time, timezone: 'UTC' })).toContain(
      `every **${day} at ${slot.time}** (UTC)`,
    );
    expect(Date.now()).toBeLessThan(slot.at.getTime());

    await until(() => slack!.messages('C0MARKET').length > 0 && discord!.messages(discordChannelId).length > 0, 150_000, 'the scheduled briefs');
    // Every message of a brief goes out within seconds; give the last ones time before counting.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const slackPosts = slack.messages('C0MARKET').length;
    const discordPosts = discord.messages(discordChannelId).length;
    expect(Date.now()).toBeGreaterThanOrEqual(slot.at.getTime());
    // The posts carry their slot, which is how a restart recognises them.
    const [slackBrief] = slack.messages('C0MARKET');
    expect(JSON.stringify(slackBrief?.args.metadata)).toContain(slot.at.toISOString().slice(0, 10));
    // The share chart: on Slack in the brief's thread, on Discord attached to the brief's first message and shown in its embed.
    expect(slack.files('C0MARKET')).toEqual([expect.objectContaining({ filename: 'tokenbrief-share-2026-W10.png', threadTs: slackBrief?.ts })]);
    const [discordBrief] = discord.messages(discordChannelId);
    expect(discordBrief?.attachments).toEqual([expect.objectContaining({ filename: 'tokenbrief-share-2026-W10.png', content_type: 'image/png' })]);
    expect((discordBrief?.embeds as Json[] | undefined)?.[0]?.image).toEqual(expect.objectContaining({ url: 'attachment://tokenbrief-share-2026-W10.png' }));
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
