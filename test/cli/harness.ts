import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../src/cli/run.js';
import { main, type MainIo } from '../../src/main.js';
import type { WireRow } from '../fakes/openrouter.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with its own env (nothing inherited from the machine) and an instant clock. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env: { DATABASE_PATH: join(tempDir(), 'bot.db'), ...env },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    now: () => new Date('2026-03-10T09:00:00Z'),
    sleep: async () => {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

export async function cliJson<T = Record<string, unknown>>(argv: string[], env?: NodeJS.ProcessEnv): Promise<T> {
  const run = await cli([...argv, '--format', 'json'], env);
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tokenbrief-'));
}

const SAMPLE = new URL('../../sample/data/', import.meta.url);

/** The bundled sample as the live API would serve it: every usage row, and the newest /models body. */
export function sampleWire(): { rows: WireRow[]; models: unknown } {
  const rows = new Map<string, WireRow>();
  const files = readdirSync(new URL('rankings-daily/', SAMPLE)).sort();
  for (const file of files) {
    const body = JSON.parse(readFileSync(new URL(`rankings-daily/${file}`, SAMPLE), 'utf8')) as { data: WireRow[] };
    for (const row of body.data) rows.set(`${row.date} ${row.model_permaslug}`, row);
  }
  const snapshots = readdirSync(new URL('models/', SAMPLE)).sort();
  const models = JSON.parse(readFileSync(new URL(`models/${snapshots[snapshots.length - 1]}`, SAMPLE), 'utf8'));
  return { rows: [...rows.values()], models };
}

/** `npm start` in-process: `exit` settles when main() returns; `stop()` plays the part of Ctrl-C. */
export function startMain(env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const io: MainIo = {
    env: { DATABASE_PATH: join(tempDir(), 'bot.db'), ...env },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    now: () => new Date('2026-03-10T09:00:00Z'),
    sleep: async () => {},
    untilStopped: () => stopped,
  };
  const exit = main(io);
  return { exit, stop, out: () => stdout, err: () => stderr };
}

/** A port nothing listens on: connections to it are refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
