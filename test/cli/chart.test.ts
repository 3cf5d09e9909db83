import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { cli, tempDir } from './harness.js';

// `tokenbrief chart` and `tokenbrief brief --chart` through the real CLI: files written, the sentence
// saying what was written, and the failures a user meets (bad kind, bad path, a chart that fails).

const size = (path: string) => {
  const png = PNG.sync.read(readFileSync(path));
  return [png.width, png.height];
};

describe('tokenbrief chart', () => {
  it('chart share --week 2026-W07 --weeks 6 writes the PNG and describes it', async () => {
    const out = join(tempDir(), 'share.png');
    const run = await cli(['chart', 'share', '--source', 'sample', '--week', '2026-W07', '--weeks', '6', '--out', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      `Wrote ${out} (1200×675 PNG). Weekly share of OpenRouter tokens by country bloc from 2026-W02 to 2026-W07: in 2026-W07 Chinese models had 46.2% and US models 33.0%, and Chinese models passed US models in 2026-W07.\n`,
    );
    expect(size(out)).toEqual([1200, 675]);
  });

  it('chart top writes the latest week\'s top 10', async () => {
    const out = join(tempDir(), 'top.png');
    const run = await cli(['chart', 'top', '--source', 'sample', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Top 10 models on OpenRouter by tokens in 2026-W10: MiniMax M2.5 (CN) led with 2.55T tokens');
    expect(size(out)).toEqual([1200, 675]);
  });

  it.each([
    [['chart', '--out', 'x.png'], 'chart needs one kind, share or top'],
    [['chart', 'pie', '--out', 'x.png'], 'chart needs one kind, share or top'],
    [['chart', 'share'], 'chart needs --out FILE.png'],
    [['chart', 'share', '--out', 'share'], "--out must name a .png file, got 'share'"],
    [['chart', 'share', '--out', 'x.png', '--weeks', '1'], '--weeks must be a whole number from 2 to 52, got 1.'],
    [['chart', 'share', '--out', 'x.png', '--week', '2026-W99'], "bad week '2026-W99'"],
    [['brief', '--chart', 'brief.txt'], "--chart must name a .png file, got 'brief.txt'"],
  ])('%j is bad usage (exit 2)', async (argv, message) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('a folder that does not exist is a runtime failure with a plain reason', async () => {
    const run = await cli(['chart', 'share', '--source', 'sample', '--out', join(tempDir(), 'missing', 'x.png')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tokenbrief: cannot write .*missing\/x\.png: its folder does not exist\n$/);
  });
});

describe('tokenbrief brief --chart', () => {
  it('prints the brief and writes its share chart beside it', async () => {
    const out = join(tempDir(), 'brief.png');
    const run = await cli(['brief', '--source', 'sample', '--week', '2026-W07', '--chart', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Week 2026-W07');
    expect(run.stderr).toContain(`Wrote ${out} (1200×675 PNG). Weekly share of OpenRouter tokens by country bloc from 2026-W01 to 2026-W07`);
    expect(size(out)).toEqual([1200, 675]);
  });

  it('a chart that fails still leaves the brief printed, says why, and exits 1', async () => {
    const out = join(tempDir(), 'brief.png');
    let stdout = '';
    let stderr = '';
    const code = await runCli(['brief', '--source', 'sample', '--chart', out], {
      env: { DATABASE_PATH: join(tempDir(), 'bot.db') },
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      now: () => new Date('2026-03-10T09:00:00Z'),
      renderChart: async () => {
        throw new Error('resvg exploded');
      },
    });
    expect(code).toBe(1);
    expect(stdout).toContain('Week 2026-W10');
    expect(stderr).toBe('tokenbrief: could not draw the share chart: resvg exploded\n');
    expect(existsSync(out)).toBe(false);
  });
});
