import { commandDeps } from '../../commands/deps.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordBot, type DiscordBot } from '../../../src/adapters/discord/bot.js';
import { registerCommands } from '../../../src/adapters/discord/register.js';
import type { Store } from '../../../src/core/ports/store.js';
import { DEFAULT_COUNTRY_MAP } from '../../../src/core/identity.js';
import { DEFAULT_INVOKER, startFakeDiscord, type FakeDiscord } from '../../fakes/discord.js';
import { memoryLogger } from '../slack/harness.js';
import { discordConfig, sampleStore, TEST_CLIENT_OPTIONS } from './harness.js';

// An interaction reply whose connection is cut before Discord answers (a stale keep-alive connection
// under load) is sent again when repeating it is harmless (the initial response, edits of it); an
// answer that cannot be delivered is logged at error level with the command and the user. The real
// discord.js client against the fake Discord.

let store: Store;
let fake: FakeDiscord;
let bot: DiscordBot;
let lines: string[];

beforeAll(async () => {
  store = await sampleStore();
  fake = await startFakeDiscord();
  const config = discordConfig(fake);
  await registerCommands({ config, countries: DEFAULT_COUNTRY_MAP, guildId: fake.guild.id, rest: { offset: 0, retries: 0 } });
  const memory = memoryLogger();
  lines = memory.lines;
  bot = await startDiscordBot({ config, commands: commandDeps(store), logger: memory.logger, clientOptions: TEST_CLIENT_OPTIONS });
});
afterAll(async () => {
  await bot.stop();
  await fake.close();
  await store.close();
});
afterEach(() => void lines.splice(0));

const edited = (token: string) => fake.callsTo('PATCH', `/webhooks/:app/${token}/messages/@original`).filter((call) => call.status === 200);

describe('interaction replies lost on a dropped connection', () => {
  it('a dropped defer and a dropped retry of it: the defer is sent a third time and the answer arrives', async () => {
    fake.dropNextReplies(2);
    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'price', options: { model: 'kimi' } }));
    await expect.poll(() => edited(payload.token).length, { timeout: 5000 }).toBe(1);
    expect(fake.interaction(payload.id)?.callback).toMatchObject({ type: 5 });
    expect(fake.callsTo('POST', `/interactions/${payload.id}/:token/callback`)).toHaveLength(3);
    expect(String((edited(payload.token)[0]?.body as { content?: string }).content)).toContain('**Kimi K2.5**');
  });

  it('a dropped edit of the deferred response is sent again', async () => {
    fake.failNext('PATCH /webhooks/:app/:token/messages/@original', { destroy: true });
    const payload = fake.sendInteraction(fake.commandInteraction({ name: 'top', options: { n: 3 } }));
    await expect.poll(() => edited(payload.token).length, { timeout: 5000 }).toBe(1);
    expect(fake.callsTo('PATCH', `/webhooks/:app/${payload.token}/messages/@original`)).toHaveLength(2);
    expect(lines.filter((line) => line.includes('sending it again'))).toHaveLength(1);
  });

  it('an answer that cannot be delivered is logged at error level with the command and the user', async () => {
    fake.dropNextReplies(10);
    fake.sendInteraction(fake.commandInteraction({ name: 'price', options: { model: 'kimi' } }));
    await expect.poll(() => lines.find((line) => line.includes('discord answer not delivered')), { timeout: 5000 }).toBeDefined();
    const line = JSON.parse(lines.find((l) => l.includes('discord answer not delivered')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 50, command: 'price', user: DEFAULT_INVOKER.id, err: expect.stringContaining('not delivered after 4 attempt(s)') });
  });
});
