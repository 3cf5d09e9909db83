import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './cli/harness.js';

// `npm start` as a real process: signals, exit codes and sockets that keep a process alive only show
// in one. It runs src/main.ts through tsx (what `npm start` builds into dist/main.js), in an empty
// folder with only the environment given (no .env, nothing inherited but PATH).

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves with the exit code (null when killed by a signal) and how long after `since` it came. */
  exit: Promise<{ code: number | null; at: number }>;
  /** Resolves once stdout says the chat apps are running; rejects when the process ends first. */
  running(timeoutMs?: number): Promise<void>;
}

export function spawnBot(env: NodeJS.ProcessEnv): BotProcess {
  const cwd = tempDir();
  const child = spawn(process.execPath, ['--import', join(ROOT, 'node_modules/tsx/dist/loader.mjs'), join(ROOT, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH, DATABASE_PATH: join(cwd, 'bot.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: Date.now() })));
  return {
    child,
    out: () => stdout,
    err: () => stderr,
    exit,
    running: (timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`bot not running after ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
        const check = (): void => {
          if (!stdout.includes(' running on ')) return;
          clearTimeout(timer);
          resolve();
        };
        child.stdout?.on('data', check);
        void exit.then(() => {
          clearTimeout(timer);
          reject(new Error(`bot exited before running:\n${stdout}\n${stderr}`));
        });
        check();
      }),
  };
}

/** The port of the Slack app's HTTP receiver (SLACK_PORT=0 picks a free one), as its running line says. */
export function slackHttpPort(bot: BotProcess): number {
  const port = /HTTP on port (\d+)/.exec(bot.out())?.[1];
  if (port === undefined) throw new Error(`no Slack HTTP port in the bot's output:\n${bot.out()}`);
  return Number(port);
}

/** The JSON log lines at error level (pino: 50) or above. */
export function errorLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => typeof line.level === 'number' && line.level >= 50);
}
