import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../../src/config.js';

// The Slack part of the environment (src/config.ts): which mode, and every half-configured
// combination refused with a message naming what to set.

const BOT = 'xoxb-1-bot';
const APP = 'xapp-1-app';

function slack(env: NodeJS.ProcessEnv): Config['slack'] {
  const parsed = parseConfig(env);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.config.slack;
}

function problems(env: NodeJS.ProcessEnv): string[] {
  const parsed = parseConfig(env);
  if (parsed.ok) throw new Error('expected a configuration problem');
  return parsed.problems;
}

describe('Slack configuration', () => {
  it('no Slack variables (or empty ones): no Slack app', () => {
    expect(slack({})).toBeNull();
    expect(slack({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: ' ', SLACK_SIGNING_SECRET: '' })).toBeNull();
  });

  it('bot and app token: Socket Mode against slack.com', () => {
    expect(slack({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP })).toEqual({
      botToken: BOT,
      mode: { kind: 'socket', appToken: APP },
      apiUrl: 'https://slack.com/api/',
      admins: [],
    });
  });

  it('bot token and signing secret: HTTP mode on port 3000 by default', () => {
    expect(slack({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's3cret' })?.mode).toEqual({ kind: 'http', signingSecret: 's3cret', port: 3000, host: undefined });
    expect(slack({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's3cret', SLACK_PORT: '8080', SLACK_HOST: '127.0.0.1' })?.mode).toMatchObject({ port: 8080, host: '127.0.0.1' });
  });

  it('with both an app token and a signing secret, Socket Mode wins', () => {
    expect(slack({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: 's' })?.mode.kind).toBe('socket');
  });

  it('SLACK_API_URL gets its trailing slash; TOKENBRIEF_ADMINS takes commas and spaces', () => {
    const config = slack({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: 'http://127.0.0.1:9/api', TOKENBRIEF_ADMINS: 'U1, U2 U3,' });
    expect(config?.apiUrl).toBe('http://127.0.0.1:9/api/');
    expect(config?.admins).toEqual(['U1', 'U2', 'U3']);
  });

  it('a bot token alone cannot receive commands', () => {
    expect(problems({ SLACK_BOT_TOKEN: BOT })).toEqual([
      'SLACK_APP_TOKEN: set it for Socket Mode (xapp-…), or set SLACK_SIGNING_SECRET for HTTP mode; SLACK_BOT_TOKEN alone cannot receive commands',
    ]);
  });

  it('an app token or signing secret without a bot token is refused, not ignored', () => {
    expect(problems({ SLACK_APP_TOKEN: APP })).toEqual(['SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set (the bot token, xoxb-…)']);
    expect(problems({ SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: 's' })[0]).toContain('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET');
  });

  it('swapped tokens are caught by their prefix, without echoing them', () => {
    const found = problems({ SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: BOT });
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/SLACK_BOT_TOKEN: must be the bot token/);
    expect(found.join('\n')).toMatch(/SLACK_APP_TOKEN: must be an app-level token/);
    expect(found.join('\n')).not.toContain(APP);
    expect(found.join('\n')).not.toContain(BOT);
  });

  it('a bad port or URL is reported with the other problems', () => {
    const found = problems({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's', SLACK_PORT: 'http', SLACK_API_URL: 'nope', LOG_LEVEL: 'loud' });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'SLACK_API_URL', 'SLACK_PORT']);
  });
});
