import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CountryMapError, loadCountryMap } from './adapters/source/country-map.js';
import { startSlackApp } from './adapters/slack/app.js';
import { fatalSlackProblem } from './adapters/slack/errors.js';
import { startDiscordBot } from './adapters/discord/bot.js';
import { createDiscordPoster } from './adapters/discord/post.js';
import { StoreOpenError } from './adapters/store/sqlite.js';
import { POSTGRES_ELSEWHERE } from './adapters/store/postgres-source.js';
import { SQLITE_ELSEWHERE } from './adapters/store/sqlite-source.js';
import { SourceConflictError, type Store } from './core/ports/store.js';
import type { BriefPoster } from './core/ports/poster.js';
import { describeDatabase, type Config } from './config.js';
import { DEFAULT_THRESHOLDS } from './core/thresholds.js';
import { buildBrief } from './jobs/brief.js';
import { createChartReader } from './jobs/chart.js';
import { drawBriefChart } from './commands/chart.js';
import { renderChart } from './adapters/chart/render.js';
import { createWeekReader } from './jobs/week.js';
import type { CommandDeps } from './commands/run.js';
import { sourceKind } from './jobs/data-state.js';
import { createMinuteJobs, tellSubscribers } from './jobs/minute.js';
import { createRefreshJob } from './jobs/refresh.js';
import { createScheduler } from './scheduler.js';
import { createLifecycle, exitSoon, untilSignal, type RunningApp, type Supervisor } from './lifecycle.js';
import type { Logger } from './core/ports/logger.js';
import { renderBrief } from './render/brief.js';
import type { CliIo } from './cli/run.js';
import type { CountryMap } from './core/types.js';
import { configure, makeSource, openStore } from './wiring.js';
import { keepFanoutLeases, replicaId, startLeasedDiscordBot, type FanoutLeases } from './replicas.js';
import type { LeaseStore } from './core/ports/lease.js';

export interface MainIo extends CliIo {
  /** Resolves when the chat apps should stop; by default on SIGINT or SIGTERM. */
  untilStopped?: () => Promise<unknown>;
}

/**
 * `npm start`: run the configured chat apps on the stored data at once, refreshing it from the
 * configured source in the background, until stopped. Without chat tokens this is the terminal demo:
 * refresh, then print the latest brief. Returns the process exit code.
 */
export async function main(io: MainIo): Promise<number> {
  const configured = configure(io.env, io.stderr, io.envFile);
  if (!configured) return 2;
  const { config, logger } = configured;
  try {
    const countries = loadCountryMap(config.countryMapPath);
    const store = await openStore(config.databasePath, {
      databaseUrl: config.databaseUrl,
      setting: config.explicitDatabasePath === undefined ? undefined : 'DATABASE_PATH',
    });
    try {
      // Refused up front: the bot would otherwise serve one source's figures under another's name.
      const stored = await store.dataSource();
      if (stored !== null && stored !== config.source) {
        const elsewhere = config.databaseUrl === undefined ? SQLITE_ELSEWHERE : POSTGRES_ELSEWHERE;
        throw new SourceConflictError(stored, config.source, describeDatabase(config), elsewhere);
      }
      const stopping = new AbortController();
      const source = makeSource(config.source, config, logger, { sleep: io.sleep, now: io.now, deadlines: io.deadlines, signal: stopping.signal });
      // The posters exist once the chat apps run; a refresh failing before that tells nobody but the log.
      const posters: Partial<Record<'slack' | 'discord', BriefPoster>> = {};
      const kind = sourceKind(config.source);
      const refresh = createRefreshJob({ source, store, logger, kind, clock: io.now, tellAdmins: (notice) => tellSubscribers({ store, posters, logger }, notice) });
      if (!config.slack && !config.discord) return await demo((await refresh.run(io.now())).failure, { store, countries, config, io });

      // An empty store has nothing to serve, so only its first refresh is awaited (within the source's
      // deadline); otherwise the scheduler's first tick starts it in the background.
      if ((await store.usageSpan()) === null) await refresh.run(io.now());
      const lifecycle = createLifecycle({ logger, stderr: io.stderr, explain: fatalSlackProblem });
      // One week reader for every platform: a week is built from the store, not per platform.
      const commands: CommandDeps = {
        weeks: createWeekReader(store, countries),
        channels: store,
        charts: createChartReader(store, countries),
        schedule: store,
        defaultZone: config.schedule.defaultZone,
        now: io.now,
        catalogs: store,
      };
      // On a shared database this process is one replica of several: the Discord gateway goes to one at a time.
      const replica = config.databaseUrl === undefined ? null : { id: replicaId(), leases: store };
      if (replica) logger.info({ replica: replica.id }, 'replica on a shared database');
      const chat = await startChatApps(config, { commands, logger, supervisor: lifecycle }, replica);
      Object.assign(posters, chat.posters);

      // On a shared database each platform's fan-outs go out from one replica at a time (see replicas.ts).
      let fanout: FanoutLeases | null = null;
      const jobs = createMinuteJobs({
        store,
        posters,
        fanout: replica ? (platform) => fanout?.gate(platform) === true : undefined,
        countries,
        logger,
        source: kind,
        replica: replica?.id ?? replicaId(),
        tickingSince: io.now(),
        clock: io.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        options: { graceMs: config.schedule.graceMs, waitMs: config.schedule.waitMs, leaseMs: config.schedule.claimLeaseMs },
        refresh,
        alertCooldownMs: config.schedule.alertCooldownMs,
        // Scheduled briefs carry the share chart like `/brief post` (unless a channel turned charts off).
        drawChart: (week) => drawBriefChart({ charts: commands.charts, render: renderChart }, week),
      });
      const scheduler = createScheduler({ work: jobs.tick, clock: io.now, logger });
      if (replica) {
        const platforms = (['slack', 'discord'] as const).filter((platform) => posters[platform]);
        // Taking a platform over: a predecessor that died mid fan-out left channels to post, perhaps an alerts run unfinished.
        const acquired = () => {
          jobs.tookOver();
          void scheduler.tick();
        };
        fanout = keepFanoutLeases({ leases: replica.leases, replica: replica.id, platforms, leaseMs: config.fanoutLeaseMs, logger, acquired });
        await fanout.started;
      }
      // At once, not at the next whole minute: a slot missed while the bot was down is caught up now.
      void scheduler.tick();
      // The scheduler stops with the apps, the background refresh with it: an abandoned fetch would keep the process alive.
      const scheduled: RunningApp = {
        name: 'scheduler',
        stop: async (deadline) => {
          await scheduler.stop(deadline);
          stopping.abort();
          await jobs.idle();
          await fanout?.stop();
        },
      };
      const label = (await store.dataSource()) ?? config.source;
      // Listening before saying it runs: a supervisor (or a test) that stops the bot as soon as it reads
      // the line must get the graceful stop, not the default of a signal nobody listens to yet.
      const stopRequested = (io.untilStopped ?? untilSignal)();
      io.stdout(`tokenbrief: ${chat.apps.map((app) => app.name).join(' and ')} running on ${label} data. Stop with Ctrl-C.\n`);
      return await lifecycle.run([scheduled, ...chat.apps], { untilStopped: () => stopRequested, timeoutMs: config.shutdownMs });
    } finally {
      await store.close();
    }
  } catch (error) {
    io.stderr(`tokenbrief: ${error instanceof Error ? error.message : String(error)}\n`);
    logger.debug({ err: error }, 'start-up failed');
    const configuration = error instanceof CountryMapError || (error instanceof StoreOpenError && error.kind === 'path');
    return configuration ? 2 : 1;
  }
}

/** The terminal demo: the latest brief, printed, with what to try next. */
async function demo(
  refreshFailure: string | null,
  { store, countries, config, io }: { store: Store; countries: CountryMap; config: Config; io: MainIo },
): Promise<number> {
  if (refreshFailure) io.stderr(`tokenbrief: ${refreshFailure}\nShowing the last stored data.\n\n`);
  const brief = await buildBrief(store, { countries, thresholds: DEFAULT_THRESHOLDS });
  io.stdout(`${renderBrief(brief, 'text')}\n\n`);
  io.stdout(
    [
      `Data: ${brief.source}, stored in ${describeDatabase(config)}.`,
      'Try: npx tokenbrief price kimi · npx tokenbrief top --country CN · npx tokenbrief brief --week 2026-W07 --format json',
      'To run the bot: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (README, "Slack") and/or DISCORD_TOKEN (README, "Discord") in .env, then npm start again.',
      'Then type /subscribe in a channel (e.g. /subscribe monday 09:00 Europe/Berlin) to get this brief there every week (README, "Scheduled briefs").',
      ...(config.openrouter.apiKey ? [] : ['For live data, set OPENROUTER_API_KEY in .env (README, "Configuration").']),
      '',
    ].join('\n'),
  );
  return 0;
}

/**
 * Every chat platform whose tokens are configured, one `if` each; all or none are left running. With
 * `replica` (a shared database), the Discord bot runs only while this replica holds the gateway lease;
 * scheduled posts go through Discord's REST API on any replica.
 */
async function startChatApps(
  config: Config,
  deps: { commands: CommandDeps; logger: Logger; supervisor: Supervisor },
  replica: { id: string; leases: LeaseStore } | null,
): Promise<{ apps: RunningApp[]; posters: Partial<Record<'slack' | 'discord', BriefPoster>> }> {
  const apps: RunningApp[] = [];
  const posters: Partial<Record<'slack' | 'discord', BriefPoster>> = {};
  try {
    if (config.slack) {
      const slack = await startSlackApp({ config: config.slack, ...deps });
      apps.push({ name: `Slack app (${config.slack.mode.kind === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}`})`, stop: slack.stop });
      posters.slack = slack.poster;
    }
    if (config.discord && replica) {
      apps.push(await startLeasedDiscordBot({ config: config.discord, ...deps, leases: replica.leases, replica: replica.id, leaseMs: config.gatewayLeaseMs }));
      posters.discord = createDiscordPoster({ apiUrl: config.discord.apiUrl, token: config.discord.token });
    } else if (config.discord) {
      const discord = await startDiscordBot({ config: config.discord, ...deps });
      apps.push({ name: `Discord bot (${discord.client.user.tag})`, stop: discord.stop });
      posters.discord = discord.poster;
    }
  } catch (error) {
    await Promise.all(apps.map((app) => app.stop(Date.now())));
    throw error;
  }
  return { apps, posters };
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const code = await main({
    env: process.env,
    envFile: '.env',
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
  });
  process.exitCode = code;
  exitSoon(code);
}
