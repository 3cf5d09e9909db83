import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAdminCheck } from '../../../src/adapters/slack/admin.js';
import { boltLogger } from '../../../src/adapters/slack/logger.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';

let fake: FakeSlack;
let client: webApi.WebClient;
beforeEach(async () => {
  fake = await startFakeSlack();
  client = new webApi.WebClient(fake.installation.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: boltLogger(pino({ level: 'silent' })) });
});
afterEach(() => fake.close());

it('admins, owners and listed ids pass; members do not', async () => {
  const isAdmin = createAdminCheck({ admins: ['U0LISTED'], client });
  expect(await isAdmin('T0TEAM', 'U0ADMIN')).toBe(true);
  expect(await isAdmin('T0TEAM', 'U0OWNER')).toBe(true);
  expect(await isAdmin('T0TEAM', 'U0USER')).toBe(false);
  expect(await isAdmin('T0TEAM', 'U0LISTED')).toBe(true);
  expect(fake.callsTo('users.info').map((c) => c.args.user)).toEqual(['U0ADMIN', 'U0OWNER', 'U0USER']);
});

it('an answer is reused for five minutes, then asked again (a demotion shows)', async () => {
  let now = 0;
  const isAdmin = createAdminCheck({ admins: [], now: () => now, client });
  expect(await isAdmin('T0TEAM', 'U0ADMIN')).toBe(true);
  now += 4 * 60_000;
  expect(await isAdmin('T0TEAM', 'U0ADMIN')).toBe(true);
  expect(fake.callsTo('users.info')).toHaveLength(1);

  fake.setUser({ id: 'U0ADMIN', name: 'ada', isAdmin: false });
  now += 2 * 60_000;
  expect(await isAdmin('T0TEAM', 'U0ADMIN')).toBe(false);
  expect(fake.callsTo('users.info')).toHaveLength(2);
});

it('a failed lookup throws and is not cached', async () => {
  const isAdmin = createAdminCheck({ admins: [], client });
  fake.failNext('users.info', { ok: false, error: 'missing_scope' });
  await expect(isAdmin('T0TEAM', 'U0ADMIN')).rejects.toMatchObject({ data: { error: 'missing_scope' } });
  expect(await isAdmin('T0TEAM', 'U0ADMIN')).toBe(true);
});
