import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli/run.js';
import { defaultDatabasePath } from '../src/config.js';
import { main } from '../src/main.js';
import { startFakeOpenRouter, type FakeOpenRouter, type WireRow } from './fakes/openrouter.js';
import { startFakeSlack, type FakeSlack } from './fakes/slack.js';
import { slackSocketEnv } from './fakes/bot-env.js';
import { cli, cliJson, sampleWire, startMain, tempDir, type Run } from './cli/harness.js';

// Issue 8, end to end: each finding through the real source → store → brief path, with recorded
// files (`file:DIR`) and the fake OpenRouter on 127.0.0.1.

const SAMPLE = fileURLToPath(new URL('../sample/data', import.meta.url));
const NOW = new Date('2026-03-10T09:00:00Z');

let fake: FakeOpenRouter | undefined;
let slack: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  await slack?.close();
  fake = slack = undefined;
});

/** A copy of the bundled sample as a `file:DIR` recording that a test may edit. */
function sampleCopy(): string {
  const dir = join(tempDir(), 'rec');
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

function writeJson(file: string, body: unknown): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(body));
}

const rankingsBody = (data: WireRow[], asOf: string, start: string, end: string) => ({
  data,
  meta: { as_of: asOf, version: 'v1', start_date: start, end_date: end },
});

async function start(env: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), now: () => NOW, sleep: async () => {} };
  const code = await main(io);
  return { code, stdout, stderr };
}

interface BriefJson {
  source: string;
  asOf: string;
  models: Array<{ id: string; name: string; tokens: number; price: { input: number | null; output: number | null } | null }>;
  signals: Array<{ kind: string }>;
  coverage: { daysPresent: number; complete: boolean; reasons: string[] };
  restatements: Array<{ permaslug: string; toTokens: number }>;
}

describe('1. provenance: sample and live data never mix, and the label is the data’s own', () => {
  it('a database holding the sample refuses live data, naming the fix, and keeps its sample', async () => {
    const db = join(tempDir(), 'bot.db');
    expect((await start({ DATABASE_PATH: db })).code).toBe(0);
    const { rows, models } = sampleWire();
    fake = await startFakeOpenRouter({ rows, models, asOf: '2026-03-09T02:05:00Z', today: '2026-03-09' });
    const live = await start({ DATABASE_PATH: db, OPENROUTER_API_KEY: 'sk-or-secret', OPENROUTER_BASE_URL: fake.url });
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(/bot\.db holds sample data; refusing to add openrouter data .*DATABASE_PATH/);
    expect(live.stdout).not.toContain('Source: OpenRouter');
    expect(fake.requests).toEqual([]);
    const brief = await cliJson<BriefJson>(['brief'], { DATABASE_PATH: db });
    expect(brief.source).toBe('sample');
  });

  it('live data read without a key is labelled as live data, not as the sample', async () => {
    const db = join(tempDir(), 'bot.db');
    const { rows, models } = sampleWire();
    fake = await startFakeOpenRouter({ rows, models, asOf: '2026-03-09T02:05:00Z', today: '2026-03-09' });
    expect((await cli(['fetch'], { DATABASE_PATH: db, OPENROUTER_API_KEY: 'sk-or-secret', OPENROUTER_BASE_URL: fake.url })).code).toBe(0);
    const text = await cli(['brief'], { DATABASE_PATH: db });
    expect(text.code).toBe(0);
    expect(text.stdout).not.toContain('Sample data');
    expect(text.stdout).toContain('Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-09T02:05:00Z.');
    expect((await cliJson<BriefJson>(['brief'], { DATABASE_PATH: db })).source).toBe('openrouter');
  });

  it('by default every source has its own database file', () => {
    const paths = ['sample', 'openrouter', 'file:./rec', 'file:/elsewhere/rec'].map((source) => defaultDatabasePath(source, '/data'));
    expect(new Set(paths).size).toBe(4);
    expect(paths[0]).toMatch(/sample\.db$/);
    expect(paths[1]).toMatch(/openrouter\.db$/);
  });
});

describe('2. a day with most of its rows missing is not a complete day', () => {
  it('marks the week incomplete, with the reason, and fires no comparisons', async () => {
    const dir = join(tempDir(), 'rec');
    const models = Array.from({ length: 50 }, (_, i) => `lab/model-${String(i).padStart(2, '0')}`);
    const data: WireRow[] = [];
    for (let d = 0; d < 14; d++) {
      const date = new Date(Date.UTC(2026, 1, 23 + d)).toISOString().slice(0, 10);
      if (date === '2026-03-08') {
        data.push({ date, model_permaslug: models[0] ?? '', total_tokens: '5000000000' });
        continue;
      }
      // Saturday: most rows arrive invalid and are dropped.
      const invalid = date === '2026-03-07';
      models.forEach((slug, i) => data.push({ date, model_permaslug: slug, total_tokens: invalid && i >= 5 ? 'n/a' : String((60 - i) * 1e9) }));
      data.push({ date, model_permaslug: 'other', total_tokens: '90000000000' });
    }
    writeJson(join(dir, 'rankings-daily', '2026-02-23_2026-03-08.json'), rankingsBody(data, '2026-03-09T02:00:00Z', '2026-02-23', '2026-03-08'));
    const run = await cli(['brief', '--source', `file:${dir}`, '--week', '2026-W10', '--format', 'json']);
    expect(run.code).toBe(0);
    const brief = JSON.parse(run.stdout) as BriefJson;
    expect(brief.coverage.complete).toBe(false);
    expect(brief.coverage.daysPresent).toBe(5);
    expect(brief.coverage.reasons).toEqual([
      'Mar 7 has 6 rows, usually about 51: counted as missing',
      'Mar 8 has 1 row, usually about 51: counted as missing',
    ]);
    expect(brief.signals.filter((s) => s.kind === 'exit' || s.kind === 'slump')).toEqual([]);
    expect(run.stderr).toContain('gate: 2026-03-08 holds 1 row(s), usually about 51: marked incomplete');
  });
});

describe('3. an as_of in the future is refused', () => {
  const good = (dir: string) =>
    writeJson(
      join(dir, 'rankings-daily', 'a.json'),
      rankingsBody([{ date: '2026-03-08', model_permaslug: 'lab/model', total_tokens: '1000' }], '2026-03-09T02:00:00Z', '2026-03-08', '2026-03-08'),
    );
  const future = (dir: string) =>
    writeJson(
      join(dir, 'rankings-daily', 'b.json'),
      rankingsBody([{ date: '2026-03-08', model_permaslug: 'lab/model', total_tokens: '999999' }], '2099-01-01T00:00:00Z', '2026-03-08', '2026-03-08'),
    );

  it('keeps the good figures and their as_of, and says what it refused', async () => {
    const dir = join(tempDir(), 'rec');
    good(dir);
    future(dir);
    const run = await cli(['brief', '--source', `file:${dir}`, '--week', '2026-W10', '--format', 'json']);
    expect(run.code).toBe(0);
    const brief = JSON.parse(run.stdout) as BriefJson;
    expect(brief.asOf).toBe('2026-03-09T02:00:00Z');
    expect(brief.models[0]?.tokens).toBe(1000);
    expect(run.stderr).toContain('gate: refused the usage batch 2026-03-08..2026-03-08: its as_of 2099-01-01T00:00:00Z is in the future');
  });

  it('leaves the database byte for byte as it was', async () => {
    const dir = join(tempDir(), 'rec');
    const db = join(tempDir(), 'store.db');
    good(dir);
    expect((await cli(['brief', '--source', `file:${dir}`, '--db', db])).code).toBe(0);
    const before = readFileSync(db);
    future(dir);
    const run = await cli(['brief', '--source', `file:${dir}`, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('as of 2026-03-09T02:00:00Z');
    expect(existsSync(`${db}-wal`)).toBe(false);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});

describe('4. a shrunken catalog does not replace a good one', () => {
  it('keeps it aside: prices stay, no model turns "new"', async () => {
    const dir = sampleCopy();
    const full = await cliJson<BriefJson>(['brief', '--source', `file:${dir}`, '--week', '2026-W10']);
    // Fetched on the week's Sunday, so the week would read its prices from it.
    writeJson(join(dir, 'models', '2026-03-08.json'), { data: [] });
    const run = await cli(['brief', '--source', `file:${dir}`, '--week', '2026-W10', '--format', 'json']);
    expect(run.code).toBe(0);
    const brief = JSON.parse(run.stdout) as BriefJson;
    expect(brief.models.slice(0, 10).map((m) => m.price)).toEqual(full.models.slice(0, 10).map((m) => m.price));
    expect(brief.signals).toEqual(full.signals);
    expect(run.stderr).toMatch(/gate: kept the catalog of 2026-03-08 aside as suspect: it lists 0 models and lacks \d+ of the \d+ listed on 2026-03-06/);
  });
});

describe('5. one absurd value costs that value, not the ingest', () => {
  function poison(dir: string): void {
    const modelsFile = join(dir, 'models', '2026-03-06.json');
    const catalog = JSON.parse(readFileSync(modelsFile, 'utf8')) as { data: Array<{ id: string; pricing: Record<string, string> }> };
    const [first, second] = catalog.data;
    if (!first || !second) throw new Error('sample catalog too small');
    first.pricing.prompt = '1e999999999';
    second.pricing.completion = '1e24';
    writeFileSync(modelsFile, JSON.stringify(catalog));
    // A row near 2^53 tokens, and a later restatement of a real row down to 1 token.
    writeJson(
      join(dir, 'rankings-daily', 'zz-absurd.json'),
      rankingsBody([{ date: '2026-03-08', model_permaslug: 'lab/absurd', total_tokens: '9007199254740000' }], '2026-03-09T02:05:00Z', '2026-03-08', '2026-03-08'),
    );
  }

  it('drops the bad models and rows with a count, builds the brief, and reports a tenfold restatement', async () => {
    const dir = sampleCopy();
    poison(dir);
    // Kimi's Sunday restated to 1 token.
    const sunday = sampleWire().rows.find((r) => r.date === '2026-03-08' && r.model_permaslug.startsWith('moonshotai/kimi-k2.5'));
    if (!sunday) throw new Error('sample lacks Kimi K2.5');
    writeJson(
      join(dir, 'rankings-daily', 'zz-restated.json'),
      rankingsBody([{ ...sunday, total_tokens: '1' }], '2026-03-09T09:00:00Z', '2026-03-08', '2026-03-08'),
    );
    const run = await cli(['brief', '--source', `file:${dir}`, '--week', '2026-W10']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('gate: dropped 1 usage row(s) with tokens out of range');
    expect(run.stderr).toContain('gate: dropped out-of-range prices of 2 catalog model(s) (shown as not listed)');
    expect(run.stdout).not.toContain('lab/absurd');
    expect(run.stdout).toMatch(/REVISIONS[\s\S]*Kimi K2\.5 on Mar 8 revised from [\d.]+B to 1 tokens, a tenfold or larger change/);
  });

  it('never stops the bot starting on stored good data', async () => {
    const dir = sampleCopy();
    const env = { DATABASE_PATH: join(tempDir(), 'bot.db'), TOKENBRIEF_SOURCE: `file:${dir}` };
    expect((await start(env)).code).toBe(0);
    poison(dir);
    const again = await start(env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Week 2026-W10');
  });
});

describe('6. a refresh never blocks', () => {
  const liveEnv = (db: string) => ({ DATABASE_PATH: db, OPENROUTER_API_KEY: 'sk-or-secret', OPENROUTER_BASE_URL: fake?.url ?? '' });

  async function liveCli(argv: string[], env: NodeJS.ProcessEnv, deadlines?: CliIo['deadlines']): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), now: () => NOW, sleep: async () => {}, deadlines };
    const code = await runCli(argv, io);
    return { code, stdout, stderr };
  }

  it('fetch against a hung server fails at its deadline with a clear message', async () => {
    fake = await startFakeOpenRouter();
    fake.script(...Array.from({ length: 10 }, () => ({ hang: true as const })));
    const began = performance.now();
    const run = await liveCli(['fetch'], liveEnv(join(tempDir(), 'bot.db')), { requestMs: 300, budgetMs: 1000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/OpenRouter did not answer within the 1 s deadline/);
    expect(performance.now() - began).toBeLessThan(3000);
  }, 10_000);

  it('a Retry-After longer than the deadline gives up at once', async () => {
    const { rows, models } = sampleWire();
    fake = await startFakeOpenRouter({ rows, models, asOf: '2026-03-09T02:05:00Z', today: '2026-03-09' });
    fake.script({ status: 429, retryAfter: '120' });
    const run = await liveCli(['fetch'], liveEnv(join(tempDir(), 'bot.db')));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('rate limited, retry after 120 s');
    expect(fake.requests).toHaveLength(1);
  });

  it('backfill waits out a long Retry-After and says so', async () => {
    const { rows, models } = sampleWire();
    fake = await startFakeOpenRouter({ rows, models, asOf: '2026-03-09T02:05:00Z', today: '2026-03-09' });
    fake.script({ status: 429, retryAfter: '120' });
    const run = await liveCli(['backfill', '--from', '2026-01-01', '--to', '2026-03-08'], liveEnv(join(tempDir(), 'bot.db')));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('tokenbrief: OpenRouter: HTTP 429; waiting 120 s before retrying');
  });

  it('the bot answers /price within 3 s on stored data while OpenRouter hangs', async () => {
    const db = join(tempDir(), 'bot.db');
    const { rows, models } = sampleWire();
    fake = await startFakeOpenRouter({ rows, models, asOf: '2026-03-09T02:05:00Z', today: '2026-03-09' });
    expect((await cli(['fetch'], liveEnv(db))).code).toBe(0);
    fake.script(...Array.from({ length: 10 }, () => ({ hang: true as const })));
    slack = await startFakeSlack();
    const began = performance.now();
    const run = startMain({ ...liveEnv(db), ...slackSocketEnv(slack), LOG_LEVEL: 'silent' });
    await slack.waitForSocketConnections(1, 3000);
    const responseUrl = slack.newResponseUrl();
    await slack.sendSlashCommand({ command: '/price', text: 'kimi', response_url: responseUrl });
    const [answer] = await slack.waitForResponses(responseUrl, 1, 3000);
    expect(performance.now() - began).toBeLessThan(3000);
    expect((answer?.body as { text: string }).text).toContain('Week 2026-W10: #3 with 980B tokens');
    expect(run.out()).toBe('tokenbrief: Slack app (Socket Mode) running on openrouter data. Stop with Ctrl-C.\n');
    run.stop();
    expect(await run.exit).toBe(0);
  }, 15_000);
});
