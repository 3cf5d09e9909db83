// Fan-out of one brief to many Slack and Discord channels through the real posters (the Slack Web
// API client, discord.js REST) against the fakes on 127.0.0.1, driven by the real minute tick over
// subscriptions in a SQLite store, all due at the same slot. Compared with the floor the fakes'
// rate limits impose. The fakes run in this process, so their work and memory count too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiscordPoster } from '../src/adapters/discord/post.js';
import { createSlackPoster } from '../src/adapters/slack/post-brief.js';
import { openSqliteStore } from '../src/adapters/store/sqlite.js';
import { DEFAULT_COUNTRY_MAP } from '../src/core/identity.js';
import { briefFor } from '../src/core/market-week.js';
import { silentLogger } from '../src/core/ports/logger.js';
import type { BriefPoster } from '../src/core/ports/poster.js';
import { DEFAULT_THRESHOLDS } from '../src/core/thresholds.js';
import { briefMessages as discordMessages } from '../src/render/discord-embeds.js';
import { deliveryLines } from '../src/render/notices.js';
import { briefMessages as slackMessages } from '../src/render/slack-blocks.js';
import { TEMPLATES } from '../src/render/templates.js';
import { readDataState } from '../src/jobs/data-state.js';
import { deliverDue } from '../src/jobs/tick.js';
import { loadMarketWeek } from '../src/jobs/week.js';
import { startFakeDiscord, type BucketRule } from '../test/fakes/discord.js';
import { startFakeSlack, type PostLimits } from '../test/fakes/slack.js';
import { catalog, yearOfRows } from './data.js';

export interface FanoutLimits {
  /** Slack chat.postMessage: per channel and per workspace (token buckets). */
  slack: Required<PostLimits>;
  /** Discord: message create per channel (its bucket) and the global cap per second. */
  discord: { createMessage: BucketRule; globalPerSecond: number };
}

/**
 * The limits the bench runs under. Slack documents ~1 post/s per channel with short bursts (3 in
 * 3 s here) and "several hundred per minute" per workspace without a figure; 50 per second here
 * keeps the bench to about a minute and keeps the shape (a workspace-wide cap in short windows, so
 * a fan-out cannot burst). Discord's are its real ones: message create 5 per 5 s per channel, 50
 * requests per second globally.
 */
export const BENCH_LIMITS: FanoutLimits = {
  slack: { channel: { limit: 3, windowMs: 3000 }, workspace: { limit: 50, windowMs: 1000 } },
  discord: { createMessage: { limit: 5, windowSeconds: 5 }, globalPerSecond: 50 },
};

export interface FanoutResult {
  channels: { slack: number; discord: number };
  messagesPerBrief: { slack: number; discord: number };
  totalMs: number;
  /** When each platform's last brief went out. */
  doneMs: { slack: number; discord: number };
  floorMs: number;
  duplicates: number;
  lost: number;
  slack429s: number;
  discord429s: number;
  peakRssMb: number;
}

/** The least time the limits allow for `per` messages to each of `counts` channels. */
function floorMs(limits: FanoutLimits, counts: { slack: number; discord: number }, per: { slack: number; discord: number }): number {
  const { slack, discord } = limits;
  // A full bucket goes at once; the rest at its refill rate.
  const slackMs = Math.max(
    (Math.max(0, counts.slack * per.slack - slack.workspace.limit) / slack.workspace.limit) * slack.workspace.windowMs,
    (Math.max(0, per.slack - slack.channel.limit) / slack.channel.limit) * slack.channel.windowMs,
  );
  // The global cap counts in one-second windows: a window's worth goes at once.
  const discordMs = Math.max(
    (Math.ceil((counts.discord * per.discord) / discord.globalPerSecond) - 1) * 1000,
    Math.max(0, per.discord - discord.createMessage.limit) * ((discord.createMessage.windowSeconds * 1000) / discord.createMessage.limit),
  );
  return Math.max(slackMs, discordMs);
}

export async function benchFanout(perPlatform: number, limits: FanoutLimits = BENCH_LIMITS): Promise<FanoutResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenbrief-fanout-'));
  const store = openSqliteStore(join(dir, 'bench.db'));
  const slackChannels = Array.from({ length: perPlatform }, (_, i) => ({ id: `C${String(i).padStart(6, '0')}`, name: `brief-${i}` }));
  // Discord allows 500 channels a server: the bot is in as many servers as it takes.
  const guilds = Array.from({ length: Math.ceil(perPlatform / 500) }, (_, g) => ({
    id: String(900_000_000_000_000_000n + BigInt(g)),
    name: `server-${g}`,
    channels: Array.from({ length: Math.min(500, perPlatform - g * 500) }, (_, i) => ({ id: String(800_000_000_000_000_000n + BigInt(g * 500 + i)), name: `brief-${i}` })),
  }));
  const slack = await startFakeSlack({ channels: slackChannels, rateLimits: limits.slack });
  const discord = await startFakeDiscord({ guilds, rateLimits: { createMessage: limits.discord.createMessage, globalPerSecond: limits.discord.globalPerSecond } });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    await store.migrate();
    await store.claimSource('file:bench');
    const rows = yearOfRows(catalog);
    await store.saveUsage({ rows, asOf: rows.at(-1)!.asOf, startDate: rows[0]!.date, endDate: rows.at(-1)!.date, dropped: 0 });
    await store.saveCatalog({ fetchedOn: '2025-03-01', models: catalog });

    const schedule = { weekday: 'monday', time: '09:00', zone: 'UTC' } as const;
    // Subscribed shortly before the slot: no older slots to record as missed.
    const since = new Date('2026-03-16T08:00:00Z');
    for (const channel of slackChannels) await store.subscribe({ channel: { platform: 'slack', workspace: slack.installation.team.id, channel: channel.id }, schedule, subscribedBy: 'U1', at: since });
    for (const guild of guilds) {
      for (const channel of guild.channels) await store.subscribe({ channel: { platform: 'discord', workspace: guild.id, channel: channel.id }, schedule, subscribedBy: '1', at: since });
    }

    // What each channel should get: the brief of the newest week, with its "data as of" line.
    const data = await readDataState(store);
    const brief = briefFor(await loadMarketWeek(store, { countries: DEFAULT_COUNTRY_MAP }), { thresholds: DEFAULT_THRESHOLDS, watchlist: [] });
    const postOptions = { slot: 'x', dataAsOf: data.asOf };
    const per = {
      slack: slackMessages(brief, TEMPLATES, deliveryLines(postOptions, 'slack')).length,
      discord: discordMessages(brief, { note: deliveryLines(postOptions, 'discord'), footerMark: 'slot x' }).length,
    };

    const finished = { slack: 0, discord: 0 };
    const timed = (poster: BriefPoster): BriefPoster => ({
      ...poster,
      post: async (...args) => {
        const posted = await poster.post(...args);
        finished[poster.platform] = performance.now();
        return posted;
      },
    });
    const posters = {
      slack: timed(createSlackPoster({
        botToken: slack.installation.botToken,
        apiUrl: slack.apiUrl,
        logger: silentLogger,
        clientOptions: { retryConfig: { retries: 3, factor: 1, minTimeout: 100, maxTimeout: 1000 } },
        pacer: {
          channelIntervalMs: limits.slack.channel.windowMs / limits.slack.channel.limit,
          // The workspace's refill rate: its bucket absorbs requests that leave evenly but arrive bunched.
          workspacePerMinute: (limits.slack.workspace.limit * 60_000) / limits.slack.workspace.windowMs,
        },
      })),
      discord: timed(createDiscordPoster({ apiUrl: `${discord.url}/api`, token: discord.token, rest: { globalRequestsPerSecond: limits.discord.globalPerSecond } })),
    };
    const now = new Date('2026-03-16T09:00:30Z');
    const started = performance.now();
    const report = await deliverDue(
      {
        store,
        posters,
        countries: DEFAULT_COUNTRY_MAP,
        logger: silentLogger,
        source: 'fixed',
        replica: 'bench',
        tickingSince: new Date('2026-03-16T08:00:00Z'),
        clock: () => new Date(),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      },
      now,
    );
    const totalMs = performance.now() - started;

    const counts = new Map<string, number>();
    for (const message of slack.messages()) counts.set(`slack:${message.channel}`, (counts.get(`slack:${message.channel}`) ?? 0) + 1);
    const expected = [
      ...slackChannels.map((c) => [`slack:${c.id}`, per.slack] as const),
      ...guilds.flatMap((g) => g.channels.map((c) => [`discord:${c.id}`, per.discord] as const)),
    ];
    for (const guild of guilds) for (const channel of guild.channels) counts.set(`discord:${channel.id}`, discord.messages(channel.id).length);
    let duplicates = 0;
    let lost = 0;
    for (const [key, want] of expected) {
      const got = counts.get(key) ?? 0;
      duplicates += Math.max(0, got - want);
      lost += Math.max(0, want - got);
    }
    if (report.sent !== expected.length) console.log(`fan-out: the tick reported ${JSON.stringify(report)}`);
    return {
      channels: { slack: slackChannels.length, discord: perPlatform },
      messagesPerBrief: per,
      totalMs,
      doneMs: { slack: finished.slack - started, discord: finished.discord - started },
      floorMs: floorMs(limits, { slack: slackChannels.length, discord: perPlatform }, per),
      duplicates,
      lost,
      slack429s: slack.rateLimited(),
      discord429s: discord.calls.filter((call) => call.status === 429).length,
      peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
    await store.close();
    await slack.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printFanout(result: FanoutResult): void {
  const { channels, messagesPerBrief: per } = result;
  console.log(
    `fan-out of one brief to ${channels.slack} Slack + ${channels.discord} Discord channels (${per.slack} + ${per.discord} messages a brief): ` +
      `total ${(result.totalMs / 1000).toFixed(1)} s (Slack done at ${(result.doneMs.slack / 1000).toFixed(1)} s, Discord at ${(result.doneMs.discord / 1000).toFixed(1)} s), floor ${(result.floorMs / 1000).toFixed(1)} s, ratio ${(result.totalMs / result.floorMs).toFixed(2)}× (target ≤ 1.2×), ` +
      `duplicates ${result.duplicates}, lost ${result.lost}, Slack 429s ${result.slack429s}, Discord 429s ${result.discord429s}, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
  );
}
