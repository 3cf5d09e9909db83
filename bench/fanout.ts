// Fan-out of one brief to many Slack and Discord channels through the real posters (the Slack Web
// API client, discord.js REST) against the fakes on 127.0.0.1, driven by the real minute tick over
// subscriptions all due at the same slot: one process on a SQLite store, then two replicas on one
// Postgres schema. Compared with the floor the fakes' rate limits impose, which two replicas share.
// The fakes (and both replicas) run in this process, so their work and memory count too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiscordPoster } from '../src/adapters/discord/post.js';
import { createSlackPoster } from '../src/adapters/slack/post-brief.js';
import { openPostgresStore } from '../src/adapters/store/postgres.js';
import { openSqliteStore } from '../src/adapters/store/sqlite.js';
import { DEFAULT_COUNTRY_MAP } from '../src/core/identity.js';
import { briefFor } from '../src/core/market-week.js';
import { silentLogger } from '../src/core/ports/logger.js';
import type { BriefPoster } from '../src/core/ports/poster.js';
import type { Store } from '../src/core/ports/store.js';
import { DEFAULT_THRESHOLDS } from '../src/core/thresholds.js';
import { briefMessages as discordMessages } from '../src/render/discord-embeds.js';
import { deliveryLines } from '../src/render/notices.js';
import { briefMessages as slackMessages } from '../src/render/slack-blocks.js';
import { TEMPLATES } from '../src/render/templates.js';
import { readDataState } from '../src/jobs/data-state.js';
import type { FanoutGate } from '../src/jobs/deliver.js';
import { deliverDue, type TickDeps } from '../src/jobs/tick.js';
import { loadMarketWeek } from '../src/jobs/week.js';
import { startFakeDiscord, type BucketRule } from '../test/fakes/discord.js';
import { startFakeSlack, type PostLimits } from '../test/fakes/slack.js';
import { keepFanoutLeases, type FanoutLeases } from '../src/replicas.js';
import { catalog, yearOfRows } from './data.js';
import { withBenchSchema } from './postgres.js';

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

/** The fakes, the channels subscribed on them, and what each channel should end with. */
interface FanoutWorld {
  slackChannels: Array<{ id: string; name: string }>;
  guilds: Array<{ id: string; name: string; channels: Array<{ id: string; name: string }> }>;
  /** Stores the bench's year of data and subscribes every channel to Monday 09:00 UTC. */
  fill(store: Store): Promise<{ per: { slack: number; discord: number } }>;
  /** A process's posters: its own Web API client and pacer, its own discord.js REST and global limiter. */
  posters(finished: { slack: number; discord: number }): { slack: BriefPoster; discord: BriefPoster };
  /** Messages beyond the brief's (duplicates) and missing (lost), over every channel. */
  count(per: { slack: number; discord: number }): { duplicates: number; lost: number };
  refused(): { slack: number; discord: number };
  close(): Promise<void>;
}

async function fanoutWorld(perPlatform: number, limits: FanoutLimits): Promise<FanoutWorld> {
  const slackChannels = Array.from({ length: perPlatform }, (_, i) => ({ id: `C${String(i).padStart(6, '0')}`, name: `brief-${i}` }));
  // Discord allows 500 channels a server: the bot is in as many servers as it takes.
  const guilds = Array.from({ length: Math.ceil(perPlatform / 500) }, (_, g) => ({
    id: String(900_000_000_000_000_000n + BigInt(g)),
    name: `server-${g}`,
    channels: Array.from({ length: Math.min(500, perPlatform - g * 500) }, (_, i) => ({ id: String(800_000_000_000_000_000n + BigInt(g * 500 + i)), name: `brief-${i}` })),
  }));
  const slack = await startFakeSlack({ channels: slackChannels, rateLimits: limits.slack });
  const discord = await startFakeDiscord({ guilds, rateLimits: { createMessage: limits.discord.createMessage, globalPerSecond: limits.discord.globalPerSecond } });
  return {
    slackChannels,
    guilds,
    fill: async (store) => {
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
      return {
        per: {
          slack: slackMessages(brief, TEMPLATES, deliveryLines(postOptions, 'slack')).length,
          discord: discordMessages(brief, { note: deliveryLines(postOptions, 'discord'), footerMark: 'slot x' }).length,
        },
      };
    },
    posters: (finished) => {
      const timed = (poster: BriefPoster): BriefPoster => ({
        ...poster,
        post: async (...args) => {
          const posted = await poster.post(...args);
          finished[poster.platform] = Math.max(finished[poster.platform], performance.now());
          return posted;
        },
      });
      return {
        slack: timed(
          createSlackPoster({
            botToken: slack.installation.botToken,
            apiUrl: slack.apiUrl,
            logger: silentLogger,
            clientOptions: { retryConfig: { retries: 3, factor: 1, minTimeout: 100, maxTimeout: 1000 } },
            pacer: {
              channelIntervalMs: limits.slack.channel.windowMs / limits.slack.channel.limit,
              // The workspace's refill rate: its bucket absorbs requests that leave evenly but arrive bunched.
              workspacePerMinute: (limits.slack.workspace.limit * 60_000) / limits.slack.workspace.windowMs,
            },
          }),
        ),
        discord: timed(createDiscordPoster({ apiUrl: `${discord.url}/api`, token: discord.token, rest: { globalRequestsPerSecond: limits.discord.globalPerSecond } })),
      };
    },
    count: (per) => {
      let duplicates = 0;
      let lost = 0;
      const tally = (got: number, want: number) => {
        duplicates += Math.max(0, got - want);
        lost += Math.max(0, want - got);
      };
      const slackCounts = new Map<string, number>();
      for (const message of slack.messages()) slackCounts.set(message.channel, (slackCounts.get(message.channel) ?? 0) + 1);
      for (const channel of slackChannels) tally(slackCounts.get(channel.id) ?? 0, per.slack);
      for (const guild of guilds) for (const channel of guild.channels) tally(discord.messages(channel.id).length, per.discord);
      return { duplicates, lost };
    },
    refused: () => ({ slack: slack.rateLimited(), discord: discord.calls.filter((call) => call.status === 429).length }),
    close: async () => {
      await slack.close();
      await discord.close();
    },
  };
}

const NOW = new Date('2026-03-16T09:00:30Z');

/** The minute tick's deps for one process of the bench. */
const tickDeps = (store: Store, replica: string, posters: TickDeps['posters'], fanout?: FanoutGate): TickDeps => ({
  store,
  posters,
  fanout,
  countries: DEFAULT_COUNTRY_MAP,
  logger: silentLogger,
  source: 'fixed',
  replica,
  tickingSince: new Date('2026-03-16T08:00:00Z'),
  clock: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/**
 * Times `fanOut` (given the record of when each platform's last brief went out) and counts what
 * reached the fakes, sampling the process's peak memory meanwhile.
 */
async function measure(
  fakes: FanoutWorld,
  limits: FanoutLimits,
  per: { slack: number; discord: number },
  fanOut: (finished: { slack: number; discord: number }) => Promise<unknown>,
): Promise<FanoutResult> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const finished = { slack: 0, discord: 0 };
    const started = performance.now();
    await fanOut(finished);
    const totalMs = performance.now() - started;
    const channels = { slack: fakes.slackChannels.length, discord: fakes.guilds.reduce((n, guild) => n + guild.channels.length, 0) };
    const refused = fakes.refused();
    return {
      channels,
      messagesPerBrief: per,
      totalMs,
      doneMs: { slack: finished.slack - started, discord: finished.discord - started },
      floorMs: floorMs(limits, channels, per),
      ...fakes.count(per),
      slack429s: refused.slack,
      discord429s: refused.discord,
      peakRssMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchFanout(perPlatform: number, limits: FanoutLimits = BENCH_LIMITS): Promise<FanoutResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenbrief-fanout-'));
  const store = openSqliteStore(join(dir, 'bench.db'));
  const fakes = await fanoutWorld(perPlatform, limits);
  try {
    await store.migrate();
    const { per } = await fakes.fill(store);
    return await measure(fakes, limits, per, async (finished) => {
      const report = await deliverDue(tickDeps(store, 'bench', fakes.posters(finished)), NOW);
      if (report.sent !== 2 * perPlatform) console.log(`fan-out: the tick reported ${JSON.stringify(report)}`);
    });
  } finally {
    await store.close();
    await fakes.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ReplicaFanoutResult extends FanoutResult {
  /** Which replica held each platform's fan-out lease, and how many channels each replica sent. */
  holders: { slack: string; discord: string };
  sentBy: Record<string, number>;
}

/**
 * Two replicas of the bot on one Postgres schema, each with its own store connection, posters (so
 * its own Slack pacer and discord.js global limiter, as two processes have) and fan-out leases, run
 * the same minute tick at once. The leases fall one platform to each replica (replica-b takes
 * Discord's first, replica-a then Slack's): both post at once, each within its platform's limits,
 * and every channel is claimed in the shared ledger. Null without a Postgres server.
 */
export async function benchReplicaFanout(perPlatform: number, limits: FanoutLimits = BENCH_LIMITS): Promise<ReplicaFanoutResult | null> {
  let result: ReplicaFanoutResult | null = null;
  await withBenchSchema('fan-out by two replicas', async (url, schema) => {
    const fakes = await fanoutWorld(perPlatform, limits);
    const stores = [openPostgresStore(url, { schema }), openPostgresStore(url, { schema })] as const;
    const leases: FanoutLeases[] = [];
    try {
      await stores[0].migrate();
      const { per } = await fakes.fill(stores[0]);
      const keep = (store: Store, replica: string, platforms: Array<'slack' | 'discord'>) => {
        const kept = keepFanoutLeases({ leases: store, replica, platforms, leaseMs: 30_000, logger: silentLogger, acquired: () => undefined });
        leases.push(kept);
        return kept;
      };
      const bDiscord = keep(stores[1], 'replica-b', ['discord']);
      await bDiscord.started;
      const a = keep(stores[0], 'replica-a', ['slack', 'discord']);
      await a.started;
      const bSlack = keep(stores[1], 'replica-b', ['slack']);
      await bSlack.started;
      const gates = { 'replica-a': a.gate, 'replica-b': (platform) => bDiscord.gate(platform) || bSlack.gate(platform) } satisfies Record<string, FanoutGate>;
      const holderOf = (platform: 'slack' | 'discord') => Object.entries(gates).find(([, gate]) => gate(platform))?.[0] ?? 'nobody';

      const sentBy: Record<string, number> = {};
      const measured = await measure(fakes, limits, per, async (finished) => {
        const [fromA, fromB] = await Promise.all([
          deliverDue(tickDeps(stores[0], 'replica-a', fakes.posters(finished), gates['replica-a']), NOW),
          deliverDue(tickDeps(stores[1], 'replica-b', fakes.posters(finished), gates['replica-b']), NOW),
        ]);
        Object.assign(sentBy, { 'replica-a': fromA.sent, 'replica-b': fromB.sent });
      });
      result = { ...measured, holders: { slack: holderOf('slack'), discord: holderOf('discord') }, sentBy };
    } finally {
      for (const kept of leases) await kept.stop();
      for (const store of stores) await store.close();
      await fakes.close();
    }
  });
  return result;
}

export function printFanout(result: FanoutResult, label = 'fan-out'): void {
  const { channels, messagesPerBrief: per } = result;
  console.log(
    `${label} of one brief to ${channels.slack} Slack + ${channels.discord} Discord channels (${per.slack} + ${per.discord} messages a brief): ` +
      `total ${(result.totalMs / 1000).toFixed(1)} s (Slack done at ${(result.doneMs.slack / 1000).toFixed(1)} s, Discord at ${(result.doneMs.discord / 1000).toFixed(1)} s), floor ${(result.floorMs / 1000).toFixed(1)} s, ratio ${(result.totalMs / result.floorMs).toFixed(2)}× (target ≤ 1.2×), ` +
      `duplicates ${result.duplicates}, lost ${result.lost}, Slack 429s ${result.slack429s}, Discord 429s ${result.discord429s}, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
  );
}

export function printReplicaFanout(result: ReplicaFanoutResult | null): void {
  if (result === null) return;
  printFanout(result, `two replicas on Postgres (Slack fan-out by ${result.holders.slack}, Discord by ${result.holders.discord}; sent ${Object.entries(result.sentBy).map(([replica, n]) => `${n} by ${replica}`).join(', ')}): fan-out`);
}
