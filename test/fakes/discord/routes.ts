import { snowflake } from './ids.js';
import { botPermissions, botUserPayload, channelPayload, editMessage, messagePayload } from './payloads.js';
import { Permission } from './permissions.js';
import { isRecord, validateAutocomplete, validateCommands, validateMessage } from './validate.js';
import type { DiscordErrorBody } from './validate.js';
import { findChannel } from './world.js';
import type { InteractionRecord, Json, RecordedFile, World } from './world.js';

// The REST endpoints a bot uses, below `/api/v10`, with Discord's answers and error codes.
// Interaction callbacks and interaction webhooks are authorised by the token in their URL, not a header.

export interface RestContext {
  world: World;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
  gatewayUrl: string;
  identifies: number;
  /** How long after dispatch an interaction accepts its initial response. */
  interactionDeadlineMs: number;
}

export interface Answer {
  status: number;
  /** JSON body; none means 204-style empty. */
  body?: unknown;
}

export interface Route {
  method: string;
  /** Path below /api/v10 with `:param` segments. */
  template: string;
  auth: boolean;
  bucket: 'createMessage' | 'default';
  handle(context: RestContext): Answer;
}

export const ERROR_MESSAGES: Record<number, string> = {
  0: 'General error',
  10003: 'Unknown Channel',
  10004: 'Unknown Guild',
  10008: 'Unknown Message',
  10015: 'Unknown Webhook',
  10062: 'Unknown interaction',
  40060: 'Interaction has already been acknowledged.',
  50001: 'Missing Access',
  50006: 'Cannot send an empty message',
  50013: 'Missing Permissions',
  50027: 'Invalid Webhook Token',
  50035: 'Invalid Form Body',
  50109: 'The request body contains invalid JSON.',
};

export const errorAnswer = (status: number, code: number): Answer => ({
  status,
  body: { message: ERROR_MESSAGES[code] ?? `Error ${code}`, code },
});
const invalid = (body: DiscordErrorBody): Answer => ({ status: 400, body });
const ok = (body: unknown): Answer => ({ status: 200, body });
const NO_CONTENT: Answer = { status: 204 };

// Interaction webhooks (edits, follow-ups) accept requests for 15 minutes after the interaction.
const WEBHOOK_LIFETIME_MS = 15 * 60 * 1000;
const LOADING = 1 << 7;
const EPHEMERAL = 1 << 6;
const InteractionType = { Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
const Callback = { Reply: 4, Defer: 5, DeferUpdate: 6, Update: 7, Autocomplete: 8 } as const;

function allowedCallbacks(interactionType: number): number[] {
  if (interactionType === InteractionType.Autocomplete) return [Callback.Autocomplete];
  if (interactionType === InteractionType.Command) return [Callback.Reply, Callback.Defer];
  return [Callback.Reply, Callback.Defer, Callback.DeferUpdate, Callback.Update];
}

const asJson = (body: unknown): Json => (isRecord(body) ? body : {});

/** Discord remembers an enforced nonce for "the past few minutes". */
export const NONCE_WINDOW_MS = 5 * 60 * 1000;

/** A message the bot posted into a DM channel it opened. */
function createDmMessage(world: World, channelId: string, body: unknown, files: RecordedFile[]): Answer {
  const problem = validateMessage(body, { hasFiles: files.length > 0 });
  if (problem) return invalid(problem);
  const message = messagePayload({ id: snowflake(), channelId, guildId: undefined, author: botUserPayload(world), body: asJson(body), files });
  world.messages.set(channelId, [...(world.messages.get(channelId) ?? []), message]);
  return ok(message);
}

/**
 * With `enforce_nonce`, a nonce the same author sent to the channel within the window gets the
 * message it created back, and nothing new is created. The answer carries the nonce; history does not.
 */
function createChannelMessage(context: RestContext): Answer {
  const { world, params, body } = context;
  const json = asJson(body);
  const nonce = typeof json.nonce === 'string' || typeof json.nonce === 'number' ? String(json.nonce) : null;
  const key = `${params.channelId ?? ''}\n${nonce ?? ''}`;
  const earlier = nonce !== null && json.enforce_nonce === true ? world.nonces.get(key) : undefined;
  if (earlier && Date.now() - earlier.at < NONCE_WINDOW_MS) return ok({ ...earlier.message, nonce: json.nonce });
  const answer = createMessageOnce(context);
  if (answer.status !== 200 || nonce === null) return answer;
  world.nonces.set(key, { message: answer.body as Json, at: Date.now() });
  return { ...answer, body: { ...(answer.body as Json), nonce: json.nonce } };
}

function createMessageOnce({ world, params, body, files }: RestContext): Answer {
  if (world.dms.has(params.channelId ?? '')) return createDmMessage(world, params.channelId ?? '', body, files);
  const found = findChannel(world, params.channelId ?? '');
  if (!found) return errorAnswer(404, 10003);
  const { guild, channel } = found;
  if (channel.access === 'missing-access') return errorAnswer(403, 50001);
  const permissions = botPermissions(guild, channel);
  if (!(permissions & Permission.SendMessages) || (files.length > 0 && !(permissions & Permission.AttachFiles))) {
    return errorAnswer(403, 50013);
  }
  const problem = validateMessage(body, { hasFiles: files.length > 0 });
  if (problem) return invalid(problem);
  const message = messagePayload({ id: snowflake(), channelId: channel.id, guildId: guild.id, author: botUserPayload(world), body: asJson(body), files });
  const posted = world.messages.get(channel.id) ?? [];
  posted.push(message);
  world.messages.set(channel.id, posted);
  return ok(message);
}

/**
 * `GET /channels/{id}/messages`: up to `limit` (1..100, default 50) messages, newest first; nonces are
 * not kept. `before` pages back from a message id, `after` forward (the `limit` oldest after it); any
 * snowflake works as the bound, not only a message's. (`around` is not modelled.)
 */
function listMessages({ world, params, query }: RestContext): Answer {
  const channelId = params.channelId ?? '';
  if (!world.dms.has(channelId)) {
    const found = findChannel(world, channelId);
    if (!found) return errorAnswer(404, 10003);
    if (found.channel.access === 'missing-access') return errorAnswer(403, 50001);
    if (!(botPermissions(found.guild, found.channel) & Permission.ReadMessageHistory)) return ok([]);
  }
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return invalid({ code: 50035, message: 'Invalid Form Body', errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 100.' }] } } });
  }
  for (const bound of ['before', 'after'] as const) {
    const value = query[bound];
    if (value !== undefined && !/^\d{1,20}$/.test(value)) {
      return invalid({ code: 50035, message: 'Invalid Form Body', errors: { [bound]: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: `Value "${value}" is not snowflake.` }] } } });
    }
  }
  const id = (message: Json) => BigInt(String(message.id));
  const all = world.messages.get(channelId) ?? [];
  if (query.before !== undefined) {
    const before = BigInt(query.before);
    return ok(all.filter((message) => id(message) < before).reverse().slice(0, limit));
  }
  if (query.after !== undefined) {
    const after = BigInt(query.after);
    return ok(all.filter((message) => id(message) > after).slice(0, limit).reverse());
  }
  return ok([...all].reverse().slice(0, limit));
}

/** `POST /users/@me/channels {recipient_id}`: the DM channel with a user (the same one each time). */
function openDm({ world, body }: RestContext): Answer {
  const recipient = asJson(body).recipient_id;
  if (typeof recipient !== 'string' || !/^\d{17,20}$/.test(recipient)) return errorAnswer(400, 50035);
  const existing = [...world.dms].find(([, user]) => user === recipient)?.[0];
  const id = existing ?? snowflake();
  world.dms.set(id, recipient);
  return ok({
    id,
    type: 1,
    last_message_id: null,
    flags: 0,
    recipients: [{ id: recipient, username: `user${recipient.slice(-4)}`, discriminator: '0', global_name: null, avatar: null }],
  });
}

function getChannel({ world, params }: RestContext): Answer {
  const found = findChannel(world, params.channelId ?? '');
  if (!found) return errorAnswer(404, 10003);
  if (found.channel.access === 'missing-access') return errorAnswer(403, 50001);
  return ok(channelPayload(found.guild, found.channel));
}

/** The commands list a route addresses, or the error for a foreign application or a guild the bot is not in. */
function commandList({ world, params }: RestContext): { list: Json[]; guildId?: string } | Answer {
  if (params.appId !== world.applicationId) return errorAnswer(403, 50001);
  if (params.guildId === undefined) return { list: world.commands.global };
  if (!world.guilds.some((guild) => guild.id === params.guildId)) return errorAnswer(403, 50001);
  return { list: world.commands.byGuild.get(params.guildId) ?? [], guildId: params.guildId };
}

function getCommands(context: RestContext): Answer {
  const found = commandList(context);
  return 'status' in found ? found : ok(found.list);
}

function putCommands(context: RestContext): Answer {
  const found = commandList(context);
  if ('status' in found) return found;
  const problem = validateCommands(context.body);
  if (problem) return invalid(problem);
  const { world } = context;
  const stored = (context.body as Json[]).map((command): Json => {
    const type = command.type ?? 1;
    // A bulk overwrite keeps the id of a command that already existed under the same name and type.
    const existing = found.list.find((old) => old.name === command.name && old.type === type);
    return {
      id: typeof existing?.id === 'string' ? existing.id : snowflake(),
      application_id: world.applicationId,
      version: snowflake(),
      default_member_permissions: command.default_member_permissions ?? null,
      type,
      name: command.name,
      name_localizations: command.name_localizations ?? null,
      description: command.description ?? '',
      description_localizations: command.description_localizations ?? null,
      dm_permission: command.dm_permission ?? true,
      contexts: command.contexts ?? null,
      integration_types: command.integration_types ?? [0],
      nsfw: command.nsfw ?? false,
      ...(Array.isArray(command.options) ? { options: command.options } : {}),
      ...(found.guildId ? { guild_id: found.guildId } : {}),
    };
  });
  if (found.guildId) world.commands.byGuild.set(found.guildId, stored);
  else world.commands.global = stored;
  return ok(stored);
}

function interactionMessage(world: World, record: InteractionRecord, data: Json, files: RecordedFile[], type: number): Json {
  return messagePayload({
    id: snowflake(),
    type,
    channelId: record.payload.channel_id as string,
    guildId: record.payload.guild_id as string | undefined,
    author: botUserPayload(world),
    body: data,
    files,
    webhookId: world.applicationId,
    applicationId: world.applicationId,
  });
}

function callback({ world, params, query, body, files, interactionDeadlineMs }: RestContext): Answer {
  const record = world.interactions.get(params.interactionId ?? '');
  if (!record || record.payload.token !== params.token) return errorAnswer(404, 10062);
  if (record.callback) return errorAnswer(400, 40060);
  if (Date.now() - record.sentAt >= interactionDeadlineMs) return errorAnswer(404, 10062);
  const response = asJson(body);
  const type = typeof response.type === 'number' ? response.type : -1;
  const allowed = allowedCallbacks(record.payload.type);
  if (!allowed.includes(type)) {
    return invalid({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: `Value must be one of (${allowed.join(', ')}).` }] } },
    });
  }
  const data = asJson(response.data);
  const problem =
    type === Callback.Autocomplete
      ? validateAutocomplete(response.data)
      : type === Callback.Reply || type === Callback.Update
        ? validateMessage(response.data, { path: ['data'], hasFiles: files.length > 0 })
        : null;
  if (problem) return invalid(problem);

  record.callback = { type, ...('data' in response ? { data: response.data } : {}) };
  if (type === Callback.Reply) record.original = interactionMessage(world, record, data, files, 20);
  if (type === Callback.Defer) {
    const flags = (typeof data.flags === 'number' ? data.flags : 0) | LOADING;
    record.original = interactionMessage(world, record, { flags }, [], 20);
  }
  if (type === Callback.Update && isRecord(record.payload.message)) record.original = editMessage(record.payload.message, data, files);
  if (query.with_response !== 'true') return NO_CONTENT;
  const flags = typeof record.original?.flags === 'number' ? record.original.flags : 0;
  return ok({
    interaction: {
      id: record.payload.id,
      type: record.payload.type,
      response_message_id: record.original?.id ?? null,
      response_message_loading: type === Callback.Defer,
      response_message_ephemeral: (flags & EPHEMERAL) !== 0,
    },
    resource: { type, ...(record.original && type !== Callback.Autocomplete ? { message: record.original } : {}) },
  });
}

/** The interaction behind an interaction webhook (`/webhooks/{application}/{interaction token}`). */
function webhookInteraction({ world, params }: RestContext): InteractionRecord | Answer {
  if (params.appId !== world.applicationId) return errorAnswer(404, 10015);
  const record = [...world.interactions.values()].find((candidate) => candidate.payload.token === params.token);
  if (!record) return errorAnswer(404, 10015);
  if (Date.now() - record.sentAt > WEBHOOK_LIFETIME_MS) return errorAnswer(401, 50027);
  // Until the interaction is acknowledged there is no webhook to post to or edit.
  if (!record.callback) return errorAnswer(404, 10015);
  return record;
}

function followUp(context: RestContext): Answer {
  const record = webhookInteraction(context);
  if ('status' in record) return record;
  const problem = validateMessage(context.body, { hasFiles: context.files.length > 0 });
  if (problem) return invalid(problem);
  const message = interactionMessage(context.world, record, asJson(context.body), context.files, 0);
  record.followUps.push(message);
  return context.query.wait === 'true' ? ok(message) : NO_CONTENT;
}

function webhookMessage(context: RestContext, record: InteractionRecord): Json | undefined {
  const id = context.params.messageId;
  if (id === '@original') return record.original ?? undefined;
  return record.followUps.find((message) => message.id === id);
}

function getWebhookMessage(context: RestContext): Answer {
  const record = webhookInteraction(context);
  if ('status' in record) return record;
  const message = webhookMessage(context, record);
  return message ? ok(message) : errorAnswer(404, 10008);
}

function editWebhookMessage(context: RestContext): Answer {
  const record = webhookInteraction(context);
  if ('status' in record) return record;
  const message = webhookMessage(context, record);
  if (!message) return errorAnswer(404, 10008);
  const problem = validateMessage(context.body, { edit: true });
  if (problem) return invalid(problem);
  const edited = editMessage(message, asJson(context.body), context.files);
  // The first edit of a deferred reply fills the "thinking…" placeholder in.
  if (typeof edited.flags === 'number') edited.flags &= ~LOADING;
  if (message === record.original) record.original = edited;
  else record.followUps[record.followUps.indexOf(message)] = edited;
  return ok(edited);
}

function deleteWebhookMessage(context: RestContext): Answer {
  const record = webhookInteraction(context);
  if ('status' in record) return record;
  const message = webhookMessage(context, record);
  if (!message) return errorAnswer(404, 10008);
  if (message === record.original) record.original = null;
  else record.followUps.splice(record.followUps.indexOf(message), 1);
  return NO_CONTENT;
}

/** `GET /applications/@me`: the bot's own application, as a bot token sees it (how a bot learns its application id without the gateway). */
function currentApplication({ world }: RestContext): Answer {
  return ok({
    id: world.applicationId,
    name: world.bot.username,
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    bot: botUserPayload(world),
    verify_key: '0'.repeat(64),
    flags: (1 << 15) | (1 << 19),
    install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
    integration_types_config: { '0': {} },
  });
}

function gatewayBot({ gatewayUrl, identifies }: RestContext): Answer {
  return ok({
    url: gatewayUrl,
    shards: 1,
    session_start_limit: { total: 1000, remaining: Math.max(0, 1000 - identifies), reset_after: 14_400_000, max_concurrency: 1 },
  });
}

const route = (method: string, template: string, handle: Route['handle'], extra: Partial<Route> = {}): Route => ({
  method,
  template,
  handle,
  auth: true,
  bucket: 'default',
  ...extra,
});
const tokenAuthorised = { auth: false } as const;
const WEBHOOK_MESSAGE = '/webhooks/:appId/:token/messages/:messageId';

export const ROUTES: Route[] = [
  route('GET', '/gateway', ({ gatewayUrl }) => ok({ url: gatewayUrl }), tokenAuthorised),
  route('GET', '/gateway/bot', gatewayBot),
  route('GET', '/users/@me', ({ world }) => ok(botUserPayload(world))),
  route('GET', '/channels/:channelId', getChannel),
  route('POST', '/channels/:channelId/messages', createChannelMessage, { bucket: 'createMessage' }),
  route('GET', '/channels/:channelId/messages', listMessages),
  route('POST', '/users/@me/channels', openDm),
  route('GET', '/applications/@me', currentApplication),
  route('GET', '/applications/:appId/commands', getCommands),
  route('PUT', '/applications/:appId/commands', putCommands),
  route('GET', '/applications/:appId/guilds/:guildId/commands', getCommands),
  route('PUT', '/applications/:appId/guilds/:guildId/commands', putCommands),
  route('POST', '/interactions/:interactionId/:token/callback', callback, tokenAuthorised),
  route('POST', '/webhooks/:appId/:token', followUp, tokenAuthorised),
  route('GET', WEBHOOK_MESSAGE, getWebhookMessage, tokenAuthorised),
  route('PATCH', WEBHOOK_MESSAGE, editWebhookMessage, tokenAuthorised),
  route('DELETE', WEBHOOK_MESSAGE, deleteWebhookMessage, tokenAuthorised),
];

/** Matches a decoded path against a template, returning its parameters. */
export function matchTemplate(template: string, path: string): Record<string, string> | null {
  const expected = template.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) {
      if (value === '') return null;
      params[segment.slice(1)] = value;
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}
