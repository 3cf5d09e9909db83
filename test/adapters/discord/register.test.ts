import { afterEach, describe, expect, it } from 'vitest';
import { countryChoices } from '../../../src/adapters/discord/commands.js';
import { DEFAULT_COUNTRY_MAP } from '../../../src/core/identity.js';
import { startFakeDiscord, type FakeDiscord, type Json } from '../../fakes/discord.js';
import { cli } from '../../cli/harness.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function register(args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  fake = await startFakeDiscord();
  return cli(['discord', 'register', ...args], { DISCORD_TOKEN: fake.token, DISCORD_API_URL: `${fake.url}/api`, ...env });
}

const options = (command: Json | undefined): Json[] => (command?.options as Json[] | undefined) ?? [];
const option = (command: Json | undefined, name: string): Json | undefined => options(command).find((o) => o.name === name);

describe('tokenbrief discord register', () => {
  it('PUTs every command globally, with typed options, after asking Discord for the application id', async () => {
    const run = await register();

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`registered /price, /top, /compare, /brief, /alerts, /subscribe, /unsubscribe, /status, /chart for tokenbrief (${fake!.applicationId}) globally (every server the bot is in)\n`);
    expect(fake!.callsTo('GET', '/applications/@me')).toHaveLength(1);
    expect(fake!.callsTo('PUT', `/applications/${fake!.applicationId}/commands`).map((call) => call.status)).toEqual([200]);
    const commands = fake!.commands();
    const byName = (name: string) => commands.find((c) => c.name === name);

    expect(option(byName('price'), 'model')).toMatchObject({ type: 3, required: true, autocomplete: true });
    expect(option(byName('top'), 'n')).toMatchObject({ type: 4, min_value: 1, max_value: 25 });
    expect((option(byName('top'), 'country')?.choices as Json[]).map((c) => c.value)).toEqual(['CN', 'US', 'AE', 'CA', 'DE', 'FR', 'IL', 'JP', 'KR', 'unattributed']);
    expect(options(byName('compare')).map((o) => [o.name, o.autocomplete])).toEqual([['a', true], ['b', true]]);
    expect(option(byName('brief'), 'post')).toMatchObject({ type: 5 });
    expect(byName('brief')?.default_member_permissions).toBeNull();

    const alerts = byName('alerts');
    expect(alerts?.default_member_permissions).toBe('32');
    expect(options(alerts).map((o) => [o.name, o.type])).toEqual([['show', 1], ['set', 1], ['reset', 1], ['charts', 1], ['watch', 1], ['unwatch', 1], ['on', 1], ['off', 1]]);
    const set = option(alerts, 'set');
    expect((option(set, 'name')?.choices as Json[]).map((c) => c.value)).toEqual(['rankMovePlaces', 'topN', 'surgePct', 'slumpPct', 'minTokens', 'priceChangePct']);
    expect(option(set, 'value')).toMatchObject({ type: 10, required: true });
    expect(option(option(alerts, 'watch'), 'model')).toMatchObject({ autocomplete: true });
    expect(option(byName('brief'), 'force')).toMatchObject({ type: 5 });

    const subscribe = byName('subscribe');
    expect(subscribe?.default_member_permissions).toBe('32');
    expect(options(subscribe).map((o) => [o.name, o.type, o.required ?? false, o.autocomplete ?? false])).toEqual([
      ['weekday', 3, false, false],
      ['time', 3, false, false],
      ['timezone', 3, false, true],
    ]);
    expect((option(subscribe, 'weekday')?.choices as Json[]).map((c) => c.value)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
    expect(byName('unsubscribe')?.default_member_permissions).toBe('32');
    expect(byName('status')?.default_member_permissions).toBeNull();
    for (const command of commands) expect(command.contexts).toEqual([0]);
  });

  it('--guild registers in one server only', async () => {
    fake = await startFakeDiscord();
    const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: `${fake.url}/api` };

    const run = await cli(['discord', 'register', '--guild', fake.guild.id], env);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`in server ${fake.guild.id} (available now)`);
    expect(fake.commands()).toEqual([]);
    expect(fake.commands(fake.guild.id).map((c) => c.name)).toEqual(['price', 'top', 'compare', 'brief', 'alerts', 'subscribe', 'unsubscribe', 'status', 'chart']);
    // Registering again overwrites, keeping the commands' ids.
    const ids = fake.commands(fake.guild.id).map((c) => c.id);
    await cli(['discord', 'register', '--guild', fake.guild.id], env);
    expect(fake.commands(fake.guild.id).map((c) => c.id)).toEqual(ids);
  });

  it('a guild the bot is not in, or a wrong token, is one readable line and exit 1', async () => {
    const notIn = await register(['--guild', '1180000000000009999']);
    expect(notIn.code).toBe(1);
    expect(notIn.stderr).toBe('tokenbrief: Discord refused to register commands in guild 1180000000000009999 (Missing Access): invite the bot there first (see README, "Discord")\n');
    await fake?.close();

    const badToken = await register([], { DISCORD_TOKEN: 'not-the-token' });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toContain('Discord refused DISCORD_TOKEN (401)');
    expect(badToken.stderr).not.toContain('not-the-token');
  });

  it('bad usage and a missing token exit 2', async () => {
    expect(await cli(['discord'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown discord command ''") });
    expect(await cli(['discord', 'register', '--guild', 'general'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--guild must be a server id') });
    expect(await cli(['discord', 'register', 'now'])).toMatchObject({ code: 2 });
    expect(await cli(['discord', 'register'])).toMatchObject({ code: 2, stderr: 'tokenbrief: discord register needs DISCORD_TOKEN (the bot token from the Discord Developer Portal)\n' });
  });
});

describe('country choices', () => {
  it('CN and US first, the rest alphabetically, unattributed last, at most 25', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`lab${i}`, String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))]));
    const choices = countryChoices({ ...DEFAULT_COUNTRY_MAP, ...many });

    expect(choices).toHaveLength(25);
    expect(choices.slice(0, 2)).toEqual([{ name: '🇨🇳 CN', value: 'CN' }, { name: '🇺🇸 US', value: 'US' }]);
    expect(choices[24]).toEqual({ name: 'Unattributed (stealth, routers, unknown labs)', value: 'unattributed' });
  });
});
