import { resolveSource } from './adapters/source/index.js';
import { createRecorder } from './adapters/source/record.js';
import type { Source } from './core/ports/source.js';
import { openPostgresStore } from './adapters/store/postgres.js';
import { openSqliteStore } from './adapters/store/sqlite.js';
import type { Store } from './core/ports/store.js';
import { describeConfigProblems, parseConfig, type Config } from './config.js';
import type { Logger } from './core/ports/logger.js';
import { createLogger } from './log.js';

// The few constructors both entry points (the bot in main.ts and the CLI) share.

/** Deadlines of the live source; tests shorten them, a backfill lifts the budget (Infinity). */
export interface SourceDeadlines {
  requestMs?: number | undefined;
  budgetMs?: number | undefined;
}

export interface SourceRuntime {
  recordDir?: string | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  now?: (() => Date) | undefined;
  deadlines?: SourceDeadlines | undefined;
  progress?: ((message: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export function makeSource(spec: string, config: Config, logger: Logger, options: SourceRuntime = {}): Source {
  return resolveSource(spec, {
    openrouter: {
      baseUrl: config.openrouter.baseUrl,
      apiKey: config.openrouter.apiKey,
      logger,
      sleep: options.sleep,
      now: options.now,
      record: options.recordDir === undefined ? undefined : createRecorder(options.recordDir),
      timeoutMs: options.deadlines?.requestMs,
      budgetMs: options.deadlines?.budgetMs,
      progress: options.progress,
      signal: options.signal,
    },
  });
}

/**
 * Opens (and migrates) a store: PostgreSQL when `databaseUrl` is given (`DATABASE_URL`), otherwise the
 * SQLite file at `path` (`:memory:` for a throwaway one).
 */
export async function openStore(path: string, databaseUrl?: string): Promise<Store> {
  const store = databaseUrl === undefined ? openSqliteStore(path) : openPostgresStore(databaseUrl);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Start-up shared by both entry points: the environment parsed once, and a logger at its level.
 * A bad environment is reported (every problem) and yields null: the caller exits with code 2.
 */
export function configure(env: NodeJS.ProcessEnv, stderr: (text: string) => void): { config: Config; logger: Logger } | null {
  const parsed = parseConfig(env);
  if (!parsed.ok) {
    stderr(describeConfigProblems(parsed.problems));
    return null;
  }
  return { config: parsed.config, logger: createLogger(parsed.config.logLevel ?? 'warn') };
}
