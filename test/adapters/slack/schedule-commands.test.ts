import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { SIGNING_SECRET, sampleStore, startApp, type Running } from './harness.js';

// Issue 9's chat surface on Slack, end to end: signed slash commands through Bolt's HTTP receiver
// (and Socket Mode), the store the bot uses, the fake Slack's response_url and chat.postMessage.

let store: Store;
let fake: FakeSlack;
let running: Running | undefined;

beforeEach(async () => {
  store = await sampleStore();
  fake = await startFakeSlack();
});
afterEach(async () => {
  await running?.app.stop();
  running = undefined;
  await fake.close();
  await store.close();
});

const MARKET = { platform: 'slack' as const, workspace: 'T0TEAM', channel: 'C0MARKET' };

/** A signed slash command over HTTP; resolves with the ack and the first response_url post. */
async function signed(command: string, text: string, user = 'U0ADMIN') {
  const responseUrl = fake.newResponseUrl();
  const ack = await fake.signedSlashCommand(running!.url, SIGNING_SECRET, { command, text, user_id: user, channel_id: 'C0MARKET', response_url: responseUrl });
  // A usage problem is answered in the ack itself; everything else on the response_url (a /brief post
  // only after drawing its chart, the first one of the process cold: seconds on a busy machine).
  const answer = typeof ack.body === 'object' && ack.body !== null ? ack.body : (await fake.waitForResponses(responseUrl, 1, 15_000))[0]?.body;
  return { status: ack.status, answer: answer as { response_type: string; text: string } };
}

describe('/subscribe on Slack', () => {
  it('a signed /subscribe monday 09:00 Europe/Berlin stores the subscription and replies with the next brief time', async () => {
    running = await startApp(fake, store, { mode: 'http' });
    const { status, answer } = await signed('/subscribe', 'monday 09:00 Europe/Berlin');
    expect(status).toBe(200);
    expect(answer.response_type).toBe('in_channel');
    expect(answer.text).toContain('every *Monday at 09:00* (Europe/Berlin)');
    expect(answer.text).toMatch(/Next brief: \*Monday \d{1,2} \w+ \d{4}, 09:00 (CET|CEST|GMT\+\d)\*/);
    const stored = await store.subscription(MARKET);
    expect(stored).toMatchObject({ schedule: { weekday: 'monday', time: '09:00', zone: 'Europe/Berlin' }, subscribedBy: 'U0ADMIN', alerts: true, paused: null });
  });

  it('/subscribe alone takes Monday 09:00 in the default zone', async () => {
    running = await startApp(fake, store, { mode: 'http' });
    await signed('/subscribe', '');
    expect((await store.subscription(MARKET))?.schedule).toEqual({ weekday: 'monday', time: '09:00', zone: 'UTC' });
  });

  it('/subscribe funday replies with the accepted forms and stores nothing', async () => {
    running = await startApp(fake, store, { mode: 'http' });
    const { answer } = await signed('/subscribe', 'funday');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('"funday" is not a weekday, a time or a time zone.');
    expect(answer.text).toContain('Weekdays: monday, tuesday');
    expect(answer.text).toContain('HH:MM on a 24-hour clock');
    expect(answer.text).toContain('IANA names such as Europe/Berlin');
    expect(await store.subscription(MARKET)).toBeNull();
  });

  it('a bad time or zone names what is accepted; nothing is stored', async () => {
    running = await startApp(fake, store, { mode: 'http' });
    expect((await signed('/subscribe', 'monday 25:00')).answer.text).toContain('"25:00" is not a time of day.');
    expect((await signed('/subscribe', 'monday 09:00 Mars/Olympus')).answer.text).toContain('is not a time zone; use an IANA time zone');
    expect(await store.subscription(MARKET)).toBeNull();
  });

  it('a member who is not an admin is refused and nothing is stored', async () => {
    running = await startApp(fake, store, { mode: 'http' });
    const { answer } = await signed('/subscribe', 'monday', 'U0USER');
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Only workspace admins can subscribe this channel to the weekly brief.' });
    expect(await store.subscription(MARKET)).toBeNull();
  });

  it('/alerts off and /unsubscribe change the subscription; /status shows it', async () => {
    running = await startApp(fake, store, { mode: 'http' });
    await signed('/subscribe', 'friday 17:30 America/New_York');
    expect((await signed('/alerts', 'off')).answer.text).toContain('Alerts are off for this channel');
    expect((await store.subscription(MARKET))?.alerts).toBe(false);

    const { answer } = await signed('/status', '', 'U0USER');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('*Data:* sample, newest week 2026-W10, as of 2026-03-09T02:05:00Z');
    expect(answer.text).toContain('*Last refresh:* none recorded yet');
    expect(answer.text).toContain('*This channel:* every Friday at 17:30 (America/New_York); alerts off');
    expect(answer.text).toMatch(/\*Next brief:\* Friday \d{1,2} \w+ \d{4}, 17:30 E[SD]T/);
    expect(answer.text).toContain('*Last delivery here:* none yet');

    expect((await signed('/unsubscribe', '')).answer.text).toContain('Unsubscribed');
    expect(await store.subscription(MARKET)).toBeNull();
    expect((await signed('/status', '')).answer.text).toContain('*This channel:* not subscribed');
  });
});

describe('/brief post on Slack, through the ledger', () => {
  it('a second /brief post of a delivered week says when and which message, and /brief post force posts it again', async () => {
    running = await startApp(fake, store, { mode: 'http' });
    const first = await signed('/brief', 'post');
    expect(first.answer).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Posted the brief for week 2026-W10 here') });
    const [posted] = fake.messages('C0MARKET');
    expect(posted?.args.metadata).toEqual({ event_type: 'tokenbrief_delivery', event_payload: { slot: 'manual:2026-W10', part: 0 } });

    const second = await signed('/brief', 'post');
    expect(second.answer.text).toContain('This channel already got the brief for week 2026-W10: posted by hand at');
    expect(second.answer.text).toContain(`(message ${posted?.ts})`);
    expect(second.answer.text).toContain('`/brief post force`');
    expect(fake.messages('C0MARKET')).toHaveLength(1);

    await signed('/brief', 'post force');
    expect(fake.messages('C0MARKET')).toHaveLength(2);
    const ledger = await store.deliveries(new Date(0), [MARKET]);
    expect(ledger.map((entry) => [entry.slot.replace(/:\d{4}-\d\d-\d\dT.*$/, ':<time>'), entry.kind, entry.state, entry.week])).toEqual([
      ['manual:2026-W10', 'manual', 'sent', '2026-W10'],
      ['manual:2026-W10:<time>', 'manual', 'sent', '2026-W10'],
    ]);
    expect((await signed('/status', '')).answer.text).toMatch(/\*Last delivery here:\* week 2026-W10 \(by hand\) at .*: sent/);
  });

  it('a week delivered on schedule counts too', async () => {
    const at = new Date();
    await store.claimSlot({ channel: MARKET, slot: '2026-03-09', kind: 'scheduled', week: '2026-W10', by: 'r1', at, leaseUntil: new Date(at.getTime() + 60_000), delayed: false });
    await store.markSent({ channel: MARKET, slot: '2026-03-09', by: 'r1', messageIds: ['1.000001'], at });
    running = await startApp(fake, store, { mode: 'http' });
    const { answer } = await signed('/brief', 'post');
    expect(answer.text).toContain('already got the brief for week 2026-W10: posted on schedule');
    expect(fake.messages('C0MARKET')).toHaveLength(0);
  });

  it('a failed post is recorded as failed, and the admin told why', async () => {
    running = await startApp(fake, store, { mode: 'http' });
    const responseUrl = fake.newResponseUrl();
    await fake.signedSlashCommand(running.url, SIGNING_SECRET, { command: '/brief', text: 'post', user_id: 'U0ADMIN', channel_id: 'C0OUTSIDE', response_url: responseUrl });
    const [reply] = await fake.waitForResponses(responseUrl);
    expect((reply?.body as { text: string }).text).toContain("I'm not a member of this channel yet");
    const outside = { ...MARKET, channel: 'C0OUTSIDE' };
    expect(await store.deliveries(new Date(0), [outside])).toMatchObject([{ slot: 'manual:2026-W10', state: 'failed', reason: 'not_in_channel' }]);
  });
});
