import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenRouter, type FakeOpenRouter } from '../fakes/openrouter.js';
import { cli, cliJson, sampleWire, tempDir } from './harness.js';

// The CLI's live paths, end to end against the fake OpenRouter on 127.0.0.1.

let fake: FakeOpenRouter;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  const { rows, models } = sampleWire();
  fake = await startFakeOpenRouter({ rows, models, asOf: '2026-03-09T02:05:00Z', today: '2026-03-09' });
  env = { OPENROUTER_BASE_URL: fake.url, OPENROUTER_API_KEY: 'sk-or-test-secret' };
});
afterEach(() => fake.close());

describe('live source', () => {
  it('brief --source openrouter reads the API default window and builds the brief', async () => {
    const brief = await cliJson<{ week: string; source: string }>(['brief', '--source', 'openrouter'], env);
    expect(brief.week).toBe('2026-W10');
    expect(brief.source).toBe('openrouter');
    const rankings = fake.requests.filter((r) => r.path.endsWith('/datasets/rankings-daily'));
    expect(rankings[0]?.headers.authorization).toBe('Bearer sk-or-test-secret');
  });

  it('a rejected key is one clear line, exit 1, with the key nowhere in the output', async () => {
    fake.script({ status: 401 });
    const run = await cli(['brief', '--source', 'openrouter'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/check OPENROUTER_API_KEY/);
    expect(run.stderr + run.stdout).not.toContain('sk-or-test-secret');
    expect(fake.requests.filter((r) => r.path.endsWith('/datasets/rankings-daily'))).toHaveLength(1);
  });

  it('no key: the live source says which variable to set', async () => {
    const run = await cli(['brief', '--source', 'openrouter'], { OPENROUTER_BASE_URL: fake.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/OPENROUTER_API_KEY is not set/);
  });

  it('fetch --record writes the wire layout, which then replays offline as file:DIR into the same brief', async () => {
    const dir = join(tempDir(), 'rec');
    const db = join(tempDir(), 'live.db');
    const fetched = await cli(['fetch', '--record', dir, '--db', db], env);
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toMatch(/recorded to /);
    expect(readdirSync(join(dir, 'rankings-daily')).length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'models'))).toEqual(['2026-03-10.json']);
    const live = await cliJson<{ source: string; models: unknown[] }>(['brief', '--db', db, '--week', '2026-W09'], env);
    await fake.close();
    const replayed = await cliJson<{ source: string; models: unknown[] }>(['brief', '--source', `file:${dir}`, '--week', '2026-W09']);
    expect(live.models.length).toBeGreaterThan(0);
    // Only the data line's source name differs: the recording holds exactly what the live fetch stored.
    expect({ ...replayed, source: live.source }).toEqual(live);
    expect(replayed.source).toBe(`file:${dir}`);
  });

  it('backfill stores a date range in the database named by --db, and brief reads it back', async () => {
    const db = join(tempDir(), 'backfill.db');
    const run = await cli(['backfill', '--from', '2026-01-01', '--to', '2026-03-08', '--db', db], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/stored in .*backfill\.db/);
    const query = fake.requests.find((r) => r.path.endsWith('/datasets/rankings-daily'))?.query;
    expect(query).toEqual({ start_date: '2026-01-01', end_date: '2026-03-08' });
    const brief = await cliJson<{ week: string }>(['brief', '--db', db, '--week', '2026-W07'], env);
    expect(brief.week).toBe('2026-W07');
  });

  it('fetch without --record ingests into the bot database (DATABASE_PATH)', async () => {
    const db = join(tempDir(), 'bot.db');
    const run = await cli(['fetch'], { ...env, DATABASE_PATH: db });
    expect(run.code).toBe(0);
    expect(existsSync(db)).toBe(true);
    const top = await cliJson<{ models: unknown[] }>(['top'], { ...env, DATABASE_PATH: db });
    expect(top.models).toHaveLength(10);
  });

  it('a malformed answer stores nothing: the bot database keeps its last good data', async () => {
    const db = join(tempDir(), 'bot.db');
    expect((await cli(['fetch'], { ...env, DATABASE_PATH: db })).code).toBe(0);
    const before = await cliJson<unknown>(['brief'], { ...env, DATABASE_PATH: db });
    fake.script({ body: '{"data": [{"date": "2026-03-08", "model_permaslug": "x", "total_tok' }, { body: 'not json at all' });
    const failed = await cli(['fetch'], { ...env, DATABASE_PATH: db });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/tokenbrief: .+/);
    expect(await cliJson<unknown>(['brief'], { ...env, DATABASE_PATH: db })).toEqual(before);
  });
});

describe('a fetch that stored nothing', () => {
  it('says the window was empty and why it may be, and exits 1', async () => {
    const run = await cli(['backfill', '--from', '2025-06-01', '--to', '2025-06-30'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'tokenbrief: OpenRouter returned no usage for 2025-06-01 to 2025-06-30, so nothing was stored: OpenRouter publishes a UTC day only after it ends, and only the days it has ranked; try an earlier window (tokenbrief backfill --from YYYY-MM-DD) or again later\n',
    );
  });

  it('an empty default window too (fetch on an empty database)', async () => {
    const empty = await startFakeOpenRouter({ rows: [], models: sampleWire().models, asOf: '2026-03-09T02:05:00Z', today: '2026-03-09' });
    try {
      const run = await cli(['fetch'], { ...env, OPENROUTER_BASE_URL: empty.url });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^tokenbrief: OpenRouter returned no usage for the API's default window, so nothing was stored: /);
    } finally {
      await empty.close();
    }
  });
});
