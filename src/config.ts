import { z } from 'zod';

// The environment is parsed once, at start. Every problem is reported together so a user fixes a
// bad .env in one round trip instead of one error at a time.

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

const SourceSpec = z
  .string()
  .trim()
  .refine((s) => s === 'sample' || s === 'openrouter' || (s.startsWith('file:') && s.length > 5), {
    message: "must be 'sample', 'openrouter' or 'file:DIR'",
  });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  OPENROUTER_API_KEY: optionalText,
  OPENROUTER_BASE_URL: z.preprocess(blankToUndefined, z.url().default('https://openrouter.ai/api/v1')),
  TOKENBRIEF_SOURCE: z.preprocess(blankToUndefined, SourceSpec.optional()),
  TOKENBRIEF_COUNTRY_MAP: optionalText,
  DATABASE_PATH: z.preprocess(blankToUndefined, z.string().default('./data/tokenbrief.db')),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(LOG_LEVELS).optional()),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  openrouter: { apiKey: string | undefined; baseUrl: string };
  /** What the bot ingests on start and on schedule: `openrouter` when a key is set, else `sample`. */
  source: string;
  /** The admin's own lab → country map (JSON file), merged over the built-in one. */
  countryMapPath: string | undefined;
  databasePath: string;
  logLevel: LogLevel | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function parseConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      openrouter: { apiKey: e.OPENROUTER_API_KEY, baseUrl: e.OPENROUTER_BASE_URL.replace(/\/+$/, '') },
      source: e.TOKENBRIEF_SOURCE ?? (e.OPENROUTER_API_KEY ? 'openrouter' : 'sample'),
      countryMapPath: e.TOKENBRIEF_COUNTRY_MAP,
      databasePath: e.DATABASE_PATH,
      logLevel: e.LOG_LEVEL,
    },
  };
}
