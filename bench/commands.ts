// Per-command CPU on the realistic store, through runCommand as the chat adapters call it: with the
// week reader's cache off (every command builds the week and its index) and on (the default).
import { runCommand, type CommandContext, type CommandDeps } from '../src/commands/run.js';
import type { CommandInput } from '../src/core/input.js';
import { DEFAULT_COUNTRY_MAP } from '../src/core/identity.js';
import { silentLogger } from '../src/core/ports/logger.js';
import type { Store } from '../src/core/ports/store.js';
import { createChartReader } from '../src/jobs/chart.js';
import { createWeekReader } from '../src/jobs/week.js';

const noPost = (): Promise<never> => Promise.reject(new Error('the bench posts nothing'));
const CTX: CommandContext = {
  channel: { platform: 'slack', workspace: 'T1', channel: 'C1' },
  userId: 'U1',
  isAdmin: async () => false,
  poster: { platform: 'slack', post: noPost, postNotice: noPost, findPosted: noPost, notifyUser: noPost },
  renderChart: noPost,
  logger: silentLogger,
};

const COMMANDS: Array<[string, CommandInput]> = [
  ['/price kimi', { command: 'price', query: 'kimi' }],
  ['/top', { command: 'top', n: 10, country: null }],
  ['/compare kimi opus', { command: 'compare', a: 'kimi', b: 'opus' }],
  ['/brief', { command: 'brief', post: false, force: false }],
];

/** CPU time (user + system) of one command, in ms: the median of `runs`. */
async function cpuPerCommand(deps: CommandDeps, input: CommandInput, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.cpuUsage();
    await runCommand(deps, input, CTX);
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? NaN;
}

const show = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);

export async function benchCommands(store: Store): Promise<void> {
  const uncached: CommandDeps = { weeks: createWeekReader(store, DEFAULT_COUNTRY_MAP, { cache: false }), channels: store, charts: createChartReader(store, DEFAULT_COUNTRY_MAP), catalogs: store, schedule: store, defaultZone: 'UTC', now: () => new Date() };
  const cached: CommandDeps = { weeks: createWeekReader(store, DEFAULT_COUNTRY_MAP), channels: store, charts: createChartReader(store, DEFAULT_COUNTRY_MAP), catalogs: store, schedule: store, defaultZone: 'UTC', now: () => new Date() };
  for (const [label, input] of COMMANDS) {
    await runCommand(uncached, input, CTX);
    await runCommand(cached, input, CTX);
    const before = await cpuPerCommand(uncached, input, 15);
    const after = await cpuPerCommand(cached, input, 200);
    console.log(`CPU per command ${label}: cache off ${show(before)}, cache on ${show(after)} (${(before / after).toFixed(0)}× less)`);
  }
}
