import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { zoneFault, ZoneSchema } from './core/schedule/schedule.js';
import { renderProblem } from './render/problems.js';

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

/** Whole milliseconds from `min` to `max`. */
function milliseconds(fallback: number, min: number, max: number) {
  return z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** TOKENBRIEF_TZ: a zone that is none is told in the words /subscribe uses (templates/text/problem.hbs). */
const DefaultZone = z
  .string()
  .trim()
  .superRefine((zone, ctx) => {
    const fault = zoneFault(zone);
    if (fault) ctx.addIssue({ code: 'custom', message: renderProblem({ kind: 'bad_zone', text: zone, fault, guess: null }, 'text') });
  })
  .pipe(ZoneSchema);

const EnvSchema = z.object({
  OPENROUTER_API_KEY: optionalText,
  OPENROUTER_BASE_URL: z.preprocess(blankToUndefined, z.url().default('https://openrouter.ai/api/v1')),
  TOKENBRIEF_SOURCE: z.preprocess(blankToUndefined, SourceSpec.optional()),
  TOKENBRIEF_COUNTRY_MAP: optionalText,
  DATABASE_PATH: optionalText,
  // Its own message: zod's would not quote the value, and the value may hold a password.
  DATABASE_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres://user:password@host:5432/database URL' }).optional()),
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
  TOKENBRIEF_SHUTDOWN_MS: milliseconds(10_000, 0, 600_000),
  TOKENBRIEF_GATEWAY_LEASE_MS: milliseconds(30_000, 1_000, 600_000),
  TOKENBRIEF_FANOUT_LEASE_MS: milliseconds(30_000, 1_000, 600_000),
  TOKENBRIEF_CLAIM_LEASE_MS: milliseconds(120_000, 2_000, 3_600_000),
  TOKENBRIEF_TZ: z.preprocess(blankToUndefined, DefaultZone.default('UTC')),
  TOKENBRIEF_GRACE_HOURS: hours(24, 24 * 7),
  TOKENBRIEF_WAIT_HOURS: hours(6, 48),
  TOKENBRIEF_ALERT_COOLDOWN_DAYS: z.preprocess(blankToUndefined, z.coerce.number().min(0).max(365).default(7)),
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

/** A number of hours, from 0 to `max`, fractions allowed. */
function hours(fallback: number, max: number) {
  return z.preprocess(blankToUndefined, z.coerce.number().min(0).max(max).default(fallback));
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
  /** The per-user folder default databases live in (`dataFolder`). */
  dataFolder: string;
  /** The database of `source`: DATABASE_PATH when set, else that source's own file (see `databasePathFor`). */
  databasePath: string;
  /** PostgreSQL instead of the SQLite file when set (`DATABASE_URL`). Holds a password: print it only through `describeDatabase`. */
  databaseUrl: string | undefined;
  /** DATABASE_PATH as set: one file for whichever source runs, which refuses another source's data. */
  explicitDatabasePath: string | undefined;
  logLevel: LogLevel | undefined;
  /** Null when `SLACK_BOT_TOKEN` is unset: no Slack app. */
  slack: SlackConfig | null;
  /** Null when `DISCORD_TOKEN` is unset: no Discord bot. */
  discord: DiscordConfig | null;
  /** On SIGTERM/SIGINT, how long commands in flight may take before the bot stops anyway. */
  shutdownMs: number;
  /** With DATABASE_URL: how long the Discord gateway lease lasts unrenewed, i.e. how soon a standby replaces a dead holder. */
  gatewayLeaseMs: number;
  /** With DATABASE_URL: how long a platform's fan-out lease lasts unrenewed, i.e. how soon another replica takes over a dead holder's fan-outs. */
  fanoutLeaseMs: number;
  schedule: ScheduleConfig;
}

/** Scheduled delivery: defaults and windows (see README, "Scheduled briefs"). */
export interface ScheduleConfig {
  /** The zone of a subscription that names none (`TOKENBRIEF_TZ`, default UTC). */
  defaultZone: string;
  /** A slot missed by less than this (the bot was down) is posted once, marked delayed; older ones are skipped. */
  graceMs: number;
  /** How long after its slot a brief waits for last week's data from a live source. */
  waitMs: number;
  /** After an alert, how long the same model and kind stay quiet in that channel. */
  alertCooldownMs: number;
  /** How long a brief's or alerts' claim in the ledger is held (its sender posts within the first half); a dead sender's claim is taken over after it. */
  claimLeaseMs: number;
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
  const source = e.TOKENBRIEF_SOURCE ?? (e.OPENROUTER_API_KEY ? 'openrouter' : 'sample');
  const folder = dataFolder(env);
  return {
    ok: true,
    config: {
      openrouter: { apiKey: e.OPENROUTER_API_KEY, baseUrl: e.OPENROUTER_BASE_URL.replace(/\/+$/, '') },
      source,
      countryMapPath: e.TOKENBRIEF_COUNTRY_MAP,
      dataFolder: folder,
      databasePath: e.DATABASE_PATH ?? defaultDatabasePath(source, folder),
      explicitDatabasePath: e.DATABASE_PATH,
      databaseUrl: e.DATABASE_URL,
      logLevel: e.LOG_LEVEL,
      slack: slack.config,
      discord: e.DISCORD_TOKEN === undefined ? null : { token: e.DISCORD_TOKEN, apiUrl: e.DISCORD_API_URL.replace(/\/+$/, '') },
      shutdownMs: e.TOKENBRIEF_SHUTDOWN_MS,
      gatewayLeaseMs: e.TOKENBRIEF_GATEWAY_LEASE_MS,
      fanoutLeaseMs: e.TOKENBRIEF_FANOUT_LEASE_MS,
      schedule: {
        defaultZone: e.TOKENBRIEF_TZ,
        graceMs: Math.round(e.TOKENBRIEF_GRACE_HOURS * 3_600_000),
        waitMs: Math.round(e.TOKENBRIEF_WAIT_HOURS * 3_600_000),
        alertCooldownMs: Math.round(e.TOKENBRIEF_ALERT_COOLDOWN_DAYS * 86_400_000),
        claimLeaseMs: e.TOKENBRIEF_CLAIM_LEASE_MS,
      },
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

/** A database URL fit to print: its password, if any, replaced. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

/** Where the store lives, for messages: the Postgres URL without its password, or the SQLite file. */
export function describeDatabase(config: Pick<Config, 'databasePath' | 'databaseUrl'>): string {
  return config.databaseUrl === undefined ? config.databasePath : redactUrl(config.databaseUrl);
}

/**
 * The default database of a source in `folder` (see `dataFolder`): one file per source, so sample and
 * live figures never share one (`sample.db`, `openrouter.db`, `file-<folder>-<hash>.db` for recordings).
 */
export function defaultDatabasePath(source: string, folder: string): string {
  if (!source.startsWith('file:')) return join(folder, `${source}.db`);
  const dir = resolve(source.slice('file:'.length));
  const slug = basename(dir).replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40);
  return join(folder, `file-${slug}-${createHash('sha256').update(dir).digest('hex').slice(0, 8)}.db`);
}

/** The database `source`'s data goes to: DATABASE_PATH when set (which then refuses any other source's data), else its own file. */
export function databasePathFor(config: Pick<Config, 'explicitDatabasePath' | 'dataFolder'>, source: string): string {
  return config.explicitDatabasePath ?? defaultDatabasePath(source, config.dataFolder);
}
