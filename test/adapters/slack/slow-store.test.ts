import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { SIGNING_SECRET, sampleStore, startApp, wrapStore, type Running } from './harness.js';

// Slack waits 3 s for an ack. Over HTTP, Bolt itself answers 404 when a handler has not acked by
// then; over Socket Mode the fake gives up after 3 s like Slack. A store that takes 4 s per read
// therefore fails both unless the adapter acks before touching the store. (The reads each command
// starts with are the slow ones, so the test waits 4 s, not once per read.)

const READ_MS = 4000;
let store: Store;
let fake: FakeSlack;
const apps: Running[] = [];

beforeAll(async () => {
  store = await sampleStore();
  fake = await startFakeSlack();
});
afterEach(async () => {
  await Promise.all(apps.map((running) => running.app.stop()));
});
afterAll(async () => {
  await fake.close();
  await store.close();
});

const slow = (inner: Store): Store => {
  const delayed = <A extends unknown[], R>(read: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    await sleep(READ_MS);
    return read(...args);
  };
  return wrapStore(inner, {
    usageSpan: delayed(() => inner.usageSpan()),
    channelSettings: delayed((channel: string) => inner.channelSettings(channel)),
  });
};

it('a store whose reads take 4 s: both modes ack in time, and the answer follows later', async () => {
  const slowStore = slow(store);
  apps.push(await startApp(fake, slowStore, { mode: 'http' }), await startApp(fake, slowStore, { mode: 'socket' }));
  const [http] = apps;
  const httpUrl = fake.newResponseUrl();
  const socketUrl = fake.newResponseUrl();

  const [httpAck, socketAck] = await Promise.all([
    fake.signedSlashCommand(http?.url ?? '', SIGNING_SECRET, { command: '/price', text: 'kimi', response_url: httpUrl }),
    fake.sendSlashCommand({ command: '/alerts', text: '', response_url: socketUrl }),
  ]);
  expect(httpAck.status).toBe(200);
  expect(socketAck).toEqual({});
  // Acked while the store was still reading: nothing answered yet.
  expect(fake.responses()).toEqual([]);

  const [price] = await fake.waitForResponses(httpUrl, 1, 10_000);
  expect(price?.body).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('*Kimi K2.5*') });
  const [alerts] = await fake.waitForResponses(socketUrl, 1, 10_000);
  expect(alerts?.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('*Alert thresholds for this channel*') });
}, 15_000);
