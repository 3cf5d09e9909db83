import { describe, expect, it, vi } from 'vitest';
import { webApi } from '@slack/bolt';
import { createAnswerGate } from '../../../src/adapters/slack/answer-gate.js';
import { handleSlashCommand, type SlackCommandDeps, type SlashCommandCall } from '../../../src/adapters/slack/commands.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/ports/logger.js';
import { DeliveryError } from '../../../src/core/ports/poster.js';
import type { Store } from '../../../src/core/ports/store.js';
import { openStore } from '../../../src/wiring.js';
import { commandDeps } from '../../commands/deps.js';
import { testPoster } from '../../commands/poster.js';
import { sampleStore } from './harness.js';

// The slash command handler called directly with plain arguments: no Bolt, no fake Slack. The same
// handler runs end to end in commands.test.ts.

function call(text: string, user = 'U0USER') {
  const acks: unknown[] = [];
  const responses: unknown[] = [];
  const args: SlashCommandCall = {
    command: { text, team_id: 'T0TEAM', channel_id: 'C0MARKET', user_id: user },
    ack: async (response?: unknown) => void acks.push(response),
    respond: async (message) => {
      responses.push(message);
      return {};
    },
    context: { botUserId: 'U0BOT' },
  };
  return { args, acks, responses };
}

const MARKET: ChannelRef = { platform: 'slack', workspace: 'T0TEAM', channel: 'C0MARKET' };

function deps(store: Store, overrides: Partial<SlackCommandDeps> = {}): SlackCommandDeps & { posted: unknown[] } {
  const posted: unknown[] = [];
  const poster = testPoster('slack', async (channel, brief) => {
    posted.push({ channel, week: brief.market.week });
    return { messageIds: ['1.000001'] };
  });
  return {
    commands: commandDeps(store),
    logger: silentLogger,
    isAdmin: async (_team, user) => user === 'U0ADMIN',
    poster,
    // Charts are drawn and shared in the end-to-end tests (charts.test.ts); here a brief goes without one.
    renderChart: () => Promise.reject(new Error('no charts in this test')),
    shareChart: async () => {},
    answers: createAnswerGate({ quietMs: 0 }),
    posted,
    ...overrides,
  };
}

describe('handleSlashCommand', () => {
  it('text it cannot parse is answered in the ack itself, only to the user', async () => {
    const store = await openStore(':memory:');
    const { args, acks, responses } = call('99');
    await handleSlashCommand('top', args, deps(store));
    expect(acks).toEqual([{ response_type: 'ephemeral', text: expect.stringContaining('n must be a whole number from 1 to 25, got 99.') }]);
    expect(responses).toEqual([]);
    await store.close();
  });

  it('/brief post by an admin acks, posts through the poster into the asking channel, and tells only the admin', async () => {
    const store = await sampleStore();
    const { args, acks, responses } = call('post', 'U0ADMIN');
    const d = deps(store);
    await handleSlashCommand('brief', args, d);
    expect(acks).toEqual([undefined]);
    expect(d.posted).toEqual([{ channel: MARKET, week: '2026-W10' }]);
    expect(responses).toEqual([{ response_type: 'ephemeral', text: expect.stringContaining('Posted the brief for week 2026-W10 here') }]);
    await store.close();
  });

  it('a poster that cannot reach the channel is explained to the user in words they can act on', async () => {
    const store = await sampleStore();
    const refusing = testPoster('slack', async (channel) =>
      Promise.reject(new DeliveryError('Slack refused the post: not_in_channel', { channel, permanent: true, reason: 'not_in_channel', posted: [] })),
    );
    const { args, responses } = call('post', 'U0ADMIN');
    await handleSlashCommand('brief', args, deps(store, { poster: refusing }));
    expect(responses).toEqual([
      { response_type: 'ephemeral', text: "I'm not a member of this channel yet: invite me with /invite <@U0BOT>, then try again." },
    ]);
    await store.close();
  });

  it('no data yet, or an admin check Slack refuses, is one ephemeral line', async () => {
    const store = await openStore(':memory:');
    const empty = call('kimi');
    await handleSlashCommand('price', empty.args, deps(store));
    expect(empty.responses).toEqual([{ response_type: 'ephemeral', text: expect.stringMatching(/^I have no market data for that yet: no usage data stored yet/) }]);

    const failing = vi.fn(async () => Promise.reject(new webApi.WebAPIPlatformError({ ok: false, error: 'missing_scope' })));
    const lookup = call('set surgePct 40');
    await handleSlashCommand('alerts', lookup.args, deps(store, { isAdmin: failing }));
    expect(failing).toHaveBeenCalledWith('T0TEAM', 'U0USER');
    expect(lookup.responses).toEqual([
      { response_type: 'ephemeral', text: "I couldn't check whether you are a workspace admin (Slack said `missing_scope`). Try again in a minute." },
    ]);
    expect(await store.channelSettings('slack:T0TEAM:C0MARKET')).toBeNull();
    await store.close();
  });

  it('a reply for the channel goes in_channel', async () => {
    const store = await sampleStore();
    const { args, responses } = call('kimi');
    await handleSlashCommand('price', args, deps(store));
    expect(responses).toEqual([{ response_type: 'in_channel', text: expect.stringContaining('(moonshotai/kimi-k2.5)') }]);
    await store.close();
  });
});

