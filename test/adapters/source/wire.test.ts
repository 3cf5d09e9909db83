import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/core/ports/source.js';
import { errorMessage, normalizeAsOf, parseModelsBody, parseRankingsBody } from '../../../src/adapters/source/wire.js';

const meta = { as_of: '2026-03-09T02:00:00Z', version: 'v1', start_date: '2026-03-01', end_date: '2026-03-07' };
const row = (date: string, permaslug: string, tokens: unknown) => ({ date, model_permaslug: permaslug, total_tokens: tokens });

describe('parseRankingsBody', () => {
  it('converts rows to domain rows carrying the normalized as_of', () => {
    const batch = parseRankingsBody({
      data: [row('2026-03-01', 'minimax/minimax-m2.5-20260211', '1234567890123'), row('2026-03-01', 'other', '99')],
      meta,
    });
    expect(batch).toEqual({
      rows: [
        { date: '2026-03-01', permaslug: 'minimax/minimax-m2.5-20260211', tokens: 1234567890123, asOf: '2026-03-09T02:00:00Z' },
        { date: '2026-03-01', permaslug: 'other', tokens: 99, asOf: '2026-03-09T02:00:00Z' },
      ],
      asOf: '2026-03-09T02:00:00Z',
      startDate: '2026-03-01',
      endDate: '2026-03-07',
      dropped: 0,
    });
  });

  it('accepts unknown fields in the body, meta and rows', () => {
    const batch = parseRankingsBody({
      data: [{ ...row('2026-03-02', 'z-ai/glm-5-20260211', '5'), rank: 1 }],
      meta: { ...meta, period: 'day' },
      links: {},
    });
    expect(batch.rows).toHaveLength(1);
    expect(batch.dropped).toBe(0);
  });

  it('accepts an empty data array as a batch with zero rows', () => {
    expect(parseRankingsBody({ data: [], meta })).toMatchObject({ rows: [], dropped: 0, startDate: '2026-03-01' });
  });

  it.each([
    ['a string', '{"data": [tru'],
    ['null', null],
    ['an array', []],
    ['a body without meta', { data: [] }],
    ['data that is not an array', { data: {}, meta }],
    ['an impossible meta date', { data: [], meta: { ...meta, start_date: '2026-02-30' } }],
    ['a meta without as_of', { data: [], meta: { start_date: '2026-03-01', end_date: '2026-03-07' } }],
    ['an as_of that is not a timestamp', { data: [], meta: { ...meta, as_of: 'yesterday' } }],
  ])('rejects %s as a whole with a readable reason', (_label, json) => {
    expect(() => parseRankingsBody(json)).toThrow(SourceError);
    expect(() => parseRankingsBody(json)).toThrow(/rankings-daily answered an unusable body \(.+\)/);
  });

  it('names the failing field in the reason', () => {
    expect(() => parseRankingsBody({ data: [] })).toThrow(/meta/);
  });

  it.each([
    ['total_tokens as a JSON number', row('2026-03-01', 'a/b', 1234)],
    ['negative total_tokens', row('2026-03-01', 'a/b', '-5')],
    ['non-numeric total_tokens', row('2026-03-01', 'a/b', '12abc')],
    ['fractional total_tokens', row('2026-03-01', 'a/b', '1.5')],
    ['exponent total_tokens', row('2026-03-01', 'a/b', '1e10')],
    ['total_tokens above MAX_SAFE_INTEGER', row('2026-03-01', 'a/b', '9007199254740993')],
    ['an impossible date', row('2026-02-30', 'a/b', '1')],
    ['a date with time', row('2026-03-01T00:00:00Z', 'a/b', '1')],
    ['an empty permaslug', row('2026-03-01', '', '1')],
    ['a missing permaslug', { date: '2026-03-01', total_tokens: '1' }],
    ['a row that is not an object', 'a/b,1'],
  ])('drops and counts a row with %s', (_label, bad) => {
    const batch = parseRankingsBody({ data: [row('2026-03-01', 'good/model', '7'), bad], meta });
    expect(batch.rows.map((r) => r.permaslug)).toEqual(['good/model']);
    expect(batch.dropped).toBe(1);
  });

  it('keeps MAX_SAFE_INTEGER itself', () => {
    expect(parseRankingsBody({ data: [row('2026-03-01', 'a/b', String(Number.MAX_SAFE_INTEGER))], meta }).rows[0]?.tokens).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('drops rows outside the requested window and reports the window as the batch span', () => {
    const data = [row('2026-02-28', 'a/b', '1'), row('2026-03-02', 'a/b', '2'), row('2026-03-04', 'a/b', '3'), row('2026-03-05', 'a/b', '4')];
    const batch = parseRankingsBody({ data, meta }, { start: '2026-03-01', end: '2026-03-04' });
    expect(batch.rows.map((r) => r.date)).toEqual(['2026-03-02', '2026-03-04']);
    expect(batch).toMatchObject({ startDate: '2026-03-01', endDate: '2026-03-04', dropped: 2 });
  });

  it('without a window, drops rows outside the body’s own meta dates', () => {
    const data = [row('2026-02-28', 'a/b', '1'), row('2026-03-01', 'a/b', '2'), row('2026-03-07', 'a/b', '3'), row('2026-03-08', 'a/b', '4')];
    const batch = parseRankingsBody({ data, meta });
    expect(batch.rows.map((r) => r.date)).toEqual(['2026-03-01', '2026-03-07']);
    expect(batch.dropped).toBe(2);
  });

  it('keeps the first of duplicate (date, permaslug) rows and counts the rest', () => {
    const data = [row('2026-03-01', 'a/b', '1'), row('2026-03-01', 'a/b', '2'), row('2026-03-01', 'a/b:free', '3'), row('2026-03-01', 'a/b', '1')];
    const batch = parseRankingsBody({ data, meta });
    expect(batch.rows.map((r) => [r.permaslug, r.tokens])).toEqual([
      ['a/b', 1],
      ['a/b:free', 3],
    ]);
    expect(batch.dropped).toBe(2);
  });
});

describe('normalizeAsOf', () => {
  it.each([
    ['2026-03-09T02:00:00Z', '2026-03-09T02:00:00Z'],
    ['2026-03-09T02:00:00.123Z', '2026-03-09T02:00:00Z'],
    ['2026-03-09T04:00:00+02:00', '2026-03-09T02:00:00Z'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeAsOf(input)).toBe(expected);
  });
});

describe('parseModelsBody', () => {
  const glm = {
    id: 'z-ai/glm-5',
    canonical_slug: 'z-ai/glm-5-20260211',
    hugging_face_id: 'zai-org/GLM-5',
    name: 'Z.ai: GLM 5',
    created: 1770829182,
    context_length: 204800,
    architecture: { modality: 'text->text' },
    pricing: { prompt: '0.00000095', completion: '0.00000255', input_cache_read: '0.0000002', web_search: '0.01' },
    knowledge_cutoff: '2025-06-30',
  };

  it('reads prices per 1M tokens: "-1" is null (router), "0" is free, missing is null', () => {
    const body = {
      data: [
        glm,
        { id: 'openrouter/auto', canonical_slug: 'openrouter/auto', name: 'Auto Router', pricing: { prompt: '-1', completion: '-1' } },
        { id: 'qwen/qwen3-coder:free', canonical_slug: 'qwen/qwen3-coder-480b-a35b-07-25', name: 'Qwen3 Coder (free)', pricing: { prompt: '0', completion: '0' } },
      ],
      total_count: 3,
      links: { next: null },
    };
    const { snapshot, dropped } = parseModelsBody(body, '2026-02-27');
    expect(dropped).toBe(0);
    expect(snapshot.fetchedOn).toBe('2026-02-27');
    expect(snapshot.models).toEqual([
      {
        id: 'z-ai/glm-5',
        canonicalSlug: 'z-ai/glm-5-20260211',
        name: 'Z.ai: GLM 5',
        created: 1770829182,
        contextLength: 204800,
        huggingFaceId: 'zai-org/GLM-5',
        price: { input: 0.95, output: 2.55, cacheRead: 0.2 },
      },
      {
        id: 'openrouter/auto',
        canonicalSlug: 'openrouter/auto',
        name: 'Auto Router',
        created: null,
        contextLength: null,
        huggingFaceId: null,
        price: { input: null, output: null, cacheRead: null },
      },
      {
        id: 'qwen/qwen3-coder:free',
        canonicalSlug: 'qwen/qwen3-coder-480b-a35b-07-25',
        name: 'Qwen3 Coder (free)',
        created: null,
        contextLength: null,
        huggingFaceId: null,
        price: { input: 0, output: 0, cacheRead: null },
      },
    ]);
  });

  it('falls back to the id for a missing canonical_slug or name, and reads "" hugging_face_id as null', () => {
    const { snapshot } = parseModelsBody({ data: [{ id: 'stealth/x', hugging_face_id: '' }] }, '2026-02-27');
    expect(snapshot.models[0]).toMatchObject({ id: 'stealth/x', canonicalSlug: 'stealth/x', name: 'stealth/x', huggingFaceId: null });
  });

  it('costs a drifted field its value, not the model', () => {
    const drifted = { ...glm, created: '2026-02-11', context_length: -1, hugging_face_id: 7, pricing: { prompt: 1e-7, completion: true } };
    const { snapshot, dropped } = parseModelsBody({ data: [drifted] }, '2026-02-27');
    expect(dropped).toBe(0);
    expect(snapshot.models[0]).toMatchObject({ created: null, contextLength: null, huggingFaceId: null, price: { input: 0.1, output: null } });
  });

  it('drops and counts entries without an id and repeated ids', () => {
    const { snapshot, dropped } = parseModelsBody({ data: [glm, { name: 'no id' }, { id: '' }, 'junk', { ...glm, name: 'again' }] }, '2026-02-27');
    expect(snapshot.models.map((m) => m.name)).toEqual(['Z.ai: GLM 5']);
    expect(dropped).toBe(4);
  });

  it.each([
    ['null', null],
    ['an array', [glm]],
    ['a body without data', { models: [glm] }],
    ['data that is not an array', { data: { 'z-ai/glm-5': glm } }],
  ])('rejects %s as a whole', (_label, json) => {
    expect(() => parseModelsBody(json, '2026-02-27')).toThrow(/\/models answered an unusable body/);
  });
});

describe('errorMessage', () => {
  it('reads the message of an OpenRouter error body', () => {
    expect(errorMessage('{"error":{"code":400,"message":"Invalid start_date","metadata":{"x":1}}}')).toBe('Invalid start_date');
  });

  it.each(['<html>502</html>', '{"error":"boom"}', '{"message":"no"}', ''])('is null for %j', (text) => {
    expect(errorMessage(text)).toBeNull();
  });
});
