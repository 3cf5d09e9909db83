import { App, type webApi } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/store.js';
import type { SlackConfig } from '../../config.js';
import type { CountryMap } from '../../core/types.js';
import type { Logger } from '../../log.js';
import { createAdminCheck } from './admin.js';
import { registerCommands } from './commands.js';
import { startupProblem } from './errors.js';
import { boltLogger } from './logger.js';
import { createPacer, type Pacer } from './pacer.js';

export interface SlackAppOptions {
  config: SlackConfig;
  store: Store;
  countries: CountryMap;
  /** The configured source's name, for the brief's data line. */
  source: string;
  logger: Logger;
  /** Laid over the defaults below (tests point a fast retry policy and short timeouts at a fake Slack). */
  clientOptions?: webApi.WebClientOptions;
}

export interface SlackApp {
  /** The Web API client, for posting outside commands (the scheduler's briefs). */
  client: webApi.WebClient;
  /** Spaces posts per channel for the commands; posts outside them go through it too, to share Slack's budget. */
  pacer: Pacer;
  /** The port Bolt's HTTP receiver listens on (HTTP mode); null in Socket Mode. */
  port: number | null;
  stop(): Promise<void>;
}

/**
 * The client's own default retries for 10 times over ~30 minutes (100 in Socket Mode) and never times
 * out a request: a user would wait forever on a dead Slack. This policy gives up within a minute or so.
 * A 429 with Retry-After pauses the client for that long before the retry counts.
 */
const DEFAULT_CLIENT_OPTIONS = {
  retryConfig: { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 15_000, randomize: true },
  timeout: 10_000,
} as const satisfies webApi.WebClientOptions;

/** Starts the Slack app: Socket Mode when an app token is configured, otherwise Bolt's HTTP receiver. */
export async function startSlackApp(options: SlackAppOptions): Promise<SlackApp> {
  const { config, logger } = options;
  const { mode } = config;
  const app = new App({
    token: config.botToken,
    ...(mode.kind === 'socket' ? { socketMode: true, appToken: mode.appToken } : { signingSecret: mode.signingSecret }),
    logger: boltLogger(logger),
    clientOptions: { ...DEFAULT_CLIENT_OPTIONS, slackApiUrl: config.apiUrl, ...options.clientOptions },
    // Commands need no conversation state; the default store would only hold memory.
    convoStore: false,
    // Checked in init() below instead of in the constructor, where a bad token is an unhandled rejection.
    deferInitialization: true,
  });
  try {
    await app.init();
  } catch (error) {
    throw new Error(startupProblem(error, 'SLACK_BOT_TOKEN', config.apiUrl), { cause: error });
  }
  const pacer = createPacer();
  registerCommands(app, {
    store: options.store,
    countries: options.countries,
    source: options.source,
    logger,
    isAdmin: createAdminCheck({ admins: config.admins }),
    pacer,
  });

  if (mode.kind === 'socket') {
    try {
      await app.start();
    } catch (error) {
      throw new Error(startupProblem(error, 'SLACK_APP_TOKEN', config.apiUrl), { cause: error });
    }
    logger.info({ mode: 'socket' }, 'slack app connected');
    return { client: app.client, pacer, port: null, stop: async () => void (await app.stop()) };
  }

  const server = await app.start(mode.host === undefined ? { port: mode.port } : { port: mode.port, host: mode.host });
  const { port } = server.address() as AddressInfo;
  logger.info({ mode: 'http', port }, 'slack app listening at /slack/events');
  return { client: app.client, pacer, port, stop: async () => void (await app.stop()) };
}
