import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSource } from '../../../src/adapters/source/file.js';
import { SourceError } from '../../../src/core/ports/source.js';
import type { UsageBatch } from '../../../src/core/types.js';
import { captureLogger } from './helpers.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenbrief-file-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(path: string, content: unknown): Promise<void> {
  const file = join(dir, path);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
}

const rankings = (asOf: string, start: string, end: string, data: Array<[string, string, string]>) => ({
  data: data.map(([date, permaslug, tokens]) => ({ date, model_permaslug: permaslug, total_tokens: tokens })),
  meta: { as_of: asOf, version: 'v1', start_date: start, end_date: end },
});

/** What a consumer applying the batches in order ends up with (the store's newest-as_of rule). */
function applyInOrder(batches: UsageBatch[]): Record<string, number> {
  const current: Record<string, number> = {};
  for (const batch of batches) for (const row of batch.rows) current[`${row.date} ${row.permaslug}`] = row.tokens;
  return current;
}

describe('createFileSource: usage', () => {
  // The file that sorts first by name holds the NEWER as_of, so name order cannot pass by accident.
  beforeEach(async () => {
    await put(
      'rankings-daily/a-restated.json',
      rankings('2026-01-20T02:00:00Z', '2026-01-09', '2026-01-12', [
        ['2026-01-09', 'm/x', '150'],
        ['2026-01-10', 'm/x', '160'],
        ['2026-01-12', 'm/x', '180'],
      ]),
    );
    await put(
      'rankings-daily/b-original.json',
      rankings('2026-01-11T02:00:00Z', '2026-01-05', '2026-01-10', [
        ['2026-01-05', 'm/x', '100'],
        ['2026-01-09', 'm/x', '140'],
        ['2026-01-10', 'm/x', '155'],
      ]),
    );
  });

  it('returns one batch per file, oldest as_of first, so newest-as_of-wins holds when applied in order', async () => {
    const batches = await createFileSource(dir).fetchUsage();
    expect(batches.map((b) => b.asOf)).toEqual(['2026-01-11T02:00:00Z', '2026-01-20T02:00:00Z']);
    expect(applyInOrder(batches)).toEqual({
      '2026-01-05 m/x': 100,
      '2026-01-09 m/x': 150,
      '2026-01-10 m/x': 160,
      '2026-01-12 m/x': 180,
    });
  });

  it('clips batches to a range, counting clipped rows as dropped and leaving out files outside it', async () => {
    await put('rankings-daily/c-december.json', rankings('2026-01-02T02:00:00Z', '2025-12-01', '2025-12-31', [['2025-12-31', 'm/x', '1']]));
    const batches = await createFileSource(dir).fetchUsage({ start: '2026-01-06', end: '2026-01-09' });
    expect(batches.map((b) => [b.startDate, b.endDate, b.rows.map((r) => r.date), b.dropped])).toEqual([
      ['2026-01-06', '2026-01-09', ['2026-01-09'], 2],
      ['2026-01-09', '2026-01-09', ['2026-01-09'], 2],
    ]);
  });

  it('is named file:DIR unless told otherwise', () => {
    expect(createFileSource(dir).name).toBe(`file:${dir}`);
    expect(createFileSource(dir, 'sample').name).toBe('sample');
  });

  it('ignores files that are not .json (a recorder temp file, a README)', async () => {
    await put('rankings-daily/x.json.1234.tmp', '{"data": [tru');
    await put('rankings-daily/README.md', '# notes');
    expect(await createFileSource(dir).fetchUsage()).toHaveLength(2);
  });

  it('drops and counts bad rows of a recording', async () => {
    await put('rankings-daily/c-bad-rows.json', rankings('2026-01-21T02:00:00Z', '2026-01-13', '2026-01-13', [['2026-01-13', 'm/x', '-1']]));
    const batches = await createFileSource(dir).fetchUsage();
    expect(batches.at(-1)).toMatchObject({ rows: [], dropped: 1 });
  });
});

describe('createFileSource: failures', () => {
  it('a missing directory', async () => {
    const missing = join(dir, 'nope');
    const error = await createFileSource(missing).fetchUsage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toBe(`no recorded data in ${missing} (expected ${missing}/rankings-daily/*.json)`);
  });

  it('a directory without rankings recordings', async () => {
    await mkdir(join(dir, 'rankings-daily'));
    await expect(createFileSource(dir).fetchUsage()).rejects.toThrow(/^no recorded data in /);
  });

  it('a truncated file, named', async () => {
    await put('rankings-daily/good.json', rankings('2026-01-20T02:00:00Z', '2026-01-09', '2026-01-09', []));
    await put('rankings-daily/broken.json', '{"data": [tru');
    const file = join(dir, 'rankings-daily', 'broken.json');
    await expect(createFileSource(dir).fetchUsage()).rejects.toThrow(new SourceError(`${file}: not valid JSON (truncated or not a recording)`));
  });

  it('a file failing the whole-body schema, named', async () => {
    await put('rankings-daily/no-meta.json', { data: [] });
    const file = join(dir, 'rankings-daily', 'no-meta.json');
    const error = await createFileSource(dir).fetchUsage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: rankings-daily answered an unusable body`));
  });

  it('a bad models file, named', async () => {
    await put('models/2026-01-05.json', '<html>');
    await expect(createFileSource(dir).fetchCatalogs()).rejects.toThrow(join(dir, 'models', '2026-01-05.json'));
  });
});

describe('createFileSource: catalogs', () => {
  it('reads models/YYYY-MM-DD.json in date order, skipping other names with a warning', async () => {
    const model = (input: string) => ({ data: [{ id: 'z-ai/glm-5', canonical_slug: 'z-ai/glm-5-20260211', name: 'Z.ai: GLM 5', pricing: { prompt: input, completion: '0.00000255' } }] });
    await put('models/2026-02-23.json', model('0.00000095'));
    await put('models/2026-02-16.json', model('0.0000003'));
    await put('models/latest.json', model('0.000001'));
    await put('models/2026-02-30.json', model('0.000001'));
    const logger = captureLogger();

    const snapshots = await createFileSource(dir, undefined, logger).fetchCatalogs();

    expect(snapshots.map((s) => [s.fetchedOn, s.models[0]?.price.input])).toEqual([
      ['2026-02-16', 0.3],
      ['2026-02-23', 0.95],
    ]);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.obj)).toEqual([
      { file: join(dir, 'models', '2026-02-30.json') },
      { file: join(dir, 'models', 'latest.json') },
    ]);
  });

  it('has no catalogs when nothing was recorded', async () => {
    expect(await createFileSource(dir).fetchCatalogs()).toEqual([]);
  });
});
