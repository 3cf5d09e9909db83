// The real bot process (`src/main.ts`, Slack in HTTP mode and Discord both connected) over the
// realistic store, against the fakes on 127.0.0.1 in this process: idle memory, then commands under
// load. A bare Bolt app, also its own process, is the Slack baseline of the same run. Figures are
// printed, never asserted.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerCommands } from '../src/adapters/discord/register.js';
import { DEFAULT_COUNTRY_MAP } from '../src/core/identity.js';
import { startFakeDiscord, type FakeDiscord } from '../test/fakes/discord.js';
import { startFakeSlack, type FakeSlack } from '../test/fakes/slack.js';
import { discordEnv, slackHttpEnv } from '../test/fakes/bot-env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONCURRENT = 200;
const ROUNDS = 2;
const SIGNING_SECRET = 'bench-signing-secret';
const DEADLINE_MS = 3000;
/** How long the bot runs untouched before its idle RSS is read. */
const IDLE_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function stats(samples: readonly number[]): { text: string; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const p99 = percentile(s, 99);
  return { text: `median ${percentile(s, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${(s.at(-1) ?? NaN).toFixed(0)} ms`, p99 };
}

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** CPU time a process has used so far (user + system), in ms (Linux, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** `count` signed `/price` requests at once; each one's ack time and HTTP status. */
async function slashBurst(fake: FakeSlack, url: string, responseUrls: string[]): Promise<Array<{ ms: number; status: number }>> {
  return Promise.all(
    responseUrls.map(async (responseUrl, i) => {
      const start = performance.now();
      const answer = await fake.signedSlashCommand(url, SIGNING_SECRET, { command: '/price', text: i % 2 === 0 ? 'kimi' : 'claude opus', response_url: responseUrl });
      return { ms: performance.now() - start, status: answer.status };
    }),
  );
}

/**
 * A burst at the bot, then its answers: each response_url counted once when a real answer (not the
 * "failed on my side" apology) arrived. One watcher for all of them: the fake checks every watcher on
 * every post, so one per URL would make the load generator, not the bot, the bottleneck.
 */
async function answered(
  fake: FakeSlack,
  botUrl: string,
  urls: string[],
): Promise<{ acks: Array<{ ms: number; status: number }>; delivered: number; answerMs: number[] }> {
  const before = fake.responses().length;
  const sent = Date.now();
  const acks = await slashBurst(fake, botUrl, urls);
  await fake.waitForResponses(undefined, before + urls.length, 30_000).catch(() => undefined);
  const ids = new Set(urls.map((url) => url.split('/respond/').at(-1)));
  const good = new Map(
    fake
      .responses()
      .filter((post) => ids.has(post.id) && !JSON.stringify(post.body).includes('failed on my side'))
      .map((post) => [post.id, post.at - sent]),
  );
  return { acks, delivered: good.size, answerMs: [...good.values()] };
}

/** The bare Bolt app as a child process; resolves to its request URL and a way to stop it. */
async function startBareBolt(fake: FakeSlack): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', join(ROOT, 'node_modules/tsx/dist/loader.mjs'), join(ROOT, 'bench/bare-bolt.ts')], {
    env: { PATH: process.env.PATH, SLACK_API_URL: fake.apiUrl, SLACK_BOT_TOKEN: fake.installation.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /port (\d+)/.exec(out)?.[1];
      if (found) resolve(Number(found));
    });
    child.on('exit', (code) => reject(new Error(`bare Bolt app exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/slack/events`, pid: child.pid ?? 0, stop: () => void child.kill('SIGTERM') };
}

async function slackLoad(fake: FakeSlack, botUrl: string, botPid: number): Promise<void> {
  const bare = await startBareBolt(fake);
  try {
    const newUrls = (n: number) => Array.from({ length: n }, () => fake.newResponseUrl());
    // Warm both (connections, JIT, the bot's first week build), then alternate bursts so noise hits both alike.
    await slashBurst(fake, bare.url, newUrls(20));
    await answered(fake, botUrl, newUrls(20));
    const bareAcks: number[] = [];
    const botAcks: number[] = [];
    const answerMs: number[] = [];
    let delivered = 0;
    let notOk = 0;
    const cpu = { bot: 0, bare: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      const bareCpu = cpuMs(bare.pid);
      bareAcks.push(...(await slashBurst(fake, bare.url, newUrls(CONCURRENT))).map((a) => a.ms));
      cpu.bare += cpuMs(bare.pid) - bareCpu;
      const botCpu = cpuMs(botPid);
      const round = await answered(fake, botUrl, newUrls(CONCURRENT));
      cpu.bot += cpuMs(botPid) - botCpu;
      botAcks.push(...round.acks.map((a) => a.ms));
      notOk += round.acks.filter((a) => a.status !== 200).length;
      delivered += round.delivered;
      answerMs.push(...round.answerMs);
    }
    const bot = stats(botAcks);
    const base = stats(bareAcks);
    console.log(`Slack HTTP, ${ROUNDS} rounds × ${CONCURRENT} concurrent signed /price: bot acks ${bot.text}; ${botAcks.filter((ms) => ms >= DEADLINE_MS).length} at or over 3 s, ${notOk} not 200`);
    console.log(`  answers delivered via response_url: ${delivered} of ${ROUNDS * CONCURRENT}, arrived after the burst was sent: ${stats(answerMs).text}`);
    console.log(`  bare Bolt app that only acks, same run: ${base.text}`);
    console.log(`  p99 ack, bot / bare: ${(bot.p99 / base.p99).toFixed(2)}× (target ≤ 1.5×)`);
    const perRequest = (ms: number) => `${(ms / (ROUNDS * CONCURRENT)).toFixed(2)} ms`;
    console.log(`  process CPU per request: bot ${perRequest(cpu.bot)} (ack, command, answer posted), bare Bolt ${perRequest(cpu.bare)} (ack only)`);
  } finally {
    bare.stop();
  }
}

async function discordLoad(fake: FakeDiscord): Promise<void> {
  const names = ['price', 'top', 'compare'] as const;
  const burst = (n: number) =>
    Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const name = names[i % names.length] ?? 'price';
        const options: Record<string, string | number> = name === 'price' ? { model: 'kimi' } : name === 'top' ? { n: 5 } : { a: 'kimi', b: 'opus' };
        const start = performance.now();
        const payload = fake.sendInteraction(fake.commandInteraction({ name, options }));
        let firstMs: number | null = null;
        const until = Date.now() + 15_000;
        while (Date.now() < until) {
          const record = fake.interaction(payload.id);
          if (firstMs === null && record?.callback) firstMs = performance.now() - start;
          if (record?.original) break;
          await sleep(5);
        }
        return { firstMs, delivered: Boolean(fake.interaction(payload.id)?.original) };
      }),
    );
  await burst(20);
  const results = await burst(CONCURRENT);
  const answered = results.flatMap((r) => (r.firstMs === null ? [] : [r.firstMs]));
  console.log(
    `Discord, ${CONCURRENT} concurrent interactions (/price, /top, /compare): defer/reply ${stats(answered).text}; ` +
      `${answered.filter((ms) => ms >= DEADLINE_MS).length} at or over 3 s, ${CONCURRENT - answered.length} never answered`,
  );
  console.log(`  answers delivered: ${results.filter((r) => r.delivered).length} of ${CONCURRENT}`);
}

export interface LoadSections {
  rss: boolean;
  slack: boolean;
  discord: boolean;
}

/** The node options of `npm start` (package.json's start script: `node [options] dist/main.js`). */
function startOptions(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = manifest.scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf('dist/main.js'));
}

/**
 * The bot as `npm start` runs it: `dist/` built first (as `prestart` does), then `node [options]
 * dist/main.js`. The build is incremental: a clean exit means dist/ is up to date, whether or not this
 * build wrote it. tsc emits even when it reports type errors (then main.js is fresh); a build that
 * wrote no main.js falls back to tsx, whose loader alone adds some 30 MB to the idle RSS.
 */
function botCommand(): { args: string[]; how: string } {
  const started = Date.now();
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  const main = join(ROOT, 'dist/main.js');
  const options = startOptions();
  const node = ['node', ...options].join(' ');
  const written = (() => {
    try {
      return statSync(main).mtimeMs >= started - 1000;
    } catch {
      return false;
    }
  })();
  if (build.status === 0 && existsSync(main)) return { args: [...options, main], how: `${node} dist/main.js` };
  if (written) return { args: [...options, main], how: `${node} dist/main.js (tsc reported type errors; emitted anyway)` };
  return { args: [...options, '--import', join(ROOT, 'node_modules/tsx/dist/loader.mjs'), join(ROOT, 'src/main.ts')], how: 'tsx src/main.ts (the build wrote no dist/main.js)' };
}

/** Resolves once the bot says its chat apps are running, with its stdout so far. */
function running(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`bot not running after ${timeoutMs} ms:\n${out}\n${err}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes(' running on ')) return;
      clearTimeout(timer);
      resolve(out);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited (${code}) before running:\n${out}\n${err}`));
    });
  });
}

/** Runs the bot on the store file at `databasePath` (claimed for `source`, which must fail to refresh: the data stay as generated). */
export async function benchBotProcess(databasePath: string, source: string, sections: LoadSections): Promise<void> {
  const slack = await startFakeSlack();
  const discord = await startFakeDiscord();
  const config = { token: discord.token, apiUrl: `${discord.url}/api` };
  await registerCommands({ config, countries: DEFAULT_COUNTRY_MAP, guildId: discord.guild.id, rest: { offset: 0, retries: 0 } });
  const { args, how } = botCommand();
  const cwd = mkdtempSync(join(tmpdir(), 'tokenbrief-bench-bot-'));
  const env = {
    PATH: process.env.PATH,
    DATABASE_PATH: databasePath,
    TOKENBRIEF_SOURCE: source,
    LOG_LEVEL: 'fatal',
    ...slackHttpEnv(slack, SIGNING_SECRET),
    ...discordEnv(discord),
  };
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    const out = await running(child, 60_000);
    await discord.waitForGateway(10_000);
    const pid = child.pid ?? 0;
    if (sections.rss) {
      await sleep(3000);
      const afterStart = rssMb(pid);
      // Loading the SDKs grows V8's young generation to its largest; V8 gives those pages back only
      // once the process has been idle for a while (some 15-20 s here): before that, RSS is start-up's.
      await sleep(IDLE_MS - 3000);
      console.log(
        `idle RSS of the bot (${how}), Slack HTTP and Discord connected, realistic store: ${rssMb(pid).toFixed(0)} MB after ${IDLE_MS / 1000} s idle ` +
          `(target < 150 MB); ${afterStart.toFixed(0)} MB 3 s after start`,
      );
    }
    const port = Number(/HTTP on port (\d+)/.exec(out)?.[1]);
    if (sections.slack) await slackLoad(slack, `http://127.0.0.1:${port}/slack/events`, pid);
    if (sections.discord) await discordLoad(discord);
    if (sections.rss && (sections.slack || sections.discord)) console.log(`RSS of the bot after the load: ${rssMb(pid).toFixed(0)} MB`);
  } finally {
    child.kill('SIGTERM');
    await exited;
    await slack.close();
    await discord.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}
