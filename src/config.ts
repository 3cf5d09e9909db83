import { homedir } from 'node:os';
import { join } from 'node:path';
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
  DATABASE_PATH: optionalText,
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(LOG_LEVELS).optional()),
  SLACK_BOT_TOKEN: z.preprocess(blankToUndefined, z.string().trim().startsWith('xoxb-', "must be the bot token (xoxb-…) from 'OAuth & Permissions'").optional()),
  SLACK_APP_TOKEN: z.preprocess(blankToUndefined, z.string().trim().startsWith('xapp-', "must be an app-level token (xapp-…) with connections:write").optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65_535).default(3000)),
  SLACK_HOST: optionalText,
  SLACK_API_URL: z.preprocess(blankToUndefined, z.url().default('https://slack.com/api/')),
  TOKENBRIEF_ADMINS: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_API_URL: z.preprocess(blankToUndefined, z.url().default('https://discord.com/api')),
});

/**
 * Where tokenbrief keeps its data when DATABASE_PATH is unset: a per-user folder, so a command run in
 * any folder finds the same database and never litters the current one ($XDG_DATA_HOME/tokenbrief,
 * else ~/.local/share/tokenbrief; %LOCALAPPDATA%\tokenbrief on Windows).
 */
export function dataFolder(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_DATA_HOME?.trim();
  if (xdg) return join(xdg, 'tokenbrief');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'tokenbrief');
  return join(env.HOME?.trim() || homedir(), '.local', 'share', 'tokenbrief');
}

export type LogLevel = (typeof LOG_LEVELS)[number];

/** The Slack app: Socket Mode (no public URL needed) or Bolt's HTTP receiver at `/slack/events`. */
export interface SlackConfig {
  botToken: string;
  mode: { kind: 'socket'; appToken: string } | { kind: 'http'; signingSecret: string; port: number; host: string | undefined };
  /** Web API base URL, ending in `/`. */
  apiUrl: string;
  /** User ids treated as admins besides workspace admins and owners (`TOKENBRIEF_ADMINS`). */
  admins: string[];
}

/** The Discord bot: its token, and the REST base discord.js appends `/v10/...` to. */
export interface DiscordConfig {
  token: string;
  /** No trailing slash, e.g. `https://discord.com/api`. */
  apiUrl: string;
}

export interface Config {
  openrouter: { apiKey: string | undefined; baseUrl: string };
  /** What the bot ingests on start and on schedule: `openrouter` when a key is set, else `sample`. */
  source: string;
  /** The admin's own lab → country map (JSON file), merged over the built-in one. */
  countryMapPath: string | undefined;
  databasePath: string;
  logLevel: LogLevel | undefined;
  /** Null when `SLACK_BOT_TOKEN` is unset: no Slack app. */
  slack: SlackConfig | null;
  /** Null when `DISCORD_TOKEN` is unset: no Discord bot. */
  discord: DiscordConfig | null;
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
  const keyless =
    e.TOKENBRIEF_SOURCE === 'openrouter' && e.OPENROUTER_API_KEY === undefined
      ? ['TOKENBRIEF_SOURCE: openrouter needs OPENROUTER_API_KEY (any OpenRouter inference key); or use sample or file:DIR']
      : [];
  const slack = slackConfig(e);
  if (!slack.ok || keyless.length > 0) return { ok: false, problems: [...keyless, ...(slack.ok ? [] : slack.problems)] };
  return {
    ok: true,
    config: {
      openrouter: { apiKey: e.OPENROUTER_API_KEY, baseUrl: e.OPENROUTER_BASE_URL.replace(/\/+$/, '') },
      source: e.TOKENBRIEF_SOURCE ?? (e.OPENROUTER_API_KEY ? 'openrouter' : 'sample'),
      countryMapPath: e.TOKENBRIEF_COUNTRY_MAP,
      databasePath: e.DATABASE_PATH ?? join(dataFolder(env), 'tokenbrief.db'),
      logLevel: e.LOG_LEVEL,
      slack: slack.config,
      discord: e.DISCORD_TOKEN === undefined ? null : { token: e.DISCORD_TOKEN, apiUrl: e.DISCORD_API_URL.replace(/\/+$/, '') },
    },
  };
}

function slackConfig(e: z.infer<typeof EnvSchema>): { ok: true; config: SlackConfig | null } | { ok: false; problems: string[] } {
  const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_SIGNING_SECRET: signingSecret } = e;
  if (botToken === undefined) {
    // A half-configured Slack app would otherwise silently fall back to the terminal demo.
    const stray = [appToken && 'SLACK_APP_TOKEN', signingSecret && 'SLACK_SIGNING_SECRET'].filter(Boolean);
    return stray.length === 0
      ? { ok: true, config: null }
      : { ok: false, problems: [`SLACK_BOT_TOKEN: required when ${stray.join(' or ')} is set (the bot token, xoxb-…)`] };
  }
  // Both set: Socket Mode wins, it needs no public URL.
  const mode: SlackConfig['mode'] | null =
    appToken !== undefined
      ? { kind: 'socket', appToken }
      : signingSecret !== undefined
        ? { kind: 'http', signingSecret, port: e.SLACK_PORT, host: e.SLACK_HOST }
        : null;
  if (mode === null) {
    return {
      ok: false,
      problems: ['SLACK_APP_TOKEN: set it for Socket Mode (xapp-…), or set SLACK_SIGNING_SECRET for HTTP mode; SLACK_BOT_TOKEN alone cannot receive commands'],
    };
  }
  return {
    ok: true,
    config: {
      botToken,
      mode,
      apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      admins: (e.TOKENBRIEF_ADMINS ?? '').split(/[\s,]+/).filter((id) => id !== ''),
    },
  };
}

/** Every configuration problem, one per line, for stderr. */
export function describeConfigProblems(problems: string[]): string {
  return `tokenbrief: bad configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`;
}
