import { ALT_TEXT_MAX, type FileStore } from './files.js';
import { checkMessage } from './messages.js';
import type { Rejection } from './messages.js';
import { channelObject, userObject } from './workspace.js';
import type { FakeChannel, FakeUser, Installation } from './workspace.js';

// The Web API methods tokenbrief uses, answering as Slack does: always a JSON body with `ok`, errors as
// `{ok:false,error}` (the HTTP status stays 200). Arguments arrive already parsed (see ./request.ts).

/** A message the fake accepted, in the order accepted. */
export interface PostedMessage {
  /** How it got there: a Web API call, or `member` for a message a person wrote (see FakeSlack.memberMessage). */
  method: 'chat.postMessage' | 'chat.postEphemeral' | 'member';
  /** The channel id it landed in (a `D…` id for a post to a user id). */
  channel: string;
  ts: string;
  /** The recipient of an ephemeral message. */
  user?: string;
  /** Who wrote a `member` message (the bot wrote the others). */
  author?: string;
  args: Record<string, unknown>;
}

export interface ApiState {
  installation: Installation;
  /** Messages accepted so far, in order (the channel history that conversations.history reads). */
  posted: readonly PostedMessage[];
  users: Map<string, FakeUser>;
  channels: Map<string, FakeChannel>;
  /** Stores a message (posted now unless `at` says when) and returns its `ts`. */
  post(message: Omit<PostedMessage, 'ts'>, at?: Date): string;
  /** The most conversations.history returns per call (and its default page). */
  historyLimit: number;
  /** A fresh single-use Socket Mode URL, as `apps.connections.open` hands out. */
  openSocketUrl(): string;
  files: FileStore;
  /** Where the bytes of an upload go. */
  uploadUrl(fileId: string): string;
}

export type ApiBody = Record<string, unknown> & { ok: boolean };

type Handler = (args: Record<string, unknown>, state: ApiState) => ApiBody;

const fail = (rejection: Rejection | string): ApiBody => {
  const { error, errors } = typeof rejection === 'string' ? { error: rejection, errors: undefined } : rejection;
  if (!errors) return { ok: false, error };
  // Slack repeats block errors in response_metadata, which the SDK logs as `[ERROR] …` lines.
  return { ok: false, error, errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
};

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Slack accepts a channel id or a name (with or without `#`); a user id posts to that user's DM. */
function resolveChannel(state: ApiState, ref: string | undefined): { id: string; channel?: FakeChannel } | Rejection {
  if (ref === undefined) return { error: 'channel_not_found' };
  const name = ref.replace(/^#/, '');
  const channel = state.channels.get(ref) ?? [...state.channels.values()].find((c) => c.name === name);
  if (channel) return { id: channel.id, channel };
  if (state.users.has(ref)) return { id: `D${ref.slice(1)}` };
  // A DM channel conversations.open handed out.
  if (/^D/.test(ref) && state.users.has(`U${ref.slice(1)}`)) return { id: ref };
  return { error: 'channel_not_found' };
}

function postable(state: ApiState, ref: string | undefined): { id: string; channel?: FakeChannel } | Rejection {
  const target = resolveChannel(state, ref);
  if ('error' in target || !target.channel) return target;
  if (target.channel.isArchived) return { error: 'is_archived' };
  if (target.channel.isMember === false) return { error: 'not_in_channel' };
  return target;
}

function metadataProblem(metadata: unknown): Rejection | null {
  if (metadata === undefined) return null;
  const valid =
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof (metadata as { event_type?: unknown }).event_type === 'string' &&
    typeof (metadata as { event_payload?: unknown }).event_payload === 'object';
  return valid ? null : { error: 'invalid_metadata_format' };
}

const postMessage: Handler = (args, state) => {
  const target = postable(state, str(args.channel));
  if ('error' in target) return fail(target);
  const problem = checkMessage(args) ?? metadataProblem(args.metadata);
  if (problem) return fail(problem);
  const ts = state.post({ method: 'chat.postMessage', channel: target.id, args });
  const { installation: bot } = state;
  const message: Record<string, unknown> = {
    type: 'message',
    user: bot.botUserId,
    bot_id: bot.botId,
    app_id: bot.appId,
    team: bot.team.id,
    text: args.text ?? '',
    ts,
    bot_profile: { id: bot.botId, app_id: bot.appId, name: bot.botName, team_id: bot.team.id, deleted: false },
  };
  if (args.blocks !== undefined) message.blocks = args.blocks;
  if (args.thread_ts !== undefined) message.thread_ts = args.thread_ts;
  if (args.metadata !== undefined) message.metadata = args.metadata;
  return { ok: true, channel: target.id, ts, message };
};

/** A stored chat.postMessage as history returns it; metadata only when asked for with include_all_metadata. */
function historyMessage(state: ApiState, posted: PostedMessage, withMetadata: boolean): Record<string, unknown> {
  const bot = state.installation;
  const { args } = posted;
  const replies = state.posted.filter((other) => other.channel === posted.channel && other.args.thread_ts === posted.ts);
  return {
    type: 'message',
    ...(posted.author === undefined ? { user: bot.botUserId, bot_id: bot.botId, app_id: bot.appId } : { user: posted.author }),
    text: args.text ?? '',
    ts: posted.ts,
    ...(args.blocks === undefined ? {} : { blocks: args.blocks }),
    ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts, parent_user_id: bot.botUserId } : {}),
    ...(replies.length > 0 ? { thread_ts: posted.ts, reply_count: replies.length, latest_reply: replies.at(-1)?.ts } : {}),
    ...(withMetadata && args.metadata !== undefined ? { metadata: args.metadata } : {}),
  };
}

/** The channel a history call may read: Slack wants the bot in it (channels:history, groups:history). */
function readable(state: ApiState, ref: string | undefined): { id: string } | Rejection {
  const target = resolveChannel(state, ref);
  if ('error' in target) return target;
  if (target.channel?.isMember === false) return { error: 'not_in_channel' };
  return target;
}

/** `limit` as Slack reads it: 1 to 1000, default 100 (history) or 1000 (replies). */
function pageSize(value: unknown, fallback: number): number {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : fallback;
}

const truthy = (value: unknown): boolean => value === true || value === 'true' || value === '1';

/** What the channel's members see: posted messages and people's own (ephemeral ones are nobody else's). */
const chatMessages = (state: ApiState, channel: string): PostedMessage[] =>
  state.posted.filter((message) => message.method !== 'chat.postEphemeral' && message.channel === channel);

/** A `ts` as one whole number of microseconds: `1700000000.000042` → 1700000000000042n. */
const tsValue = (ts: string): bigint => BigInt(ts.replace('.', ''));

/** Slack's history cursor: base64 of `next_ts:<the next message's ts without its dot>`. */
const cursorAt = (ts: string): string => Buffer.from(`next_ts:${ts.replace('.', '')}`).toString('base64');

function cursorTs(cursor: string): bigint | null {
  const match = /^next_ts:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match?.[1] === undefined ? null : BigInt(match[1]);
}

/** A time bound as Slack reads `oldest`/`latest` (`1700000000.000042`, or whole seconds). */
function timeBound(value: unknown, fallback: bigint): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(String(value ?? ''));
  return match?.[1] === undefined ? fallback : BigInt(match[1]) * 1_000_000n + BigInt((match[2] ?? '').padEnd(6, '0'));
}

/**
 * Top-level messages only (a thread's replies are read with conversations.replies), newest first,
 * strictly between `oldest` and `latest` (default: now) unless `inclusive`; at most `limit` a page,
 * the next page behind `response_metadata.next_cursor` while `has_more`.
 */
const history: Handler = (args, state) => {
  const target = readable(state, str(args.channel));
  if ('error' in target) return fail(target);
  const limit = Math.min(pageSize(args.limit, Math.min(100, state.historyLimit)), state.historyLimit);
  const inclusive = truthy(args.inclusive);
  const oldest = timeBound(args.oldest, 0n);
  const latest = timeBound(args.latest, BigInt(Date.now()) * 1000n);
  const inRange = (ts: bigint) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
  let top = chatMessages(state, target.id)
    .filter((message) => typeof message.args.thread_ts !== 'string' && inRange(tsValue(message.ts)))
    .sort((a, b) => (tsValue(b.ts) > tsValue(a.ts) ? 1 : -1));
  const cursor = str(args.cursor);
  if (cursor !== undefined) {
    const from = cursorTs(cursor);
    if (from === null) return fail('invalid_cursor');
    top = top.filter((message) => tsValue(message.ts) <= from);
  }
  const page = top.slice(0, limit);
  const next = top[limit];
  return {
    ok: true,
    messages: page.map((message) => historyMessage(state, message, truthy(args.include_all_metadata))),
    has_more: next !== undefined,
    pin_count: 0,
    response_metadata: { next_cursor: next === undefined ? '' : cursorAt(next.ts) },
  };
};

/** A thread: its parent, then its replies, oldest first. */
const replies: Handler = (args, state) => {
  const target = readable(state, str(args.channel));
  if ('error' in target) return fail(target);
  const ts = str(args.ts);
  const messages = chatMessages(state, target.id);
  const parent = messages.find((message) => message.ts === ts);
  if (!parent) return fail('thread_not_found');
  const thread = [parent, ...messages.filter((message) => message.args.thread_ts === ts)].slice(0, pageSize(args.limit, 1000));
  return { ok: true, messages: thread.map((message) => historyMessage(state, message, truthy(args.include_all_metadata))), has_more: false };
};

/** A DM with one user (scope im:write): the same `D…` channel every time. */
const openConversation: Handler = (args, state) => {
  const users = (str(args.users) ?? '').split(',').filter((user) => user !== '');
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 1) return fail('not_enough_users');
  const [user = ''] = users;
  if (!state.users.has(user)) return fail('user_not_found');
  if (state.users.get(user)?.deleted) return fail('user_disabled');
  return { ok: true, no_op: true, already_open: true, channel: { id: `D${user.slice(1)}` } };
};

const postEphemeral: Handler = (args, state) => {
  const target = postable(state, str(args.channel));
  if ('error' in target) return fail(target);
  const user = str(args.user);
  if (user === undefined || !state.users.has(user)) return fail('user_not_found');
  if (target.channel?.members && !target.channel.members.includes(user)) return fail('user_not_in_channel');
  const problem = checkMessage(args);
  if (problem) return fail(problem);
  return { ok: true, message_ts: state.post({ method: 'chat.postEphemeral', channel: target.id, user, args }) };
};

const getUploadUrl: Handler = (args, state) => {
  const filename = str(args.filename);
  const length = Number(args.length);
  if (filename === undefined || !Number.isInteger(length) || length < 1) return fail('invalid_arguments');
  const altText = str(args.alt_text);
  if (altText !== undefined && [...altText].length > ALT_TEXT_MAX) return fail('invalid_arguments');
  const id = state.files.nextId();
  state.files.pending.set(id, { id, filename, length, altText, bytes: undefined });
  return { ok: true, upload_url: state.uploadUrl(id), file_id: id };
};

const completeUpload: Handler = (args, state) => {
  const list = args.files;
  if (!Array.isArray(list) || list.length === 0) return fail('invalid_arguments');
  const uploads = [];
  for (const entry of list as Array<{ id?: unknown; title?: unknown }>) {
    const upload = state.files.pending.get(typeof entry.id === 'string' ? entry.id : '');
    if (!upload) return fail('file_not_found');
    // Slack completes a file only once its bytes arrived, all of them.
    if (upload.bytes?.length !== upload.length) return fail('file_upload_size_mismatch');
    uploads.push({ upload, bytes: upload.bytes, title: typeof entry.title === 'string' ? entry.title : undefined });
  }
  const channelRef = str(args.channel_id);
  const target = channelRef === undefined ? null : postable(state, channelRef);
  if (target && 'error' in target) return fail(target);
  const threadTs = str(args.thread_ts);
  if (threadTs !== undefined && channelRef === undefined) return fail('invalid_arguments');
  for (const { upload, bytes, title } of uploads) {
    state.files.pending.delete(upload.id);
    if (target) {
      state.files.shared.push({ id: upload.id, filename: upload.filename, title, altText: upload.altText, bytes, channel: target.id, threadTs, initialComment: str(args.initial_comment) });
    }
  }
  return { ok: true, files: uploads.map(({ upload, title }) => ({ id: upload.id, name: upload.filename, title: title ?? upload.filename })) };
};

const HANDLERS: Record<string, Handler> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
  'auth.test': (_args, { installation: bot }) => ({
    ok: true,
    url: `https://${bot.team.domain}.slack.com/`,
    team: bot.team.name,
    user: bot.botName,
    team_id: bot.team.id,
    user_id: bot.botUserId,
    bot_id: bot.botId,
    is_enterprise_install: false,
  }),
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'users.info': (args, state) => {
    const user = state.users.get(str(args.user) ?? '');
    return user ? { ok: true, user: userObject(user, state.installation.team) } : fail('user_not_found');
  },
  'conversations.info': (args, state) => {
    const channel = state.channels.get(str(args.channel) ?? '');
    return channel ? { ok: true, channel: channelObject(channel) } : fail('channel_not_found');
  },
  'apps.connections.open': (_args, state) => ({ ok: true, url: state.openSocketUrl() }),
  'conversations.history': history,
  'conversations.replies': replies,
  'conversations.open': openConversation,
};

// Only Socket Mode's connection call takes the app-level token; every other method takes the bot's.
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

/** Answers one Web API call; `token` comes from the Authorization header or the `token` argument. */
export function answerApiCall(method: string, token: string | undefined, args: Record<string, unknown>, state: ApiState): ApiBody {
  const handler = HANDLERS[method];
  if (!handler) return { ok: false, error: 'unknown_method', req_method: method };
  if (token === undefined) return fail('not_authed');
  const { botToken, appToken } = state.installation;
  if (token !== botToken && token !== appToken) return fail('invalid_auth');
  if ((token === appToken) !== APP_TOKEN_METHODS.has(method)) return fail('not_allowed_token_type');
  return handler(args, state);
}
