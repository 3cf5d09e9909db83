import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.js';

describe('Discord configuration', () => {
  it('no DISCORD_TOKEN (or an empty one): no Discord bot', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, config: { discord: null } });
    expect(parseConfig({ DISCORD_TOKEN: '  ', DISCORD_API_URL: '' })).toMatchObject({ ok: true, config: { discord: null } });
  });

  it('DISCORD_TOKEN starts the bot against discord.com unless DISCORD_API_URL says otherwise', () => {
    expect(parseConfig({ DISCORD_TOKEN: ' MTE4.abc ' })).toMatchObject({ ok: true, config: { discord: { token: 'MTE4.abc', apiUrl: 'https://discord.com/api' } } });
    expect(parseConfig({ DISCORD_TOKEN: 't', DISCORD_API_URL: 'http://127.0.0.1:8080/api/' })).toMatchObject({
      ok: true,
      config: { discord: { token: 't', apiUrl: 'http://127.0.0.1:8080/api' } },
    });
  });

  it('a DISCORD_API_URL that is not a URL is a configuration problem', () => {
    const parsed = parseConfig({ DISCORD_TOKEN: 't', DISCORD_API_URL: 'discord' });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toEqual([expect.stringMatching(/^DISCORD_API_URL: /)]);
  });
});
