import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSource } from '../../../src/adapters/source/file.js';
import { createOpenRouterSource } from '../../../src/adapters/source/openrouter.js';
import { createRecorder } from '../../../src/adapters/source/record.js';
import { silentLogger } from '../../../src/core/ports/logger.js';
import { startFakeOpenRouter } from '../../fakes/openrouter.js';
import type { FakeOpenRouter } from '../../fakes/openrouter.js';
import { fakeClock } from './helpers.js';

const rows = [
  { date: '2025-06-01', model_permaslug: 'deepseek/deepseek-chat-v3-0324', total_tokens: '90000000000' },
  { date: '2026-03-01', model_permaslug: 'minimax/minimax-m2.5-20260211', total_tokens: '812345678901' },
  { date: '2026-03-01', model_permaslug: 'other', total_tokens: '51234567890' },
];
const models = {
  data: [{ id: 'minimax/minimax-m2.5', canonical_slug: 'minimax/minimax-m2.5-20260211', name: 'MiniMax: MiniMax M2.5', pricing: { prompt: '0.000000295', completion: '0.0000012' }, extra: { kept: true } }],
  total_count: 1,
};

let dir: string;
let fake: FakeOpenRouter;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenbrief-record-'));
  fake = await startFakeOpenRouter({ rows, models, asOf: '2026-03-09T02:00:00Z', today: '2026-03-09' });
});

afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const live = () => {
  const clock = fakeClock('2026-03-09T12:00:00Z');
  return createOpenRouterSource({ baseUrl: fake.url, apiKey: 'k', logger: silentLogger, sleep: clock.sleep, now: clock.now, record: createRecorder(dir) });
};

describe('createRecorder', () => {
  it('writes raw bodies that the file source replays to the same batches and snapshots', async () => {
    const source = live();
    const batches = await source.fetchUsage({ start: '2025-01-01', end: '2026-03-08' });
    const catalogs = await source.fetchCatalogs();

    expect((await readdir(join(dir, 'rankings-daily'))).sort()).toEqual(['2025-01-01_2026-01-01.json', '2026-01-02_2026-03-08.json']);
    expect(await readdir(join(dir, 'models'))).toEqual(['2026-03-09.json']);
    // Raw bodies, unknown fields included: a recording is what the API said, not what we kept of it.
    expect(JSON.parse(await readFile(join(dir, 'models', '2026-03-09.json'), 'utf8'))).toEqual(models);

    const replay = createFileSource(dir);
    expect(await replay.fetchUsage()).toEqual(batches);
    expect(await replay.fetchCatalogs()).toEqual(catalogs);
  });

  it('names a default-window recording by its meta dates', async () => {
    await live().fetchUsage();
    expect(await readdir(join(dir, 'rankings-daily'))).toEqual(['2026-02-06_2026-03-08.json']);
  });

  it('records nothing from a body that fails the whole-body schema', async () => {
    fake.script({ body: JSON.stringify({ data: [] }) }, { body: JSON.stringify({ models: [] }) });
    const source = live();
    await expect(source.fetchUsage({ start: '2026-03-01', end: '2026-03-01' })).rejects.toThrow(/unusable body/);
    await expect(source.fetchCatalogs()).rejects.toThrow(/unusable body/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('replaces an older recording of the same window but never a newer one, leaving no temp files', async () => {
    const recorder = createRecorder(dir);
    const window = { start: '2026-03-01', end: '2026-03-01' };
    const body = (asOf: string, tokens: string) => ({
      data: [{ date: '2026-03-01', model_permaslug: 'a/b', total_tokens: tokens }],
      meta: { as_of: asOf, start_date: '2026-03-01', end_date: '2026-03-01' },
    });
    const file = join(dir, 'rankings-daily', '2026-03-01_2026-03-01.json');

    await recorder.rankings(body('2026-03-02T02:00:00Z', '1'), window, '2026-03-02T02:00:00Z');
    await recorder.rankings(body('2026-03-03T02:00:00Z', '2'), window, '2026-03-03T02:00:00Z');
    await recorder.rankings(body('2026-03-02T02:00:00Z', '1'), window, '2026-03-02T02:00:00Z');

    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(body('2026-03-03T02:00:00Z', '2'));
    expect(await readdir(join(dir, 'rankings-daily'))).toEqual(['2026-03-01_2026-03-01.json']);
  });
});
