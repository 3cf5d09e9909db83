import { randomToken, snowflake } from './ids.js';
import { channelPayload, memberPayload, memberPermissions, botPermissions, userPayload } from './payloads.js';
import { isRecord } from './validate.js';
import { findChannel } from './world.js';
import type { FakeChannel, FakeGuild, Json, World } from './world.js';

// INTERACTION_CREATE payloads as Discord sends them for a slash command (type 2) or an autocomplete
// request (type 4) in a guild text channel. When the bot registered the command with the fake, the
// payload follows that registration (command id, option types, required options) and a test that
// invokes an option the command does not have fails loudly: real Discord could never send it.

export type OptionValue = string | number | boolean;

export interface InvokerOptions {
  /** Defaults to the first guild. */
  guildId?: string;
  /** Defaults to the guild's first channel. */
  channelId?: string;
  user?: { id?: string; username?: string; globalName?: string | null };
  /** Role ids the invoking member holds (besides @everyone). */
  roles?: string[];
  /** The member's permissions in the channel (a bitfield); defaults to what their roles grant there. */
  permissions?: bigint | string;
  locale?: string;
}

export interface CommandInteractionOptions extends InvokerOptions {
  name: string;
  options?: Record<string, OptionValue>;
  subcommand?: string;
  subcommandGroup?: string;
}

export interface AutocompleteInteractionOptions extends CommandInteractionOptions {
  /** The option being typed in, with the partial text typed so far. */
  focused: { name: string; value: string };
}

export interface InteractionPayload extends Json {
  id: string;
  application_id: string;
  type: number;
  token: string;
  data: Json & { id: string; name: string; type: number };
  guild_id: string;
  channel_id: string;
}

export const DEFAULT_INVOKER = { id: '1180000000000000201', username: 'alice', globalName: 'Alice' } as const;

const OPTION = { SubCommand: 1, SubCommandGroup: 2, String: 3, Integer: 4, Boolean: 5, Number: 10 } as const;

interface WireOption {
  name: string;
  type: number;
  value?: OptionValue;
  focused?: boolean;
  options?: WireOption[];
}

function registeredCommand(world: World, guildId: string, name: string): Json | undefined {
  const isIt = (command: Json): boolean => command.name === name && (command.type ?? 1) === 1;
  return (world.commands.byGuild.get(guildId) ?? []).find(isIt) ?? world.commands.global.find(isIt);
}

const optionsOf = (node: Json | undefined): Json[] =>
  node && Array.isArray(node.options) ? node.options.filter(isRecord) : [];

/** The option definitions at the level the values belong to (inside the subcommand, if any). */
function definitionsFor(command: Json, request: CommandInteractionOptions): Json[] {
  let level = command;
  for (const [name, type] of [
    [request.subcommandGroup, OPTION.SubCommandGroup],
    [request.subcommand, OPTION.SubCommand],
  ] as const) {
    if (name === undefined) continue;
    const next = optionsOf(level).find((option) => option.name === name && option.type === type);
    if (!next) throw new Error(`fake Discord: /${request.name} has no ${type === OPTION.SubCommand ? 'subcommand' : 'group'} "${name}"`);
    level = next;
  }
  const nested = optionsOf(level).some((option) => option.type === OPTION.SubCommand || option.type === OPTION.SubCommandGroup);
  if (nested) throw new Error(`fake Discord: /${request.name} needs a subcommand`);
  return optionsOf(level);
}

function inferType(value: OptionValue): number {
  if (typeof value === 'boolean') return OPTION.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OPTION.Integer : OPTION.Number;
  return OPTION.String;
}

function fitsType(type: number, value: OptionValue): boolean {
  if (type === OPTION.Boolean) return typeof value === 'boolean';
  if (type === OPTION.Integer) return Number.isInteger(value);
  if (type === OPTION.Number) return typeof value === 'number';
  return typeof value === 'string';
}

function wireOptions(request: CommandInteractionOptions, definitions: Json[] | undefined, focused?: { name: string; value: string }): WireOption[] {
  const values = Object.entries(request.options ?? {});
  const options: WireOption[] = values.map(([name, value]) => {
    const definition = definitions?.find((option) => option.name === name);
    if (definitions && !definition) throw new Error(`fake Discord: /${request.name} has no option "${name}"`);
    const type = typeof definition?.type === 'number' ? definition.type : inferType(value);
    if (!fitsType(type, value)) throw new Error(`fake Discord: option "${name}" of /${request.name} is type ${type}, not ${JSON.stringify(value)}`);
    return { name, type, value };
  });
  if (focused) {
    const definition = definitions?.find((option) => option.name === focused.name);
    if (definitions && definition?.autocomplete !== true) {
      throw new Error(`fake Discord: option "${focused.name}" of /${request.name} is not registered with autocomplete`);
    }
    // The focused value is whatever has been typed so far, so it is text even for numeric options.
    options.push({ name: focused.name, type: typeof definition?.type === 'number' ? definition.type : OPTION.String, value: focused.value, focused: true });
  } else {
    for (const definition of definitions ?? []) {
      if (definition.required === true && !(String(definition.name) in (request.options ?? {}))) {
        throw new Error(`fake Discord: /${request.name} requires option "${String(definition.name)}"`);
      }
    }
  }
  return options;
}

function nest(request: CommandInteractionOptions, options: WireOption[]): WireOption[] {
  let nested = options;
  if (request.subcommand !== undefined) nested = [{ name: request.subcommand, type: OPTION.SubCommand, options: nested }];
  if (request.subcommandGroup !== undefined) nested = [{ name: request.subcommandGroup, type: OPTION.SubCommandGroup, options: nested }];
  return nested;
}

function place(world: World, invoker: InvokerOptions): { guild: FakeGuild; channel: FakeChannel } {
  const guild = invoker.guildId === undefined ? world.guilds[0] : world.guilds.find((candidate) => candidate.id === invoker.guildId);
  if (!guild) throw new Error(`fake Discord: unknown guild ${invoker.guildId ?? '(none configured)'}`);
  if (invoker.channelId === undefined) {
    const channel = guild.channels[0];
    if (!channel) throw new Error(`fake Discord: guild ${guild.id} has no channels`);
    return { guild, channel };
  }
  const found = findChannel(world, invoker.channelId);
  if (!found || found.guild !== guild) throw new Error(`fake Discord: channel ${invoker.channelId} is not in guild ${guild.id}`);
  return found;
}

function build(world: World, type: number, request: CommandInteractionOptions, focused?: { name: string; value: string }): InteractionPayload {
  const { guild, channel } = place(world, request);
  const command = registeredCommand(world, guild.id, request.name);
  const definitions = command ? definitionsFor(command, request) : undefined;
  const options = nest(request, wireOptions(request, definitions, focused));
  const roles = request.roles ?? [];
  const permissions = (request.permissions ?? memberPermissions(guild, channel, roles)).toString();
  const user = userPayload({
    id: request.user?.id ?? DEFAULT_INVOKER.id,
    username: request.user?.username ?? DEFAULT_INVOKER.username,
    globalName: request.user?.globalName === undefined ? DEFAULT_INVOKER.globalName : request.user.globalName,
  });
  const locale = request.locale ?? 'en-US';
  return {
    id: snowflake(),
    application_id: world.applicationId,
    type,
    token: `aW50ZXJhY3Rpb246${randomToken()}`,
    version: 1,
    data: {
      id: typeof command?.id === 'string' ? command.id : snowflake(),
      name: request.name,
      type: 1,
      ...(options.length > 0 ? { options } : {}),
      ...(typeof command?.guild_id === 'string' ? { guild_id: command.guild_id } : {}),
    },
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
    channel: { ...channelPayload(guild, channel), permissions },
    channel_id: channel.id,
    member: { ...memberPayload(user, roles), permissions, unusual_dm_activity_until: null },
    entitlements: [],
    // Installed to the guild: key 0 (GUILD_INSTALL) names the guild that authorised the app.
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    app_permissions: botPermissions(guild, channel).toString(),
    locale,
    guild_locale: guild.preferredLocale,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

export const commandInteraction = (world: World, request: CommandInteractionOptions): InteractionPayload => build(world, 2, request);

export const autocompleteInteraction = (world: World, request: AutocompleteInteractionOptions): InteractionPayload =>
  build(world, 4, request, request.focused);
