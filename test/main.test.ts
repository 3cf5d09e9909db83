import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import type { CliIo } from '../src/cli/run.js';
import { startFakeOpenRouter, type FakeOpenRouter } from './fakes/openrouter.js';
import { sampleWire, tempDir } from './cli/harness.js';

async function start(env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), now: () => new Date('2026-03-10T09:00:00Z'), sleep: async () => {} };
  const code = await main(io);
  return { code, stdout, stderr };
}

let fake: FakeOpenRouter | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('npm start without chat tokens (the terminal demo)', () => {
  it('ingests the bundled sample into the embedded store and prints the latest brief', async () => {
    const db = join(tempDir(), 'data', 'tokenbrief.db');
    const run = await start({ DATABASE_PATH: db });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Week 2026-W10');
    expect(run.stdout).toContain('Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-09');
    expect(run.stdout).toContain('OPENROUTER_API_KEY');
    expect(run.stdout).toMatch(/SLACK_BOT_TOKEN and SLACK_APP_TOKEN .* DISCORD_TOKEN/);
    // Idempotent: a second start re-ingests the same data and prints the same brief.
    const again = await start({ DATABASE_PATH: db });
    expect(again.stdout).toBe(run.stdout);
  });

  it('empty variables count as unset', async () => {
    const run = await start({ DATABASE_PATH: join(tempDir(), 'x.db'), OPENROUTER_API_KEY: '', TOKENBRIEF_SOURCE: '  ', LOG_LEVEL: '' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Data: sample');
  });

  it('a bad environment prints every problem and exits 2', async () => {
    const run = await start({ DATABASE_PATH: join(tempDir(), 'x.db'), LOG_LEVEL: 'verbose', OPENROUTER_BASE_URL: 'nope' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/LOG_LEVEL/);
    expect(run.stderr).toMatch(/OPENROUTER_BASE_URL/);
  });

  it('when the live source is down, it still serves the last good data', async () => {
    const db = join(tempDir(), 'bot.db');
    const { rows, models } = sampleWire();
    fake = await startFakeOpenRouter({ rows, models, asOf: '2026-03-09T02:05:00Z', today: '2026-03-09' });
    const env = { DATABASE_PATH: db, OPENROUTER_API_KEY: 'sk-or-secret', OPENROUTER_BASE_URL: fake.url };
    const first = await start(env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Week 2026-W10');

    fake.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const second = await start(env);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/could not refresh from openrouter: .*500/);
    expect(second.stderr).toContain('Showing the last stored data');
    expect(second.stdout).toContain('Week 2026-W10');
    expect(second.stderr + second.stdout).not.toContain('sk-or-secret');
  });
});
