import { resolveSource } from './adapters/source/index.js';
import { createRecorder } from './adapters/source/record.js';
import type { Source } from './adapters/source/source.js';
import { openSqliteStore } from './adapters/store/sqlite.js';
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

/** Opens (and migrates) a store: a SQLite file, or `:memory:` for a throwaway one. */
export async function openStore(path: string): Promise<Store> {
  const store = openSqliteStore(path);
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
