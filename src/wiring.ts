import { resolveSource } from './adapters/source/index.js';
import { createRecorder } from './adapters/source/record.js';
import type { Source } from './core/ports/source.js';
import { openSqliteStore, StoreOpenError } from './adapters/store/sqlite.js';
import type { Store } from './core/ports/store.js';
import { describeConfigProblems, parseConfig, type Config } from './config.js';
import { withEnvFile } from './env-file.js';
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
 * SQLite file at `path` (`:memory:` for a throwaway one). `setting` names where the path came from
 * (`DATABASE_PATH`, `--db`; none: the default in the per-user data folder), so an error says what to change.
 */
export async function openStore(path: string, options: { databaseUrl?: string | undefined; setting?: string | undefined } = {}): Promise<Store> {
  // pg is loaded only for PostgreSQL: a bot on SQLite would carry it for nothing.
  const store =
    options.databaseUrl === undefined ? openSqliteFile(path, options.setting) : (await import('./adapters/store/postgres.js')).openPostgresStore(options.databaseUrl);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** The SQLite store at `path`; a path or file it cannot use is reported with `setting` and the fix. */
function openSqliteFile(path: string, setting: string | undefined): Store {
  try {
    return openSqliteStore(path);
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    const change = setting ?? 'DATABASE_PATH';
    const fix =
      error.kind === 'path'
        ? `set ${change} to a file in a folder you can write${setting === 'DATABASE_PATH' ? ', or unset it to use the per-user data folder' : ''}`
        : `the file is not a tokenbrief database or is damaged: move it away to start afresh, or set ${change} to the right file`;
    const where = setting === undefined ? `the default database ${path}` : `${setting}=${path}`;
    throw new StoreOpenError(error.kind, path, error.reason, { cause: error, message: `${where}: ${error.reason}; ${fix}` });
  }
}

/**
 * Start-up shared by both entry points: the environment (with `envFile`'s settings, when given) parsed
 * once, and a logger at its level. A bad environment or env file is reported (every problem) and
 * yields null: the caller exits with code 2.
 */
export function configure(env: NodeJS.ProcessEnv, stderr: (text: string) => void, envFile?: string): { config: Config; logger: Logger } | null {
  const merged = withEnvFile(env, envFile);
  if (!merged.ok) {
    stderr(describeConfigProblems(merged.problems));
    return null;
  }
  const parsed = parseConfig(merged.env);
  if (!parsed.ok) {
    stderr(describeConfigProblems(parsed.problems));
    return null;
  }
  return { config: parsed.config, logger: createLogger(parsed.config.logLevel ?? 'warn') };
}
