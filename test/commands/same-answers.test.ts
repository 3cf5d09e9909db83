import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCommandInput, type DiscordInvocation } from '../../src/adapters/discord/options.js';
import { createSampleSource } from '../../src/adapters/source/sample.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { Store } from '../../src/core/ports/store.js';
import type { CommandInput, CommandName } from '../../src/core/input.js';
import { NO_CHARTS, testPoster } from './poster.js';
import { parseCommandText } from '../../src/commands/parse.js';
import { runCommand, type CommandDeps } from '../../src/commands/run.js';
import { ingest } from '../../src/jobs/ingest.js';
import { discordMessages } from '../../src/render/discord-embeds.js';
import { briefPreviewMessages } from '../../src/render/slack-blocks.js';
import { openStore } from '../../src/wiring.js';
import { commandDeps } from './deps.js';

// Slack sends `/top 5 CN` as text; Discord sends `/top n:5 country:CN` as typed options. Both must
// reach the command layer as the same CommandInput and get the same Reply from the same data.

let store: Store;
let deps: CommandDeps;
beforeAll(async () => {
  store = await openStore(':memory:');
  await ingest(createSampleSource(), store, silentLogger);
  deps = commandDeps(store);
});
afterAll(() => store.close());

function fromSlack(command: CommandName, text: string): CommandInput {
  const parsed = parseCommandText(command, text);
  if (!parsed.ok) throw new Error(`Slack text not understood: ${parsed.error.problem}`);
  return parsed.input;
}

function fromDiscord(invocation: DiscordInvocation): CommandInput {
  const mapped = toCommandInput(invocation);
  if (!mapped.ok) throw new Error(`Discord options not understood: ${JSON.stringify(mapped)}`);
  return mapped.input;
}

const cases: { label: string; slack: [CommandName, string]; discord: DiscordInvocation }[] = [
  { label: 'price kimi', slack: ['price', 'kimi'], discord: { command: 'price', subcommand: null, options: { model: 'kimi' } } },
  { label: 'price claude opus', slack: ['price', ' claude  opus '], discord: { command: 'price', subcommand: null, options: { model: 'claude opus' } } },
  { label: 'top', slack: ['top', ''], discord: { command: 'top', subcommand: null, options: {} } },
  { label: 'top 5 CN', slack: ['top', '5 CN'], discord: { command: 'top', subcommand: null, options: { n: 5, country: 'CN' } } },
  { label: 'top 3 unattributed', slack: ['top', '3 stealth'], discord: { command: 'top', subcommand: null, options: { n: 3, country: 'unattributed' } } },
  { label: 'compare kimi vs opus', slack: ['compare', 'kimi vs opus'], discord: { command: 'compare', subcommand: null, options: { a: 'kimi', b: 'opus' } } },
  { label: 'brief', slack: ['brief', ''], discord: { command: 'brief', subcommand: null, options: {} } },
  { label: 'brief post', slack: ['brief', 'post'], discord: { command: 'brief', subcommand: null, options: { post: true } } },
  { label: 'alerts', slack: ['alerts', ''], discord: { command: 'alerts', subcommand: 'show', options: {} } },
  { label: 'alerts set surgePct 40', slack: ['alerts', 'set surgePct 40'], discord: { command: 'alerts', subcommand: 'set', options: { name: 'surgePct', value: 40 } } },
  { label: 'alerts set minTokens 50B', slack: ['alerts', 'set minTokens 50B'], discord: { command: 'alerts', subcommand: 'set', options: { name: 'minTokens', value: 50e9 } } },
  { label: 'alerts reset topN', slack: ['alerts', 'reset topN'], discord: { command: 'alerts', subcommand: 'reset', options: { name: 'topN' } } },
  { label: 'alerts watch kimi', slack: ['alerts', 'watch kimi'], discord: { command: 'alerts', subcommand: 'watch', options: { model: 'kimi' } } },
  { label: 'alerts off', slack: ['alerts', 'off'], discord: { command: 'alerts', subcommand: 'off', options: {} } },
  { label: 'brief post force', slack: ['brief', 'post force'], discord: { command: 'brief', subcommand: null, options: { force: true } } },
  {
    label: 'subscribe tuesday 17:30 berlin',
    slack: ['subscribe', 'tuesday 5:30pm Europe/Berlin'],
    discord: { command: 'subscribe', subcommand: null, options: { weekday: 'tuesday', time: '17:30', timezone: 'Europe/Berlin' } },
  },
  { label: 'subscribe', slack: ['subscribe', ''], discord: { command: 'subscribe', subcommand: null, options: {} } },
  { label: 'unsubscribe', slack: ['unsubscribe', ''], discord: { command: 'unsubscribe', subcommand: null, options: {} } },
  { label: 'status', slack: ['status', ''], discord: { command: 'status', subcommand: null, options: {} } },
];

// Who asks, and a poster that posts nothing (the requests here never post).
const asker = { userId: 'U1', poster: testPoster('slack', async () => ({ messageIds: [] })), ...NO_CHARTS };

describe('the same request on Slack and Discord', () => {
  it.each(cases)('$label: the same CommandInput and the same Reply', async ({ label, slack, discord }) => {
    const slackInput = fromSlack(...slack);
    const discordInput = fromDiscord(discord);
    expect(discordInput).toEqual(slackInput);

    // Separate channels, each starting from defaults, so a settings change on one cannot leak into the other.
    const key = label.replace(/\W+/g, '-');
    const onSlack = await runCommand(deps, slackInput, { channel: { platform: 'slack', workspace: 'T1', channel: key }, isAdmin: async () => true, ...asker });
    const onDiscord = await runCommand(deps, discordInput, { channel: { platform: 'discord', workspace: 'G1', channel: key }, isAdmin: async () => true, ...asker });
    expect(onDiscord).toEqual(onSlack);
  });

  it('a member who is not an admin is refused alike', async () => {
    const input = fromDiscord({ command: 'alerts', subcommand: 'set', options: { name: 'surgePct', value: 40 } });
    const onSlack = await runCommand(deps, fromSlack('alerts', 'set surgePct 40'), { channel: { platform: 'slack', workspace: 'T1', channel: 'member' }, isAdmin: async () => false, ...asker });
    const onDiscord = await runCommand(deps, input, { channel: { platform: 'discord', workspace: 'G1', channel: 'member' }, isAdmin: async () => false, ...asker });
    expect(onDiscord).toEqual(onSlack);
    expect(onDiscord).toMatchObject({ kind: 'forbidden', visibility: 'asker' });
  });

  it('a brief preview shows the same settings lines on both platforms', async () => {
    const setUp = ['set surgePct 25', 'set minTokens 1B', 'watch kimi', 'watch glm 5'];
    const preview = async (platform: 'slack' | 'discord') => {
      const ctx = { channel: { platform, workspace: 'X1', channel: 'preview' }, isAdmin: async () => true, ...asker };
      for (const text of setUp) await runCommand(deps, fromSlack('alerts', text), ctx);
      const reply = await runCommand(deps, fromSlack('brief', ''), ctx);
      if (reply.kind !== 'brief_preview') throw new Error(reply.kind);
      return reply;
    };
    const onSlack = await preview('slack');
    const onDiscord = await preview('discord');
    expect(onDiscord).toEqual(onSlack);

    const slackLines = briefPreviewMessages(onSlack)[0]?.blocks?.[0];
    if (slackLines?.type !== 'context') throw new Error('the Slack preview does not lead with its lines');
    const discordLines = discordMessages(onDiscord)[0]?.content.split('\n') ?? [];
    // Only the markup differs: the note is italic, `_…_` on Slack and `*…*` on Discord.
    const plain = (line: string) => line.replace(/^([_*])(.*)\1$/, '$2');
    expect(discordLines.map(plain)).toEqual(slackLines.elements.map((e) => plain(e.text)));
    expect(discordLines.map(plain)).toEqual([
      "Preview (only you can see this): this week's brief with this channel's alert settings.",
      expect.stringMatching(/^\d+ signals fire under this channel's settings \(\d+ more than the defaults\)\.$/),
      'Thresholds changed here: surgePct 25 (default 50) · minTokens 1.00B (default 100B).',
      'Watching: moonshotai/kimi-k2.5, z-ai/glm-5.',
    ]);
  });
});
