import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../src/config.js';

describe('TOKENBRIEF_SHUTDOWN_MS', () => {
  it('defaults to 10 s; blank counts as unset', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, config: { shutdownMs: 10_000 } });
    expect(parseConfig({ TOKENBRIEF_SHUTDOWN_MS: ' ' })).toMatchObject({ ok: true, config: { shutdownMs: 10_000 } });
    expect(parseConfig({ TOKENBRIEF_SHUTDOWN_MS: '2500' })).toMatchObject({ ok: true, config: { shutdownMs: 2500 } });
  });

  it('must be whole milliseconds from 0 to 10 minutes', () => {
    for (const bad of ['soon', '-1', '1.5', '600001']) {
      const parsed = parseConfig({ TOKENBRIEF_SHUTDOWN_MS: bad });
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? [] : parsed.problems).toEqual([expect.stringMatching(/^TOKENBRIEF_SHUTDOWN_MS: /)]);
    }
  });
});

describe('TOKENBRIEF_TZ', () => {
  it('defaults to UTC; an IANA name is kept in its one spelling', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, config: { schedule: { defaultZone: 'UTC' } } });
    expect(parseConfig({ TOKENBRIEF_TZ: ' Europe/Berlin ' })).toMatchObject({ ok: true, config: { schedule: { defaultZone: 'Europe/Berlin' } } });
    expect(parseConfig({ TOKENBRIEF_TZ: 'europe/berlin' })).toMatchObject({ ok: true, config: { schedule: { defaultZone: 'Europe/Berlin' } } });
  });

  it('an abbreviation or an unknown zone stops start-up with the reason', () => {
    for (const bad of ['EST', 'Mars/Olympus']) {
      const parsed = parseConfig({ TOKENBRIEF_TZ: bad });
      expect(parsed.ok ? [] : parsed.problems).toEqual([expect.stringMatching(/^TOKENBRIEF_TZ: ".+" is (an abbreviation|not a time zone)/)]);
    }
  });

  it('in the words /subscribe uses (templates/text/problem.hbs)', () => {
    const problems = (zone: string) => {
      const parsed = parseConfig({ TOKENBRIEF_TZ: zone });
      return parsed.ok ? [] : parsed.problems;
    };
    expect(problems('EST')).toEqual(['TOKENBRIEF_TZ: "EST" is an abbreviation, not a place; use an IANA time zone such as Europe/Berlin, America/New_York or UTC.']);
    expect(problems(' Europe/Berln ')).toEqual(['TOKENBRIEF_TZ: "Europe/Berln" is not a time zone; use an IANA time zone such as Europe/Berlin, America/New_York or UTC.']);
  });
});

describe.each([
  { name: 'TOKENBRIEF_GATEWAY_LEASE_MS', pick: (c: Config) => c.gatewayLeaseMs, fallback: 30_000, good: '1500', bad: ['soon', '999', '1.5', '600001'] },
  { name: 'TOKENBRIEF_FANOUT_LEASE_MS', pick: (c: Config) => c.fanoutLeaseMs, fallback: 30_000, good: '1500', bad: ['soon', '999', '1.5', '600001'] },
  { name: 'TOKENBRIEF_CLAIM_LEASE_MS', pick: (c: Config) => c.schedule.claimLeaseMs, fallback: 120_000, good: '4000', bad: ['soon', '1999', '1.5', '3600001'] },
])('$name', ({ name, pick, fallback, good, bad }) => {
  it(`defaults to ${fallback} ms and takes whole milliseconds within its range`, () => {
    const value = (env: NodeJS.ProcessEnv) => {
      const parsed = parseConfig(env);
      return parsed.ok ? pick(parsed.config) : parsed.problems;
    };
    expect(value({})).toBe(fallback);
    expect(value({ [name]: good })).toBe(Number(good));
    for (const wrong of bad) expect(value({ [name]: wrong })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });
});

describe('the default database', () => {
  it('is one file per source in the per-user data folder', () => {
    const sample = parseConfig({ XDG_DATA_HOME: '/xdg' });
    expect(sample).toMatchObject({ ok: true, config: { dataFolder: '/xdg/tokenbrief', databasePath: '/xdg/tokenbrief/sample.db', explicitDatabasePath: undefined } });
    const live = parseConfig({ XDG_DATA_HOME: '/xdg', OPENROUTER_API_KEY: 'sk-or-x' });
    expect(live).toMatchObject({ ok: true, config: { databasePath: '/xdg/tokenbrief/openrouter.db' } });
    expect(parseConfig({ HOME: '/home/u', XDG_DATA_HOME: '' })).toMatchObject({ ok: true, config: { databasePath: '/home/u/.local/share/tokenbrief/sample.db' } });
  });

  it('DATABASE_PATH replaces it for whichever source runs', () => {
    expect(parseConfig({ XDG_DATA_HOME: '/xdg', DATABASE_PATH: '/srv/bot.db' })).toMatchObject({ ok: true, config: { databasePath: '/srv/bot.db', explicitDatabasePath: '/srv/bot.db' } });
  });
});
