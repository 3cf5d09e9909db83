import { App, type webApi } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { CommandDeps } from '../../commands/run.js';
import type { SlackConfig } from '../../config.js';
import { settlesBy, type Supervisor } from '../../lifecycle.js';
import type { Logger } from '../../core/ports/logger.js';
import type { BriefPoster } from '../../core/ports/poster.js';
import type { ChartRenderer } from '../../core/ports/charts.js';
import { renderChart } from '../chart/render.js';
import { createAdminCheck } from './admin.js';
import { createAnswerGate } from './answer-gate.js';
import { uploadChart } from './chart.js';
import { DEFAULT_CLIENT_OPTIONS } from './client-options.js';
import { registerCommands } from './commands.js';
import { startupProblem } from './errors.js';
import { boltLogger } from './logger.js';
import { createPacer } from './pacer.js';
import { slackPoster } from './post-brief.js';

export interface SlackAppOptions {
  config: SlackConfig;
  commands: CommandDeps;
  logger: Logger;
  /** Told about fatal errors (revoked tokens) and the commands in flight; none in tests that run the app alone. */
  supervisor?: Supervisor;
  /** Draws charts; the PNG renderer unless a test passes another. */
  renderChart?: ChartRenderer;
  /** Laid over the defaults below (tests point a fast retry policy and short timeouts at a fake Slack). */
  clientOptions?: webApi.WebClientOptions;
}

export interface SlackApp {
  /** Posts briefs with the app's client and pacing, the one `/brief post` uses: posts from outside commands share Slack's budget. */
  poster: BriefPoster;
  /** The port Bolt's HTTP receiver listens on (HTTP mode); null in Socket Mode. */
  port: number | null;
  /** Stops taking commands; connections still open at `deadline` (epoch ms, default in 10 s) are cut. */
  stop(deadline?: number): Promise<void>;
}

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
  const poster = slackPoster(app.client, pacer);
  registerCommands(app, {
    commands: options.commands,
    logger,
    isAdmin: createAdminCheck({ admins: config.admins, client: app.client }),
    poster,
    supervisor: options.supervisor,
    renderChart: options.renderChart ?? renderChart,
    shareChart: (channel, image, comment) => uploadChart(app.client, channel, image, pacer, { comment }).then(() => undefined),
    answers: createAnswerGate(),
  });

  if (mode.kind === 'socket') {
    try {
      await app.start();
    } catch (error) {
      throw new Error(startupProblem(error, 'SLACK_APP_TOKEN', config.apiUrl), { cause: error });
    }
    logger.info({ mode: 'socket' }, 'slack app connected');
    return { poster, port: null, stop: async (deadline = Date.now() + STOP_MS) => void (await settlesBy(app.stop(), deadline)) };
  }

  const server = await app.start(mode.host === undefined ? { port: mode.port } : { port: mode.port, host: mode.host });
  const { port } = server.address() as AddressInfo;
  logger.info({ mode: 'http', port }, 'slack app listening at /slack/events');
  const stop = async (deadline = Date.now() + STOP_MS): Promise<void> => {
    const closing = app.stop();
    // close() waits for every open connection: one half-open request would hold it for minutes.
    if (!(await settlesBy(closing, deadline))) {
      logger.warn('slack: connections still open at the stop deadline were cut');
      server.closeAllConnections();
    }
    await closing;
  };
  return { poster, port, stop };
}

const STOP_MS = 10_000;
