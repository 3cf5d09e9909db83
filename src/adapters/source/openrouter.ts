import { addDays, isDay } from '../../core/week.js';
import type { CatalogSnapshot, Day, UsageBatch } from '../../core/types.js';
import { createGetJson, type Deadline } from './http.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Recorder } from './record.js';
import { SourceError } from '../../core/ports/source.js';
import type { Source } from '../../core/ports/source.js';
import { parseModelsBody, parseRankingsBody } from './wire.js';

// The live source: OpenRouter's rankings-daily Data API (usage) and /models (names and prices).

export interface OpenRouterSourceOptions {
  /** e.g. `https://openrouter.ai/api/v1`. */
  baseUrl: string;
  apiKey: string | undefined;
  logger: Logger;
  /** One request's timeout. */
  timeoutMs?: number;
  /**
   * The deadline of one `fetchUsage` or `fetchCatalogs` call, retries and waits included: a hung or
   * rate-limiting server fails the call within it. Infinity for a backfill, which waits as told.
   */
  budgetMs?: number;
  /** Monotonic milliseconds for the deadlines (performance.now by default). */
  clock?: () => number;
  /** Human progress of long calls (waits of 5 s or more, windows of a backfill). */
  progress?: (message: string) => void;
  /** Aborts every request and wait (the bot stopping). */
  signal?: AbortSignal;
  maxRetries?: number;
  /** Minimum gap between request starts; 2.1 s keeps us under the documented 30 requests/minute. */
  minIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  record?: Recorder;
}

/** The API's widest accepted span, in days (inclusive); wider requests answer 400. */
export const MAX_WINDOW_DAYS = 366;

/** Defaults: a hung server fails a call within 30 s, with room for a retry of a request that hung. */
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_BUDGET_MS = 30_000;

export const MISSING_KEY = 'OPENROUTER_API_KEY is not set: the rankings-daily Data API needs a key (any inference key)';

/** Consecutive windows of at most `maxDays` days covering `[start, end]`, oldest first. */
export function splitRange(range: { start: Day; end: Day }, maxDays = MAX_WINDOW_DAYS): Array<{ start: Day; end: Day }> {
  const windows: Array<{ start: Day; end: Day }> = [];
  for (let start = range.start; start <= range.end; start = addDays(start, maxDays)) {
    const last = addDays(start, maxDays - 1);
    windows.push({ start, end: last < range.end ? last : range.end });
  }
  return windows;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createOpenRouterSource(options: OpenRouterSourceOptions): Source {
  const { apiKey, logger, record } = options;
  const now = options.now ?? (() => new Date());
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const clock = options.clock ?? (() => performance.now());
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const getJson = createGetJson({
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: Math.max(0, options.maxRetries ?? 4),
    minIntervalMs: options.minIntervalMs ?? 2_100,
    sleep: options.sleep ?? realSleep,
    now,
    clock,
    logger,
    progress: options.progress,
    signal: options.signal,
    secret: apiKey,
  });
  const deadline = (): Deadline => ({ at: clock() + budgetMs, budgetMs });
  const auth = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });

  async function fetchWindow(key: string, window: { start: Day; end: Day } | null, by: Deadline): Promise<UsageBatch> {
    const url = new URL(`${baseUrl}/datasets/rankings-daily`);
    if (window) {
      url.searchParams.set('start_date', window.start);
      url.searchParams.set('end_date', window.end);
    }
    const json = await getJson(url, auth(key), by);
    const batch = parseRankingsBody(json, window ?? undefined);
    const fields = { start: batch.startDate, end: batch.endDate, rows: batch.rows.length, dropped: batch.dropped, asOf: batch.asOf };
    if (batch.dropped > 0) logger.warn(fields, 'rankings-daily: dropped invalid or out-of-window rows');
    else logger.info(fields, 'rankings-daily fetched');
    await record?.rankings(json, window, batch.asOf);
    return batch;
  }

  return {
    name: 'openrouter',

    async fetchUsage(range) {
      if (!apiKey) throw new SourceError(MISSING_KEY);
      if (range && !(isDay(range.start) && isDay(range.end) && range.start <= range.end)) {
        throw new SourceError(`invalid date range ${range.start}..${range.end}: expected YYYY-MM-DD with start <= end`);
      }
      const by = deadline();
      const windows = range ? splitRange(range) : [null];
      const batches: UsageBatch[] = [];
      for (const [i, window] of windows.entries()) {
        batches.push(await fetchWindow(apiKey, window, by));
        if (windows.length > 1 && window) options.progress?.(`fetched ${window.start}..${window.end} (window ${i + 1} of ${windows.length})`);
      }
      return batches;
    },

    async fetchCatalogs(): Promise<CatalogSnapshot[]> {
      const fetchedOn = now().toISOString().slice(0, 10);
      const json = await getJson(new URL(`${baseUrl}/models`), apiKey ? auth(apiKey) : {}, deadline());
      const { snapshot, dropped } = parseModelsBody(json, fetchedOn);
      const fields = { fetchedOn, models: snapshot.models.length, dropped };
      if (dropped > 0) logger.warn(fields, '/models: dropped entries without an id or with a repeated id');
      else logger.info(fields, '/models fetched');
      await record?.models(json, fetchedOn);
      return [snapshot];
    },
  };
}
