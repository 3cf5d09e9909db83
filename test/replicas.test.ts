import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/adapters/store/postgres.js';
import type { Store } from '../src/core/ports/store.js';
import { fanoutLeaseName, GATEWAY_LEASE_NAME, keepFanoutLeases, replicaId, startLeasedDiscordBot } from '../src/replicas.js';
import { quietLogger, sampleStore, TEST_CLIENT_OPTIONS, discordConfig } from './adapters/discord/harness.js';
import { postgresUrl, throwawaySchemas } from './adapters/store/postgres-harness.js';
import { commandDeps } from './commands/deps.js';
import { startFakeDiscord, type FakeDiscord } from './fakes/discord.js';
import { spawnBot, type BotProcess } from './spawn.js';

// The Discord gateway lease on the real Postgres: of several replicas only the holder connects a
// gateway session (two sessions of one bot would both receive every interaction), and when the
// holder dies a standby connects within the lease's time and answers. Short leases keep it quick.

const LEASE_MS = 1_500;

async function priceKimi(fake: FakeDiscord): Promise<string> {
  const payload = fake.sendInteraction(fake.commandInteraction({ name: 'price', options: { model: 'kimi' } }));
  const [edit] = await fake.waitForCall('PATCH', `/webhooks/:app/${payload.token}/messages/@original`, { timeoutMs: 10_000 });
  return String((edit?.body as { content?: string } | undefined)?.content);
}

/** Every initial response the fake received to `payload`'s interaction: exactly one when it was answered once. */
const callbacksTo = (fake: FakeDiscord, interactionId: string) => fake.callsTo('POST', `/interactions/${interactionId}/:token/callback`);

describe('replicaId', () => {
  it('names the host and process, and differs between two replicas of one process', () => {
    const id = replicaId();
    expect(id).toMatch(new RegExp(`:${process.pid}:[0-9a-f]{8}$`));
    expect(replicaId()).not.toBe(id);
  });
});

describe.skipIf(postgresUrl === null)('Discord gateway lease on Postgres', () => {
  const schemas = throwawaySchemas();
  let fake: FakeDiscord;
  let commands: Store;
  beforeAll(async () => {
    commands = await sampleStore();
  });
  afterAll(async () => {
    await commands.close();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('in process: only the holder connects; when its database connection dies it disconnects at once and the standby answers', async () => {
    fake = await startFakeDiscord();
    const schema = await schemas.create();
    const [storeA, storeB] = [openPostgresStore(schemas.url, { schema }), openPostgresStore(schemas.url, { schema })];
    await storeA.migrate();
    const start = (leases: Store, replica: string) =>
      startLeasedDiscordBot({ config: discordConfig(fake), commands: commandDeps(commands), logger: quietLogger, clientOptions: TEST_CLIENT_OPTIONS, leases, replica, leaseMs: LEASE_MS });
    const a = await start(storeA, 'replica-a');
    const b = await start(storeB, 'replica-b');
    try {
      expect(a.name).toBe('Discord bot (tokenbrief, holding the gateway)');
      expect(b.name).toBe('Discord bot (standby: another replica holds the gateway)');
      expect(await schemas.query(`SELECT name, holder FROM ${schema}.leases`)).toEqual([{ name: GATEWAY_LEASE_NAME, holder: 'replica-a' }]);
      // Several renewals and standby tries later, still one session.
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS));
      expect([a.holding(), b.holding(), fake.liveGatewaySessions()]).toEqual([true, false, 1]);
      expect(await priceKimi(fake)).toContain('Kimi K2.5');

      await storeA.close();
      const cut = Date.now();
      await expect.poll(() => fake.liveGatewaySessions(), { timeout: LEASE_MS }).toBe(0);
      expect(a.holding()).toBe(false);
      await expect.poll(() => b.holding(), { timeout: 2 * LEASE_MS }).toBe(true);
      await fake.waitForGateway();
      expect(Date.now() - cut).toBeLessThan(2 * LEASE_MS);

      const payload = fake.sendInteraction(fake.commandInteraction({ name: 'price', options: { model: 'kimi' } }));
      await fake.waitForCall('PATCH', `/webhooks/:app/${payload.token}/messages/@original`);
      expect(callbacksTo(fake, payload.id)).toHaveLength(1);
      expect(fake.gateway.identifies).toHaveLength(2);
      expect(fake.gateway.maxLiveSessions).toBe(1);
    } finally {
      await a.stop(Date.now() + 5_000);
      await b.stop(Date.now() + 5_000);
      await storeB.close();
    }
    expect(await schemas.query(`SELECT * FROM ${schema}.leases`)).toEqual([]);
  });

  describe('two `npm start` processes on one database', () => {
    let bots: BotProcess[] = [];
    afterEach(() => {
      for (const bot of bots) bot.child.kill('SIGKILL');
      bots = [];
    });

    it('the first holds the gateway; killed without a word, the second connects within the lease and answers once', async () => {
      fake = await startFakeDiscord();
      const schema = await schemas.create();
      const env = {
        DATABASE_URL: schemas.urlFor(schema),
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: `${fake.url}/api`,
        TOKENBRIEF_GATEWAY_LEASE_MS: String(LEASE_MS),
        LOG_LEVEL: 'silent',
      };
      const first = spawnBot(env);
      bots.push(first);
      await first.running();
      const second = spawnBot(env);
      bots.push(second);
      await second.running();

      expect(first.out()).toContain('Discord bot (tokenbrief, holding the gateway) running on sample data.');
      expect(second.out()).toContain('Discord bot (standby: another replica holds the gateway) running on sample data.');
      expect(fake.liveGatewaySessions()).toBe(1);
      expect(await priceKimi(fake)).toContain('Kimi K2.5');

      first.child.kill('SIGKILL');
      const killed = Date.now();
      await first.exit;
      await expect.poll(() => fake.liveGatewaySessions(), { timeout: 3 * LEASE_MS, interval: 50 }).toBe(1);
      // The dead holder's lease had to run out first: at most its whole time plus a standby's try.
      expect(Date.now() - killed).toBeLessThan(LEASE_MS + LEASE_MS / 6 + 2_000);

      const payload = fake.sendInteraction(fake.commandInteraction({ name: 'price', options: { model: 'kimi' } }));
      const [edit] = await fake.waitForCall('PATCH', `/webhooks/:app/${payload.token}/messages/@original`);
      expect(String((edit?.body as { content?: string }).content)).toContain('Kimi K2.5');
      expect(callbacksTo(fake, payload.id)).toHaveLength(1);
      expect(fake.gateway.maxLiveSessions).toBe(1);

      second.child.kill('SIGTERM');
      expect((await second.exit).code).toBe(0);
      // Stopped cleanly, it gave up every lease it held: a new replica would not wait for them to run
      // out. (The killed first one's fan-out lease runs out by itself.)
      expect(await schemas.query(`SELECT name FROM ${schema}.leases WHERE holder LIKE $1`, [`%:${second.child.pid}:%`])).toEqual([]);
      expect(await schemas.query(`SELECT name FROM ${schema}.leases WHERE name = $1`, [GATEWAY_LEASE_NAME])).toEqual([]);
    }, 60_000);
  });
});

describe.skipIf(postgresUrl === null)('fan-out leases on Postgres', () => {
  const schemas = throwawaySchemas();

  it('fan-out leases: one replica at a time may post to each platform; a standby takes over, and is told, when the holder stops renewing', async () => {
    const schema = await schemas.create();
    const [storeA, storeB] = [openPostgresStore(schemas.url, { schema }), openPostgresStore(schemas.url, { schema })];
    await storeA.migrate();
    const told: string[] = [];
    const keep = (leases: Store, replica: string) =>
      keepFanoutLeases({ leases, replica, platforms: ['slack', 'discord'], leaseMs: LEASE_MS, logger: quietLogger, acquired: (platform) => told.push(`${replica} ${platform}`) });
    const a = keep(storeA, 'replica-a');
    await a.started;
    const b = keep(storeB, 'replica-b');
    await b.started;
    try {
      expect([a.gate('slack'), a.gate('discord'), b.gate('slack'), b.gate('discord')]).toEqual([true, true, false, false]);
      expect(told).toEqual(['replica-a slack', 'replica-a discord']);
      expect(await schemas.query(`SELECT name, holder FROM ${schema}.leases ORDER BY name`)).toEqual([
        { name: fanoutLeaseName('discord'), holder: 'replica-a' },
        { name: fanoutLeaseName('slack'), holder: 'replica-a' },
      ]);

      await storeA.close();
      await expect.poll(() => a.gate('slack') || a.gate('discord'), { timeout: LEASE_MS }).toBe(false);
      await expect.poll(() => b.gate('slack') && b.gate('discord'), { timeout: 2 * LEASE_MS }).toBe(true);
      expect(told.slice(2).sort()).toEqual(['replica-b discord', 'replica-b slack']);
    } finally {
      await a.stop();
      await b.stop();
      await storeB.close();
    }
    // Stopped, it gave its leases up.
    expect(await schemas.query(`SELECT * FROM ${schema}.leases`)).toEqual([]);
  });
});
