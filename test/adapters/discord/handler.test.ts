import { ApplicationCommandOptionType, MessageFlags, PermissionFlagsBits, PermissionsBitField, type CommandInteractionOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { answerCommand, type InteractionDeps, type SlashCommandInteraction } from '../../../src/adapters/discord/interactions.js';
import { silentLogger } from '../../../src/core/ports/logger.js';
import type { Store } from '../../../src/core/ports/store.js';
import { openStore } from '../../../src/wiring.js';
import { testPoster } from '../../commands/poster.js';
import { commandDeps } from '../../commands/deps.js';
import { sampleStore } from './harness.js';

// The command handler called directly with a plain interaction that records what it is sent: no
// client, no fake Discord. The same handler runs end to end in bot.test.ts.

type Sent = [string, unknown];

function interaction(commandName: string, data: CommandInteractionOption[], permissions = 0n): SlashCommandInteraction & { sent: Sent[] } {
  const sent: Sent[] = [];
  const record = (what: string) => async (options?: unknown) => {
    sent.push([what, options]);
    if (what === 'deferReply') state.deferred = true;
    if (what === 'reply') state.replied = true;
  };
  const state = {
    id: 'I1',
    createdTimestamp: Date.now(),
    user: { id: 'U1' },
    commandName,
    channelId: 'C1',
    guildId: 'G1',
    memberPermissions: new PermissionsBitField(permissions),
    options: { data },
    replied: false,
    deferred: false,
    ephemeral: null,
    sent,
    deferReply: record('deferReply'),
    editReply: record('editReply'),
    followUp: record('followUp'),
    reply: record('reply'),
    deleteReply: record('deleteReply'),
  };
  return state;
}

const deps = (store: Store): InteractionDeps => ({
  commands: commandDeps(store),
  lookup: { get: () => Promise.reject(new Error('not used by commands')) },
  logger: silentLogger,
  poster: testPoster('discord', async () => ({ messageIds: ['1'] })),
  // Charts are drawn in the end-to-end tests (charts.test.ts); here a brief goes without one.
  renderChart: () => Promise.reject(new Error('no charts in this test')),
});
const model = (value: string): CommandInteractionOption => ({ name: 'model', type: ApplicationCommandOptionType.String, value });

describe('answerCommand', () => {
  it('/price defers in public and edits the answer in, pinging nobody', async () => {
    const store = await sampleStore();
    const call = interaction('price', [model('kimi')]);
    await answerCommand(call, deps(store));
    expect(call.sent.map(([what]) => what)).toEqual(['deferReply', 'editReply']);
    expect(call.sent[0]?.[1]).toEqual({});
    expect(call.sent[1]?.[1]).toMatchObject({ content: expect.stringContaining('(moonshotai/kimi-k2.5)'), allowedMentions: { parse: [] } });
    await store.close();
  });

  it('a member without Manage Server is refused privately, and nothing is stored', async () => {
    const store = await sampleStore();
    const set: CommandInteractionOption = {
      name: 'set',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        { name: 'name', type: ApplicationCommandOptionType.String, value: 'surgePct' },
        { name: 'value', type: ApplicationCommandOptionType.Number, value: 40 },
      ],
    };
    const member = interaction('alerts', [set]);
    await answerCommand(member, deps(store));
    expect(member.sent).toEqual([
      ['deferReply', { flags: MessageFlags.Ephemeral }],
      ['editReply', expect.objectContaining({ content: "Only members with the Manage Server permission can change this channel's alerts." })],
    ]);
    expect(await store.channelSettings('discord:G1:C1')).toBeNull();

    const admin = interaction('alerts', [set], PermissionFlagsBits.ManageGuild);
    await answerCommand(admin, deps(store));
    expect(await store.channelSettings('discord:G1:C1')).toEqual({ thresholds: { surgePct: 40 }, watchlist: [] });
    await store.close();
  });

  it('no data yet: the public placeholder goes, and the reason arrives only for the asker', async () => {
    const store = await openStore(':memory:');
    const call = interaction('price', [model('kimi')]);
    await answerCommand(call, deps(store));
    expect(call.sent).toEqual([
      ['deferReply', {}],
      ['deleteReply', undefined],
      ['followUp', expect.objectContaining({ flags: MessageFlags.Ephemeral, content: expect.stringContaining('no usage data stored yet') })],
    ]);
    await store.close();
  });
});
