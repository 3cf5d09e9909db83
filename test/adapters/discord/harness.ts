import { readFileSync } from 'node:fs';
import type { ClientOptions } from 'discord.js';
import { afterEach } from 'vitest';
import type { ChartRenderer } from '../../../src/core/ports/charts.js';
import { startDiscordBot, type DiscordBot } from '../../../src/adapters/discord/bot.js';
import { registerCommands } from '../../../src/adapters/discord/register.js';
import { createSampleSource } from '../../../src/adapters/source/sample.js';
import { silentLogger } from '../../../src/core/ports/logger.js';
import { parseModelsBody } from '../../../src/adapters/source/wire.js';
import type { Store } from '../../../src/core/ports/store.js';
import type { DiscordConfig } from '../../../src/config.js';
import { DEFAULT_COUNTRY_MAP } from '../../../src/core/identity.js';
import type { CatalogModel, UsageRow } from '../../../src/core/types.js';
import { ingest } from '../../../src/jobs/ingest.js';
import type { Logger } from '../../../src/core/ports/logger.js';
import { createLogger } from '../../../src/log.js';
import { openStore } from '../../../src/wiring.js';
import { commandDeps } from '../../commands/deps.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type Json } from '../../fakes/discord.js';

// A real discord.js bot (startDiscordBot) against the fake Discord on 127.0.0.1, with its commands
// registered the way `tokenbrief discord register --guild` does, so every interaction the fake builds
// follows the real registration.

export const quietLogger: Logger = createLogger('silent');

/** No waiting: REST without the 50 ms offset or retries, identify without the 5 s spacing. */
export const TEST_CLIENT_OPTIONS: Partial<ClientOptions> = {
  rest: { offset: 0, retries: 0 },
  ws: { buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: async (): Promise<void> => {} }) },
};

export const discordConfig = (fake: FakeDiscord): DiscordConfig => ({ token: fake.token, apiUrl: `${fake.url}/api` });

export interface Running {
  fake: FakeDiscord;
  bot: DiscordBot;
  store: Store;
  close(): Promise<void>;
}

export async function startBot(store: Store, fakeOptions: FakeDiscordOptions = {}, botOptions: { renderChart?: ChartRenderer } = {}): Promise<Running> {
  const fake = await startFakeDiscord(fakeOptions);
  const config = discordConfig(fake);
  await registerCommands({ config, countries: DEFAULT_COUNTRY_MAP, guildId: fake.guild.id, rest: { offset: 0, retries: 0 } });
  const bot = await startDiscordBot({ config, commands: commandDeps(store), logger: quietLogger, clientOptions: TEST_CLIENT_OPTIONS, ...botOptions });
  return {
    fake,
    bot,
    store,
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}

/** What `useDiscordBot` gives a test file. */
export interface BotRig {
  /**
   * Starts a bot and its fake Discord on `store` (the bundled sample unless given); the bot, the fake
   * and the store are closed after the test.
   */
  start(options?: { store?: Store | Promise<Store>; fake?: FakeDiscordOptions; renderChart?: ChartRenderer }): Promise<Running>;
  /** The bot this test started. */
  readonly running: Running;
}

/** The setup of a file of end-to-end bot tests, each starting its own bot. Call it at the top of the file. */
export function useDiscordBot(): BotRig {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.close();
    await running?.store.close();
    running = undefined;
  });
  return {
    async start(options = {}) {
      const store = await (options.store ?? sampleStore());
      running = await startBot(store, options.fake, options.renderChart ? { renderChart: options.renderChart } : {});
      return running;
    },
    get running() {
      if (!running) throw new Error('no bot started in this test');
      return running;
    },
  };
}

/** A store holding the bundled sample (weeks 2025-W01..2026-W10). */
export async function sampleStore(): Promise<Store> {
  const store = await openStore(':memory:');
  await ingest(createSampleSource(), store, silentLogger);
  return store;
}

/** The sample's usage with the real 344-model catalog of 2026-02-27 as the catalog of its latest week. */
export async function realCatalogStore(): Promise<Store> {
  const store = await sampleStore();
  const body: unknown = JSON.parse(readFileSync(new URL('../../fixtures/openrouter/2026-02-27_api-v1-models_full-response.json', import.meta.url), 'utf8'));
  await store.saveCatalog(parseModelsBody(body, '2026-03-07').snapshot);
  return store;
}

/** Labs of every country bloc, so a brief built from `storeWithModels` has a long market section. */
const LABS = ['deepseek', 'openai', 'mistralai', 'cohere', 'ai21', 'upstage', 'sakana', 'tiiuae', 'tngtech', 'stealth'];

/**
 * A busy fortnight (2026-W09 and W10) of `names.length` models with the given names, most used first:
 * every model moves (last week's order was reversed), the last ten are new this week and every price
 * changed, and W10's Sunday was restated, so every section of the brief is full.
 */
export async function storeWithModels(names: readonly string[]): Promise<Store> {
  const store = await openStore(':memory:');
  await store.claimSource('file:test');
  const models: CatalogModel[] = names.map((name, i) => ({
    id: `${LABS[i % LABS.length]}/model-${i}`,
    canonicalSlug: `${LABS[i % LABS.length]}/model-${i}`,
    name,
    created: null,
    contextLength: 128_000,
    huggingFaceId: null,
    price: { input: 0.1 * (i + 1), output: 0.5 * (i + 1), cacheRead: null },
  }));
  const rows: UsageRow[] = [];
  const asOf = '2026-03-09T02:00:00Z';
  for (let day = 0; day < 14; day++) {
    const date = new Date(Date.UTC(2026, 1, 23 + day)).toISOString().slice(0, 10);
    const lastWeek = day < 7;
    models.forEach((model, i) => {
      const weight = lastWeek ? i + 1 : names.length - i;
      rows.push({ date, permaslug: model.id, tokens: weight * 1e10, asOf });
    });
  }
  await store.saveUsage({ rows, asOf, startDate: '2026-02-23', endDate: '2026-03-08', dropped: 0 });
  const restated = rows.filter((row) => row.date === '2026-03-08').map((row) => ({ ...row, tokens: row.tokens + 1e9, asOf: '2026-03-10T02:00:00Z' }));
  await store.saveUsage({ rows: restated, asOf: '2026-03-10T02:00:00Z', startDate: '2026-03-08', endDate: '2026-03-08', dropped: 0 });
  const before = models.slice(0, -10).map((model) => ({ ...model, price: { input: model.price.input! / 2, output: model.price.output! / 2, cacheRead: null } }));
  await store.saveCatalog({ fetchedOn: '2026-02-28', models: before });
  await store.saveCatalog({ fetchedOn: '2026-03-08', models });
  return store;
}

/** The bodies of every message-carrying request the bot made (interaction callbacks, edits, follow-ups, channel posts). */
export function messageBodies(fake: FakeDiscord): Json[] {
  return fake.calls
    .filter((call) => /^\/(interactions|webhooks|channels)\//.test(call.path) && (call.method === 'POST' || call.method === 'PATCH'))
    .map((call) => {
      const body = call.body as Json;
      // Interaction callbacks wrap the message in `data`.
      return call.path.startsWith('/interactions/') ? ((body.data as Json | undefined) ?? {}) : body;
    });
}
