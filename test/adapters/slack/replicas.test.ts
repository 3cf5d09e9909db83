import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { sampleStore, SIGNING_SECRET, startApp, type Running } from './harness.js';

// Several replicas of the Slack app, each a real Bolt app on one shared store. Socket Mode: every
// replica opens a connection and Slack gives each envelope to one of them, so each command is run and
// answered once. HTTP mode: nothing is kept per process between requests, so behind a load balancer
// whichever replica gets a request answers it in full.

let fake: FakeSlack;
let store: Store;
let replicas: Running[] = [];
afterEach(async () => {
  await Promise.all(replicas.map((replica) => replica.app.stop()));
  replicas = [];
  await fake.close();
  await store.close();
});

async function startReplicas(mode: 'socket' | 'http', count: number): Promise<Running[]> {
  fake = await startFakeSlack();
  store = await sampleStore();
  for (let i = 0; i < count; i += 1) replicas.push(await startApp(fake, store, { mode }));
  return replicas;
}

describe('Slack app with several replicas', () => {
  it('Socket Mode: envelopes are spread over the replicas\' connections, and each command is answered once', async () => {
    await startReplicas('socket', 2);
    await fake.waitForSocketConnections(2);

    const urls = Array.from({ length: 6 }, () => fake.newResponseUrl());
    await Promise.all(urls.map((response_url) => fake.sendSlashCommand({ command: '/price', text: 'kimi', response_url })));
    for (const url of urls) await fake.waitForResponses(url);
    // Whatever else might arrive late would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(fake.envelopesByConnection()).toEqual([3, 3]);
    for (const url of urls) {
      const answers = fake.responses(url);
      expect(answers).toHaveLength(1);
      expect(answers[0]?.body).toMatchObject({ text: expect.stringContaining('Kimi K2.5') });
    }
  });

  it('HTTP mode: a command to either replica (as a load balancer picks) is answered by that one in full', async () => {
    const [a, b] = await startReplicas('http', 2);
    const urls = [fake.newResponseUrl(), fake.newResponseUrl(), fake.newResponseUrl()];
    const answered = await Promise.all(
      urls.map((url, i) => fake.signedSlashCommand((i % 2 === 0 ? a : b)!.url, SIGNING_SECRET, { command: '/price', text: 'kimi', response_url: url })),
    );
    expect(answered.map((response) => response.status)).toEqual([200, 200, 200]);
    for (const url of urls) {
      const [answer] = await fake.waitForResponses(url);
      expect(answer?.body).toMatchObject({ text: expect.stringContaining('Kimi K2.5') });
      expect(fake.responses(url)).toHaveLength(1);
    }
  });
});
