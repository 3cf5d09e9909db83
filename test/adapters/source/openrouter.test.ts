import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenRouterSource, splitRange } from '../../../src/adapters/source/openrouter.js';
import type { OpenRouterSourceOptions } from '../../../src/adapters/source/openrouter.js';
import { SourceError } from '../../../src/core/ports/source.js';
import { startFakeOpenRouter } from '../../fakes/openrouter.js';
import type { FakeOpenRouter } from '../../fakes/openrouter.js';
import { captureLogger, fakeClock } from './helpers.js';

const KEY = 'sk-or-v1-test-secret-key-0123456789';
const rows = [
  { date: '2026-03-01', model_permaslug: 'minimax/minimax-m2.5-20260211', total_tokens: '812345678901' },
  { date: '2026-03-01', model_permaslug: 'other', total_tokens: '51234567890' },
  { date: '2026-03-02', model_permaslug: 'minimax/minimax-m2.5-20260211', total_tokens: '823456789012' },
];

let fake: FakeOpenRouter;
let clock: ReturnType<typeof fakeClock>;
let logger: ReturnType<typeof captureLogger>;

beforeEach(async () => {
  fake = await startFakeOpenRouter({ rows, asOf: '2026-03-09T02:00:00Z', today: '2026-03-09' });
  clock = fakeClock();
  logger = captureLogger();
});

afterEach(async () => {
  await fake.close();
});

/** Retry tests turn pacing off so the recorded sleeps are the retry delays alone. */
const source = (options: Partial<OpenRouterSourceOptions> = {}) =>
  createOpenRouterSource({ baseUrl: fake.url, apiKey: KEY, logger, sleep: clock.sleep, now: clock.now, minIntervalMs: 0, ...options });

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('splitRange', () => {
  it('keeps a range of up to 366 days whole', () => {
    expect(splitRange({ start: '2025-01-01', end: '2026-01-01' })).toEqual([{ start: '2025-01-01', end: '2026-01-01' }]);
    expect(splitRange({ start: '2026-03-01', end: '2026-03-01' })).toEqual([{ start: '2026-03-01', end: '2026-03-01' }]);
  });

  it('splits a longer range into consecutive windows of at most 366 days', () => {
    expect(splitRange({ start: '2025-01-01', end: '2026-01-02' })).toEqual([
      { start: '2025-01-01', end: '2026-01-01' },
      { start: '2026-01-02', end: '2026-01-02' },
    ]);
    expect(splitRange({ start: '2024-01-01', end: '2026-12-31' }, 400)).toEqual([
      { start: '2024-01-01', end: '2025-02-03' },
      { start: '2025-02-04', end: '2026-03-10' },
      { start: '2026-03-11', end: '2026-12-31' },
    ]);
  });
});

describe('fetchUsage', () => {
  it('asks for the range with the key as a Bearer token and returns the validated batch', async () => {
    const batches = await source().fetchUsage({ start: '2026-03-01', end: '2026-03-01' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/datasets/rankings-daily',
      query: { start_date: '2026-03-01', end_date: '2026-03-01' },
    });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(batches).toEqual([
      {
        rows: [
          { date: '2026-03-01', permaslug: 'minimax/minimax-m2.5-20260211', tokens: 812345678901, asOf: '2026-03-09T02:00:00Z' },
          { date: '2026-03-01', permaslug: 'other', tokens: 51234567890, asOf: '2026-03-09T02:00:00Z' },
        ],
        asOf: '2026-03-09T02:00:00Z',
        startDate: '2026-03-01',
        endDate: '2026-03-01',
        dropped: 0,
      },
    ]);
  });

  it('sends no dates without a range and takes the API default window from meta', async () => {
    const [batch] = await source().fetchUsage();
    expect(fake.requests[0]?.query).toEqual({});
    expect(batch).toMatchObject({ startDate: '2026-02-06', endDate: '2026-03-08' });
    expect(batch?.rows).toHaveLength(3);
  });

  it('tolerates a trailing slash on the base URL', async () => {
    await source({ baseUrl: `${fake.url}/` }).fetchUsage({ start: '2026-03-01', end: '2026-03-02' });
    expect(fake.requests[0]?.path).toBe('/api/v1/datasets/rankings-daily');
  });

  it('fails without a key before making any request', async () => {
    for (const apiKey of [undefined, '']) {
      const error = await failure(source({ apiKey }).fetchUsage({ start: '2026-03-01', end: '2026-03-02' }));
      expect(error.message).toBe('OPENROUTER_API_KEY is not set: the rankings-daily Data API needs a key (any inference key)');
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses an invalid range before making any request', async () => {
    await failure(source().fetchUsage({ start: '2026-03-05', end: '2026-03-01' }));
    await failure(source().fetchUsage({ start: '2026-02-30', end: '2026-03-01' }));
    expect(fake.requests).toHaveLength(0);
  });

  it('backfills 2025-01-01..2026-03-08 in two windows of at most 366 days, paced 2.1 s apart', async () => {
    const batches = await source({ minIntervalMs: undefined }).fetchUsage({ start: '2025-01-01', end: '2026-03-08' });
    expect(fake.requests.map((r) => r.query)).toEqual([
      { start_date: '2025-01-01', end_date: '2026-01-01' },
      { start_date: '2026-01-02', end_date: '2026-03-08' },
    ]);
    expect(fake.requests.every((r) => r.query.start_date !== undefined)).toBe(true);
    expect(clock.sleeps).toEqual([2100]);
    expect(batches.map((b) => [b.startDate, b.endDate, b.rows.length])).toEqual([
      ['2025-01-01', '2026-01-01', 0],
      ['2026-01-02', '2026-03-08', 3],
    ]);
  });

  it('paces concurrent calls too: requests of one source never overlap', async () => {
    const live = source({ minIntervalMs: 2100 });
    await Promise.all([live.fetchUsage({ start: '2026-03-01', end: '2026-03-02' }), live.fetchCatalogs(), live.fetchCatalogs()]);
    expect(fake.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([2100, 2100]);
  });

  it('drops rows outside the window the API sent anyway, and warns', async () => {
    fake.setRankings((window) => ({ data: rows, meta: { as_of: '2026-03-09T02:00:00Z', ...window } }));
    const [batch] = await source().fetchUsage({ start: '2026-03-02', end: '2026-03-02' });
    expect(batch?.rows.map((r) => r.date)).toEqual(['2026-03-02']);
    expect(batch?.dropped).toBe(2);
    expect(logger.lines.some((l) => l.level === 'warn' && /dropped/.test(l.msg ?? ''))).toBe(true);
  });

  it('rejects a body that fails the whole-body schema without retrying', async () => {
    fake.script({ body: '{"data":[]}' });
    const error = await failure(source().fetchUsage({ start: '2026-03-01', end: '2026-03-02' }));
    expect(error.message).toMatch(/rankings-daily answered an unusable body \(meta: /);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('HTTP failures', () => {
  const range = { start: '2026-03-01', end: '2026-03-02' };

  it('401: no retry, a clear message without the key', async () => {
    fake.script({ status: 401 });
    const error = await failure(source().fetchUsage(range));
    expect(error.message).toBe('OpenRouter rejected the API key (401): check OPENROUTER_API_KEY');
    expect(error.detail).toMatchObject({ status: 401, retryable: false });
    expect(fake.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('a real 401 from the API for a key it does not take', async () => {
    const response = await fetch(`${fake.url}/datasets/rankings-daily`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 401, message: 'No auth credentials found' } });
  });

  it('403: treated like 401', async () => {
    fake.script({ status: 403 });
    const error = await failure(source().fetchUsage(range));
    expect(error.message).toBe('OpenRouter rejected the API key (403): check OPENROUTER_API_KEY');
    expect(fake.requests).toHaveLength(1);
  });

  it('400: no retry, quotes the API’s error message', async () => {
    fake.script({ status: 400, body: JSON.stringify({ error: { code: 400, message: 'Invalid end_date: expected YYYY-MM-DD' } }) });
    const error = await failure(source().fetchUsage(range));
    expect(error.message).toBe(
      'OpenRouter refused /api/v1/datasets/rankings-daily?start_date=2026-03-01&end_date=2026-03-02 (400): Invalid end_date: expected YYYY-MM-DD',
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('never repeats the key, even when an error body echoes it', async () => {
    fake.script({ status: 400, body: JSON.stringify({ error: { code: 400, message: `bad key ${KEY}` } }) });
    const error = await failure(source().fetchUsage(range));
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain('bad key [redacted]');
  });

  it('429 with Retry-After: 2 waits 2000 ms, then succeeds', async () => {
    fake.script({ status: 429, retryAfter: '2' });
    const [batch] = await source().fetchUsage(range);
    expect(batch?.rows).toHaveLength(3);
    expect(fake.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('429 with an HTTP-date Retry-After waits until that time', async () => {
    fake.script({ status: 429, retryAfter: new Date(clock.now().getTime() + 7000).toUTCString() });
    await source().fetchUsage(range);
    expect(clock.sleeps).toEqual([7000]);
  });

  it('caps an absurd Retry-After at 120 s (without a deadline, as in a backfill)', async () => {
    fake.script({ status: 503, retryAfter: '86400' });
    await source({ budgetMs: Number.POSITIVE_INFINITY }).fetchUsage(range);
    expect(clock.sleeps).toEqual([120_000]);
  });

  it('500 then success: one retry after 1 s', async () => {
    fake.script({ status: 500 });
    const [batch] = await source().fetchUsage(range);
    expect(batch?.rows).toHaveLength(3);
    expect(fake.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('500 forever: SourceError after maxRetries, backing off exponentially', async () => {
    fake.script(...Array.from({ length: 5 }, () => ({ status: 500 })));
    const error = await failure(source().fetchUsage(range));
    expect(error.message).toBe('OpenRouter unavailable after 5 attempts: HTTP 500');
    expect(error.detail).toMatchObject({ status: 500, retryable: true });
    expect(fake.requests).toHaveLength(5);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
  });

  it('honours a custom maxRetries', async () => {
    fake.script({ status: 502 }, { status: 502 });
    const error = await failure(source({ maxRetries: 1 }).fetchUsage(range));
    expect(error.message).toBe('OpenRouter unavailable after 2 attempts: HTTP 502');
    expect(fake.requests).toHaveLength(2);
  });

  it('a server that never answers times out, and the timeouts end in a SourceError', async () => {
    fake.script({ hang: true }, { hang: true });
    const error = await failure(source({ timeoutMs: 100, maxRetries: 1 }).fetchUsage(range));
    expect(error.message).toBe('OpenRouter unavailable after 2 attempts: timed out after 100 ms');
    expect(fake.requests).toHaveLength(2);
  });

  it('a hung server fails the call at its deadline, the last request cut to the time left', async () => {
    fake.script(...Array.from({ length: 5 }, () => ({ hang: true as const })));
    let time = 0;
    const error = await failure(source({ timeoutMs: 100, budgetMs: 250, clock: () => (time += 60.5) }).fetchUsage(range));
    expect(error.message).toMatch(/^OpenRouter did not answer within the 1 s deadline \(/);
    expect(error.message).not.toMatch(/out of range/);
  });

  it('a Retry-After past the deadline gives up at once, quoting the server’s wait', async () => {
    fake.script({ status: 429, retryAfter: '3600' });
    const error = await failure(source().fetchUsage(range));
    expect(error.message).toBe('OpenRouter: rate limited, retry after 3600 s (HTTP 429)');
    expect(clock.sleeps).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('a timeout is retried', async () => {
    fake.script({ hang: true });
    const [batch] = await source({ timeoutMs: 100 }).fetchUsage(range);
    expect(batch?.rows).toHaveLength(3);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('a dropped connection is retried', async () => {
    fake.script({ destroy: true });
    const [batch] = await source().fetchUsage(range);
    expect(batch?.rows).toHaveLength(3);
    expect(fake.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('dropped connections forever name the network error', async () => {
    fake.script({ destroy: true }, { destroy: true });
    const error = await failure(source({ maxRetries: 1 }).fetchUsage(range));
    expect(error.message).toMatch(/^OpenRouter unavailable after 2 attempts: network error/);
  });

  it('a truncated body is retried once', async () => {
    fake.script({ body: '{"data": [tru' });
    const [batch] = await source().fetchUsage(range);
    expect(batch?.rows).toHaveLength(3);
    expect(fake.requests).toHaveLength(2);
  });

  it('a second unreadable body is a SourceError, without further retries', async () => {
    fake.script({ body: '{"data": [tru' }, { body: '<html>maintenance</html>' });
    const error = await failure(source().fetchUsage(range));
    expect(error.message).toBe(
      '/api/v1/datasets/rankings-daily?start_date=2026-03-01&end_date=2026-03-02 answered a body that is not JSON (truncated?)',
    );
    expect(fake.requests).toHaveLength(2);
  });

  it('never writes the key into a log line', async () => {
    fake.script({ status: 429, retryAfter: '1' }, { status: 500 }, { destroy: true });
    await source().fetchUsage(range);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(3);
    expect(JSON.stringify(logger.lines)).not.toContain(KEY);
  });
});

describe('fetchCatalogs', () => {
  const models = {
    data: [
      { id: 'minimax/minimax-m2.5', canonical_slug: 'minimax/minimax-m2.5-20260211', name: 'MiniMax: MiniMax M2.5', pricing: { prompt: '0.000000295', completion: '0.0000012' } },
      { id: 'openrouter/auto', canonical_slug: 'openrouter/auto', name: 'Auto Router', pricing: { prompt: '-1', completion: '-1' } },
    ],
    total_count: 2,
  };

  it('fetches /models without needing a key, dated by the UTC day of now()', async () => {
    fake.setModels(models);
    const snapshots = await source({ apiKey: undefined, now: () => new Date('2026-03-09T23:59:59-05:00') }).fetchCatalogs();
    expect(fake.requests[0]?.path).toBe('/api/v1/models');
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]?.fetchedOn).toBe('2026-03-10');
    expect(snapshots[0]?.models.map((m) => [m.id, m.price.input, m.price.output])).toEqual([
      ['minimax/minimax-m2.5', 0.295, 1.2],
      ['openrouter/auto', null, null],
    ]);
  });

  it('sends the key when there is one', async () => {
    await source().fetchCatalogs();
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('warns about dropped entries', async () => {
    fake.setModels({ data: [...models.data, { name: 'no id' }] });
    const [snapshot] = await source().fetchCatalogs();
    expect(snapshot?.models).toHaveLength(2);
    expect(logger.lines.find((l) => l.level === 'warn')?.obj).toMatchObject({ dropped: 1 });
  });

  it('rejects a body that is not {data: [...]}', async () => {
    fake.setModels({ models: [] });
    await failure(source().fetchCatalogs());
  });
});

describe('an unreachable server', () => {
  it('retries refused connections and names the cause', async () => {
    const gone = await startFakeOpenRouter();
    await gone.close();
    const error = await failure(source({ baseUrl: gone.url, maxRetries: 2 }).fetchCatalogs());
    expect(error.message).toMatch(/^OpenRouter unavailable after 3 attempts: network error: .*ECONNREFUSED/);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });
});
