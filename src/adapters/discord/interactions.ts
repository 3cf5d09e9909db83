import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionDeferReplyOptions,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type PermissionsBitField,
} from 'discord.js';
import { runCommand, type CommandDeps } from '../../commands/run.js';
import { StoreUnavailableError } from '../store/file-guard.js';
import type { ChannelRef } from '../../core/channel.js';
import { NoDataError } from '../../core/errors.js';
import type { CommandInput } from '../../core/input.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Reply } from '../../core/reply.js';
import type { ChartImage, ChartRenderer } from '../../core/ports/charts.js';
import type { BriefPoster } from '../../core/ports/poster.js';
import { discordMessages, failureMessages, type DiscordMessage } from '../../render/discord-embeds.js';
import type { Failure } from '../../render/failures.js';
import { MODEL_OPTIONS, modelChoices, ZONE_OPTION, zoneChoices, type LookupCache } from './autocomplete.js';
import { chartFile, withChartImage, type DiscordFile } from './chart.js';
import { invocationOf, toCommandInput } from './options.js';
import { initialResponse, originalResponse } from './redeliver.js';

// One interaction in, one answer out. Discord kills an interaction not acknowledged within 3 s, and
// every command reads the store, so commands are deferred first (with the visibility the answer will
// most likely have) and the answer is edited in. Nothing here throws: a failure becomes an ephemeral
// message for the member and a log line for the operator, never a stack trace in the channel.

export interface InteractionDeps {
  commands: CommandDeps;
  lookup: LookupCache;
  logger: Logger;
  /** Posts `/brief post` into the channel (through the delivery ledger). */
  poster: BriefPoster;
  /** Draws `/chart` answers and the posted brief's chart. */
  renderChart: ChartRenderer;
}

type Visibility = Reply['visibility'];

/**
 * What answering a slash command uses of discord.js's ChatInputCommandInteraction (which satisfies
 * it): a unit test can pass a plain object that records the calls.
 */
export interface SlashCommandInteraction {
  readonly id: string;
  readonly createdTimestamp: number;
  readonly user: { readonly id: string };
  readonly commandName: string;
  readonly channelId: string;
  readonly guildId: string | null;
  readonly memberPermissions: Readonly<PermissionsBitField> | null;
  readonly options: { readonly data: readonly CommandInteractionOption[] };
  // Mutable as on discord.js's own class: a dropped response that did arrive is marked by hand (see redeliver.ts).
  replied: boolean;
  deferred: boolean;
  ephemeral: boolean | null;
  deferReply(options: InteractionDeferReplyOptions): Promise<unknown>;
  editReply(options: InteractionEditReplyOptions): Promise<unknown>;
  followUp(options: InteractionReplyOptions): Promise<unknown>;
  reply(options: InteractionReplyOptions): Promise<unknown>;
  deleteReply(): Promise<unknown>;
}

const EPHEMERAL = MessageFlags.Ephemeral;

/** Manage Server (or Administrator) in the channel, as Discord computed it for this interaction. */
function isDiscordAdmin(permissions: Readonly<PermissionsBitField> | null): boolean {
  return permissions?.any([PermissionFlagsBits.ManageGuild, PermissionFlagsBits.Administrator]) ?? false;
}

/** Channel ids are unique only with their guild; outside a guild the workspace is `dm`. */
export function discordChannel(guildId: string | null, channelId: string): ChannelRef {
  return { platform: 'discord', workspace: guildId ?? 'dm', channel: channelId };
}

export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  if (interaction.isAutocomplete()) return answerAutocomplete(interaction, deps);
  if (interaction.isChatInputCommand()) return answerCommand(interaction, deps);
}

export async function answerAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  let choices: ReturnType<typeof modelChoices> = [];
  try {
    if (MODEL_OPTIONS.has(focused.name)) choices = modelChoices(await deps.lookup.get(), String(focused.value));
    if (focused.name === ZONE_OPTION) choices = zoneChoices(String(focused.value));
  } catch (error) {
    // No data yet: an empty list is the honest answer; the command itself explains why.
    deps.logger.warn({ err: errorText(error), command: interaction.commandName }, 'discord autocomplete failed');
  }
  try {
    await interaction.respond(choices);
  } catch (error) {
    deps.logger.warn({ err: errorText(error), command: interaction.commandName }, 'discord autocomplete answer not delivered');
  }
}

/** The visibility a reply will have unless something goes wrong: what the defer should promise. */
function likelyVisibility(input: CommandInput, admin: boolean): Visibility {
  switch (input.command) {
    case 'price':
    case 'top':
    case 'compare':
    case 'chart':
      return 'channel';
    case 'subscribe':
    case 'unsubscribe':
      return admin ? 'channel' : 'asker';
    // `/brief post` answers the admin privately; the brief itself is posted into the channel.
    case 'brief':
    case 'alerts':
    case 'status':
      return 'asker';
  }
}

export async function answerCommand(interaction: SlashCommandInteraction, deps: InteractionDeps): Promise<void> {
  const log = deps.logger.child({ command: interaction.commandName, user: interaction.user.id, interaction: interaction.id, channel: interaction.channelId });
  const admin = isDiscordAdmin(interaction.memberPermissions);
  const mapped = toCommandInput(invocationOf(interaction), deps.commands.defaultZone);
  try {
    if (!mapped.ok) {
      // Nothing to look up: answered at once, without a defer.
      const messages = 'failure' in mapped ? failureMessages(mapped.failure) : discordMessages(mapped.reply);
      for (const message of messages) await respond(interaction, message, true, log);
      return;
    }
    const deferred = likelyVisibility(mapped.input, admin);
    await initialResponse(
      interaction,
      () => interaction.deferReply(deferred === 'asker' ? { flags: EPHEMERAL } : {}),
      () => {
        interaction.deferred = true;
        interaction.ephemeral = deferred === 'asker';
      },
      log,
    );
    let reply: Reply;
    try {
      reply = await runCommand(deps.commands, mapped.input, {
        channel: discordChannel(interaction.guildId, interaction.channelId),
        userId: interaction.user.id,
        poster: deps.poster,
        renderChart: deps.renderChart,
        logger: log,
        isAdmin: async () => admin,
      });
    } catch (error) {
      return await deliver(interaction, failureMessages(failureOf(error, interaction.commandName, log)), 'asker', deferred, log);
    }
    const chart = await drawChart(reply, deps, log);
    if (chart.failure) return await deliver(interaction, failureMessages(chart.failure), 'asker', deferred, log);
    const messages = chart.image ? withChartImage(discordMessages(reply), chart.image) : discordMessages(reply);
    await deliver(interaction, messages, reply.visibility, deferred, log, chart.image ? [chartFile(chart.image)] : []);
  } catch (error) {
    // The answer itself failed (interaction expired, Discord refused it, the connection kept dropping):
    // tell the member if we still can.
    log.error({ err: errorText(error) }, 'discord answer not delivered');
    const [sorry] = failureMessages({ kind: 'command_failed', command: `/${interaction.commandName}` });
    if (sorry) await interaction.followUp(replyOptions(sorry, true)).catch(() => {});
  }
}

/** The image a `/chart` answer carries; a failure becomes an apology only the asker sees. */
async function drawChart(reply: Reply, deps: InteractionDeps, log: Logger): Promise<{ image: ChartImage | null; failure?: Failure }> {
  if (reply.kind !== 'chart') return { image: null };
  try {
    return { image: await deps.renderChart(reply.chart) };
  } catch (error) {
    log.error({ err: error, chart: reply.chart.kind }, 'discord chart failed');
    return { image: null, failure: { kind: 'chart_failed' } };
  }
}

/** What went wrong, in words the member can act on (see failure.hbs); never a stack trace. */
function failureOf(error: unknown, commandName: string, log: Logger): Failure {
  if (error instanceof NoDataError) return { kind: 'no_data', missing: error.missing };
  log.error({ err: error }, 'discord command failed');
  if (error instanceof StoreUnavailableError) return { kind: 'not_saved' };
  return { kind: 'command_failed', command: `/${commandName}` };
}

/**
 * Sends a reply's messages: the first fills the deferred response, the rest follow up. A reply meant
 * only for the asker after a public defer (a typo'd model name, an error) removes the public
 * placeholder and arrives as ephemeral follow-ups; a deferred ephemeral response is never widened.
 */
async function deliver(
  interaction: SlashCommandInteraction,
  messages: DiscordMessage[],
  visibility: Visibility,
  deferred: Visibility,
  log: Logger,
  files: DiscordFile[] = [],
): Promise<void> {
  const ephemeral = deferred === 'asker' || visibility === 'asker';
  let rest = messages;
  if (deferred === 'channel' && visibility === 'asker') {
    await originalResponse(interaction, () => interaction.deleteReply(), log);
  } else {
    const [first, ...others] = messages;
    if (first) await originalResponse(interaction, () => interaction.editReply(editOptions(first, files)), log);
    rest = others;
  }
  for (const message of rest) await interaction.followUp(replyOptions(message, ephemeral));
}

/** The first answer without a defer, or a follow-up after one. */
async function respond(interaction: SlashCommandInteraction, message: DiscordMessage, ephemeral: boolean, log: Logger): Promise<void> {
  if (interaction.replied || interaction.deferred) await interaction.followUp(replyOptions(message, ephemeral));
  else await initialResponse(interaction, () => interaction.reply(replyOptions(message, ephemeral)), () => void (interaction.replied = true), log);
}

function editOptions(message: DiscordMessage, files: DiscordFile[]): InteractionEditReplyOptions {
  return { content: message.content === '' ? null : message.content, embeds: message.embeds, allowedMentions: { parse: [] }, ...(files.length > 0 ? { files } : {}) };
}

function replyOptions(message: DiscordMessage, ephemeral: boolean): InteractionReplyOptions {
  return {
    ...(message.content === '' ? {} : { content: message.content }),
    embeds: message.embeds,
    allowedMentions: { parse: [] },
    ...(ephemeral ? { flags: EPHEMERAL } : {}),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
