import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenRouter } from './openrouter.js';
import type { FakeOpenRouter } from './openrouter.js';

// The fake stands in for OpenRouter in every source test, so its own protocol facts are checked here.

let fake: FakeOpenRouter;
const auth = { authorization: 'Bearer k' };

beforeEach(async () => {
  fake = await startFakeOpenRouter({
    rows: [
      { date: '2025-01-01', model_permaslug: 'a/b', total_tokens: '1' },
      { date: '2026-03-08', model_permaslug: 'a/b', total_tokens: '2' },
    ],
    asOf: '2026-03-09T02:00:00Z',
    today: '2026-03-09',
  });
});

afterEach(async () => {
  await fake.close();
});

const get = async (path: string, headers: Record<string, string> = auth) => {
  const response = await fetch(`${fake.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as unknown };
};

describe('fake OpenRouter', () => {
  it('serves rankings-daily for the default window: the 30 days ending yesterday', async () => {
    expect(await get('/datasets/rankings-daily')).toEqual({
      status: 200,
      body: {
        data: [{ date: '2026-03-08', model_permaslug: 'a/b', total_tokens: '2' }],
        meta: { as_of: '2026-03-09T02:00:00Z', version: 'v1', start_date: '2026-02-06', end_date: '2026-03-08' },
      },
    });
  });

  it('clamps a start before 2025-01-01 and echoes it in meta', async () => {
    const { body } = await get('/datasets/rankings-daily?start_date=2024-12-01&end_date=2025-01-31');
    expect(body).toMatchObject({ data: [{ date: '2025-01-01' }], meta: { start_date: '2025-01-01', end_date: '2025-01-31' } });
  });

  it.each([
    ['an impossible date', '?start_date=2026-02-30&end_date=2026-03-01', /Invalid start_date/],
    ['an end before the data begins', '?start_date=2024-01-01&end_date=2024-12-31', /end_date must be on or after 2025-01-01/],
    ['a start after the end', '?start_date=2026-03-02&end_date=2026-03-01', /start_date must be on or before end_date/],
    ['a span over 366 days', '?start_date=2025-01-01&end_date=2026-01-02', /at most 366 days/],
  ])('answers 400 with the error body for %s', async (_label, query, message) => {
    const { status, body } = await get(`/datasets/rankings-daily${query}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 400, message: expect.stringMatching(message) } });
  });

  it('accepts exactly 366 days', async () => {
    expect((await get('/datasets/rankings-daily?start_date=2025-01-01&end_date=2026-01-01')).status).toBe(200);
  });

  it('answers 401 without a Bearer key, but serves /models without one', async () => {
    expect((await get('/datasets/rankings-daily', {})).status).toBe(401);
    expect(await get('/models', {})).toEqual({ status: 200, body: { data: [] } });
  });

  it('records requests and plays scripted misbehaviour in order', async () => {
    fake.script({ status: 429, retryAfter: '2' }, { body: '{"data": [tru' });
    const limited = await fetch(`${fake.url}/models`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({ error: { code: 429 } });
    expect(await (await fetch(`${fake.url}/models`)).text()).toBe('{"data": [tru');
    expect((await get('/models')).status).toBe(200);
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/v1/models', '/api/v1/models', '/api/v1/models']);
  });

  it('closes promptly while a request hangs', async () => {
    fake.script({ hang: true });
    const hung = fetch(`${fake.url}/models`).catch((e: unknown) => e);
    await expect.poll(() => fake.requests.length).toBe(1);
    await fake.close();
    expect(await hung).toBeInstanceOf(Error);
  });
});
