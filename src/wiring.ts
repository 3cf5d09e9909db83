import { resolveSource } from './adapters/source/index.js';
import { createRecorder } from './adapters/source/record.js';
import type { Source } from './adapters/source/source.js';
import { openSqliteStore, StoreOpenError } from './adapters/store/sqlite.js';
import type { Store } from './adapters/store/store.js';
import { describeConfigProblems, parseConfig, type Config } from './config.js';
import { withEnvFile } from './env-file.js';
import { createLogger, type Logger } from './log.js';

// The few constructors both entry points (the bot in main.ts and the CLI) share.

export function makeSource(
  spec: string,
  config: Config,
  logger: Logger,
  options: { recordDir?: string | undefined; sleep?: ((ms: number) => Promise<void>) | undefined; now?: () => Date } = {},
): Source {
  return resolveSource(spec, {
    openrouter: {
      baseUrl: config.openrouter.baseUrl,
      apiKey: config.openrouter.apiKey,
      logger,
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.recordDir === undefined ? {} : { record: createRecorder(options.recordDir) }),
    },
  });
}

/**
 * Opens (and migrates) a store: a SQLite file, or `:memory:` for a throwaway one. `setting` names
 * where the path came from (`DATABASE_PATH`, `--db`), so an error says what to change.
 */
export async function openStore(path: string, setting = 'DATABASE_PATH'): Promise<Store> {
  let store: Store;
  try {
    store = openSqliteStore(path);
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    const fix =
      error.kind === 'path'
        ? `set ${setting} to a file in a folder you can write${setting === 'DATABASE_PATH' ? ', or unset it to use the per-user data folder' : ''}`
        : `the file is not a tokenbrief database or is damaged: move it away to start afresh, or set ${setting} to the right file`;
    const message = `${setting}=${path}: ${error.reason}; ${fix}`;
    throw new StoreOpenError(error.kind, path, error.reason, { cause: error, message });
  }
  await store.migrate();
  return store;
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
