import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ChartRenderer } from '../../../src/core/ports/charts.js';
import { startSlackApp, type SlackApp } from '../../../src/adapters/slack/app.js';
import { createSampleSource } from '../../../src/adapters/source/sample.js';
import type { Store } from '../../../src/core/ports/store.js';
import type { SlackConfig } from '../../../src/config.js';
import { ingest } from '../../../src/jobs/ingest.js';
import { openStore } from '../../../src/wiring.js';
import { commandDeps } from '../../commands/deps.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';

// Drives the real Slack adapter (real Bolt) against the fake Slack on 127.0.0.1, with the bundled
// sample ingested into an in-memory store.

export const SIGNING_SECRET = 'fake-signing-secret';

/** A pino logger that keeps its JSON lines, so tests can read what was logged (and that no token was). */
export function memoryLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug', base: null }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

export async function sampleStore(): Promise<Store> {
  const store = await openStore(':memory:');
  await ingest(createSampleSource(), store, pino({ level: 'silent' }));
  return store;
}

/** The store with some methods replaced (a failing or slow read); the rest go to the real one. */
export function wrapStore(store: Store, overrides: Partial<Store>): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const override = overrides[key as keyof Store];
      if (override !== undefined) return override;
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Retries off and short timeouts: a failure the test did not plan shows at once. */
export const FAST_CLIENT = { retryConfig: { retries: 0 }, timeout: 2000 };

export interface Running {
  app: SlackApp;
  /** Bolt's request URL in HTTP mode. */
  url: string;
  lines: string[];
}

export interface AppOptions {
  mode?: 'socket' | 'http';
  admins?: string[];
  clientOptions?: object;
  renderChart?: ChartRenderer;
}

export async function startApp(fake: FakeSlack, store: Store, options: AppOptions = {}): Promise<Running> {
  const { logger, lines } = memoryLogger();
  const config: SlackConfig = {
    botToken: fake.installation.botToken,
    mode:
      (options.mode ?? 'socket') === 'socket'
        ? { kind: 'socket', appToken: fake.installation.appToken }
        : { kind: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
    apiUrl: fake.apiUrl,
    admins: options.admins ?? [],
  };
  const app = await startSlackApp({
    config,
    commands: commandDeps(store),
    logger,
    clientOptions: { ...FAST_CLIENT, ...options.clientOptions },
    ...(options.renderChart ? { renderChart: options.renderChart } : {}),
  });
  return { app, url: `http://127.0.0.1:${app.port ?? 0}/slack/events`, lines };
}

/** Every text a Block Kit message shows: section and header texts and context elements. */
export function blockTexts(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block: { text?: { text: string }; elements?: Array<{ text: string }> }) => [
    ...(block.text ? [block.text.text] : []),
    ...(block.elements ?? []).map((e) => e.text),
  ]);
}

/** What `useSlackApp` gives a test file; `store` and `fake` are read inside a test. */
export interface SlackRig {
  /** The bundled sample, ingested once for the whole file (tests share what they change in it). */
  readonly store: Store;
  /** A fresh fake Slack for each test. */
  readonly fake: FakeSlack;
  /** Starts the app against this test's fake, on `store` unless given another; it is stopped after the test. */
  start(options?: AppOptions, store?: Store): Promise<Running>;
  /** Stops the app at once: before the test closes a store of its own. */
  stop(): Promise<void>;
  /** A slash command over Socket Mode (`/price kimi`): the ack, and the response_url its answers go to. */
  slash(text: string, fields?: Record<string, string>): Promise<{ ack: Record<string, unknown>; responseUrl: string }>;
}

/**
 * The setup of a file of end-to-end command tests: one sample store for the file, a fake Slack for
 * each test, and whatever app the test started stopped after it. Call it at the top of the file.
 */
export function useSlackApp(): SlackRig {
  let store: Store | undefined;
  let fake: FakeSlack | undefined;
  let running: Running | undefined;
  const stop = async (): Promise<void> => {
    await running?.app.stop();
    running = undefined;
  };
  beforeAll(async () => {
    store = await sampleStore();
  });
  afterAll(() => store?.close());
  beforeEach(async () => {
    fake = await startFakeSlack();
  });
  afterEach(async () => {
    await stop();
    await fake?.close();
    fake = undefined;
  });
  const rig: SlackRig = {
    get store() {
      if (!store) throw new Error('the sample store is read inside a test');
      return store;
    },
    get fake() {
      if (!fake) throw new Error('the fake Slack is read inside a test');
      return fake;
    },
    async start(options = {}, on = rig.store) {
      running = await startApp(rig.fake, on, options);
      return running;
    },
    stop,
    async slash(text, fields = {}) {
      const [name = '', ...rest] = text.split(' ');
      const responseUrl = rig.fake.newResponseUrl();
      const ack = await rig.fake.sendSlashCommand({ command: name, text: rest.join(' '), response_url: responseUrl, ...fields });
      return { ack, responseUrl };
    },
  };
  return rig;
}
