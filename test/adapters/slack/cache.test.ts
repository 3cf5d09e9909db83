import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store.js';
import { latestCompleteWeek, weekRange } from '../../../src/core/week.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { sampleStore, startApp, type Running } from './harness.js';

// The week cache seen from Slack (real Bolt over Socket Mode, the fake Slack): what is served from
// memory changes with the very next command after a refresh or an admin's `/alerts set`.

let store: Store;
let fake: FakeSlack;
let running: Running;

beforeEach(async () => {
  store = await sampleStore();
  fake = await startFakeSlack();
  running = await startApp(fake, store);
});
afterEach(async () => {
  await running.app.stop();
  await fake.close();
  await store.close();
});

/** The answer to one slash command, as the channel or the asker sees it (every post's body). */
async function answer(text: string, user = 'U0USER'): Promise<string> {
  const [name = '', ...rest] = text.split(' ');
  const responseUrl = fake.newResponseUrl();
  await fake.sendSlashCommand({ command: name, text: rest.join(' '), response_url: responseUrl, user_id: user });
  const posts = await fake.waitForResponses(responseUrl, 1);
  return JSON.stringify(posts.map((post) => post.body));
}

it('/alerts set changes the next /brief at once; /alerts reset brings the first one back', async () => {
  const before = await answer('/brief');
  expect(await answer('/brief')).toBe(before);
  expect(await answer('/alerts set surge 5', 'U0ADMIN')).toContain('surge');
  expect(await answer('/alerts set min_tokens 1000000000', 'U0ADMIN')).toContain('1');
  const after = await answer('/brief');
  expect(after).not.toBe(before);
  await answer('/alerts reset', 'U0ADMIN');
  expect(await answer('/brief')).toBe(before);
});

it('a refresh shows in the next /top', async () => {
  expect(await answer('/top 1')).not.toContain('*Newcomer*');
  const span = await store.usageSpan();
  const sunday = weekRange(latestCompleteWeek(span?.last ?? '')).end;
  const asOf = '2099-01-01T00:00:00Z';
  await store.saveUsage({ rows: [{ date: sunday, permaslug: 'lab/newcomer', tokens: 1e15, asOf }], asOf, startDate: sunday, endDate: sunday, dropped: 0 });
  expect(await answer('/top 1')).toContain('*Newcomer*');
});
