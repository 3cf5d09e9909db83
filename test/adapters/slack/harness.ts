import pino from 'pino';
import type { ChartRenderer } from '../../../src/core/ports/charts.js';
import { startSlackApp, type SlackApp } from '../../../src/adapters/slack/app.js';
import { createSampleSource } from '../../../src/adapters/source/sample.js';
import type { Store } from '../../../src/core/ports/store.js';
import type { SlackConfig } from '../../../src/config.js';
import { ingest } from '../../../src/jobs/ingest.js';
import { openStore } from '../../../src/wiring.js';
import { commandDeps } from '../../commands/deps.js';
import type { FakeSlack } from '../../fakes/slack.js';

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

export async function startApp(
  fake: FakeSlack,
  store: Store,
  options: { mode?: 'socket' | 'http'; admins?: string[]; clientOptions?: object; renderChart?: ChartRenderer } = {},
): Promise<Running> {
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
