import type { MissingData } from '../core/errors.js';
import { escapeCode, escapeFor, type Platform } from './escape.js';
import { kindFlags, TEMPLATES, type Templates } from './templates.js';

// A chat command that failed, as its user is told (templates/<platform>/failure.hbs). Each adapter
// decides which kind an error is; this file escapes the data the sentence quotes.

const FAILURES = [
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'missing_scope',
  'token_rejected',
  'delivery_refused',
  'delivery_failed',
  'admin_lookup_failed',
  'admin_lookup_unanswered',
  'no_data',
  'not_saved',
  'command_failed',
  'chart_failed',
  'retired_command',
] as const;

export type Failure =
  | { kind: 'not_in_channel' | 'channel_not_found' | 'is_archived' | 'missing_scope' | 'not_saved' | 'chart_failed' }
  /** `reason`: the platform's error code, shown as code. */
  | { kind: 'token_rejected' | 'delivery_refused' | 'delivery_failed' | 'admin_lookup_failed' | 'admin_lookup_unanswered'; reason: string }
  /** `missing`: what a NoDataError found missing. */
  | { kind: 'no_data'; missing: MissingData }
  /** `command`: as the user typed it, e.g. `/price`; `retired_command`: one an older version registered (Discord keeps it until registered again). */
  | { kind: 'command_failed' | 'retired_command'; command: string };

type ChatPlatform = 'slack' | 'discord';

/** The failure as one message; `botUserId` lets Slack's invite hint mention the bot itself. */
export function renderFailure(platform: ChatPlatform, failure: Failure, options: { botUserId?: string | undefined; templates?: Templates } = {}): string {
  const text = (options.templates ?? TEMPLATES).render(platform, 'failure', {
    is: kindFlags(FAILURES, failure.kind),
    botUser: options.botUserId ? escapeFor(platform, options.botUserId) : null,
    reason: failure.kind === 'no_data' ? renderNoData(failure.missing, platform, options.templates) : 'reason' in failure ? escapeCode(platform, failure.reason) : null,
    command: 'command' in failure ? escapeFor(platform, failure.command) : null,
  });
  // A kind a platform's template has no line for would otherwise be sent as an empty message.
  if (text === '') throw new Error(`templates/${platform}/failure.hbs has no line for ${failure.kind}`);
  return text;
}

/** What data a read found missing, one phrase (templates/<platform>/no-data.hbs): chat failures quote it, the CLI prints it. */
export function renderNoData(missing: MissingData, platform: Platform, templates: Templates = TEMPLATES): string {
  const say = (text: string) => escapeFor(platform, text);
  return templates.render(platform, 'no-data', {
    is: kindFlags(['no_usage', 'no_week'], missing.kind),
    ...(missing.kind === 'no_week' ? { week: say(missing.week), covers: missing.covers && { first: say(missing.covers.first), last: say(missing.covers.last) } } : {}),
  });
}
