import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelsBody, parseRankingsBody } from '../../../src/adapters/source/wire.js';
import { buildCatalogIndex, DEFAULT_COUNTRY_MAP, resolveIdentity } from '../../../src/core/identity.js';
import { UNATTRIBUTED } from '../../../src/core/types.js';

// Real OpenRouter output (see test/fixtures/openrouter/README.md): the parsers must take it as is.

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/openrouter/${name}`, import.meta.url), 'utf8');

const { snapshot, dropped: droppedModels } = parseModelsBody(JSON.parse(fixture('2026-02-27_api-v1-models_full-response.json')), '2026-02-27');
const model = (id: string) => snapshot.models.find((m) => m.id === id);

// The export CSV (date,model_permaslug,rank,total_tokens,share_of_daily_tokens) as the Data API would
// answer it for each single day: total_tokens as decimal strings, as_of of the export snapshot.
const csvRows = fixture('rankings-daily.sample-2026-09-30_2026-10-01_2026-10-07.csv')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [date = '', permaslug = '', , tokens = ''] = line.split(',');
    return { date, model_permaslug: permaslug, total_tokens: tokens };
  });
const days = [...new Set(csvRows.map((row) => row.date))];
const bodies = days.map((day) => ({
  data: csvRows.filter((row) => row.date === day),
  meta: { as_of: '2026-10-08T01:46:15Z', version: 'v1', start_date: day, end_date: day },
}));

describe('real /models capture of 2026-02-27', () => {
  it('parses all 344 models, dropping none', () => {
    expect(droppedModels).toBe(0);
    expect(snapshot.models).toHaveLength(344);
  });

  it('reads the prices of the brief’s models exactly', () => {
    expect(model('z-ai/glm-5')?.price).toEqual({ input: 0.95, output: 2.55, cacheRead: 0.2 });
    expect(model('minimax/minimax-m2.5')?.price).toEqual({ input: 0.295, output: 1.2, cacheRead: 0.03 });
    expect(model('moonshotai/kimi-k2.5')?.price).toMatchObject({ input: 0.45, output: 2.2 });
  });

  it('keeps join fields: canonical slug, hugging face id, context length', () => {
    expect(model('minimax/minimax-m2.5')).toMatchObject({
      canonicalSlug: 'minimax/minimax-m2.5-20260211',
      huggingFaceId: 'MiniMaxAI/MiniMax-M2.5',
      contextLength: 196608,
    });
  });

  it('gives routers null prices (their "-1" is dynamic) and free models 0', () => {
    expect(model('openrouter/auto')).toMatchObject({ price: { input: null, output: null, cacheRead: null }, huggingFaceId: null });
    expect(model('openrouter/free')?.price).toMatchObject({ input: 0, output: 0 });
    expect(snapshot.models.every((m) => (m.price.input ?? 0) >= 0 && (m.price.output ?? 0) >= 0)).toBe(true);
  });
});

describe('real rankings-daily export rows (2026-09-30, 2026-10-01, 2026-10-07)', () => {
  const batches = bodies.map((body) => parseRankingsBody(body, { start: body.meta.start_date, end: body.meta.end_date }));
  const rows = batches.flatMap((batch) => batch.rows);

  it('parses all 153 rows with none dropped', () => {
    expect(days).toEqual(['2026-09-30', '2026-10-01', '2026-10-07']);
    expect(batches.map((b) => b.dropped)).toEqual([0, 0, 0]);
    expect(rows).toHaveLength(153);
    expect(rows.every((row) => row.asOf === '2026-10-08T01:46:15Z')).toBe(true);
  });

  it('joins every permaslug to a model or keeps it as its own identity, never losing tokens', () => {
    const index = buildCatalogIndex(snapshot.models);
    const byKey = new Map<string, number>();
    for (const row of rows) {
      const identity = resolveIdentity(row.permaslug, index, DEFAULT_COUNTRY_MAP);
      if (row.permaslug === 'other') expect(identity).toMatchObject({ key: 'other', kind: 'other' });
      else if (identity.modelId === null) expect(identity.key).toBe(row.permaslug);
      else expect(identity.key).toBe(identity.modelId);
      byKey.set(`${row.date} ${identity.key}`, (byKey.get(`${row.date} ${identity.key}`) ?? 0) + row.tokens);
    }
    const total = (values: Iterable<number>) => [...values].reduce((sum, n) => sum + n, 0);
    expect(total(byKey.values())).toBe(total(csvRows.map((row) => Number(row.total_tokens))));
    expect(rows.find((row) => row.date === '2026-09-30' && row.permaslug === 'stealth/space-bunny-alpha')?.tokens).toBe(5331621827040);
  });

  it('joins the Feb-2026 models still ranked in October, and keeps the stealth #1 unattributed', () => {
    const index = buildCatalogIndex(snapshot.models);
    expect(resolveIdentity('deepseek/deepseek-v3.2-20251201', index, DEFAULT_COUNTRY_MAP)).toMatchObject({ key: 'deepseek/deepseek-v3.2', country: 'CN' });
    expect(resolveIdentity('anthropic/claude-4.6-sonnet-20260217', index, DEFAULT_COUNTRY_MAP)).toMatchObject({ key: 'anthropic/claude-sonnet-4.6', country: 'US' });
    expect(resolveIdentity('stealth/space-bunny-alpha', index, DEFAULT_COUNTRY_MAP)).toMatchObject({
      key: 'stealth/space-bunny-alpha',
      modelId: null,
      country: UNATTRIBUTED,
    });
  });
});
