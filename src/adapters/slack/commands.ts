import { webApi, type AllMiddlewareArgs, type App, type SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommandText } from '../../commands/parse.js';
import { COMMAND_NAMES, type CommandName } from '../../commands/input.js';
import type { Reply } from '../../commands/reply.js';
import { runCommand, type CommandDeps } from '../../commands/run.js';
import { NoDataError } from '../../jobs/week.js';
import type { Logger } from '../../log.js';
import { escapeMessage } from '../../render/escape.js';
import { renderReply } from '../../render/replies.js';
import { briefPreviewMessages, textMessages } from '../../render/slack-blocks.js';
import type { AdminCheck } from './admin.js';
import { CHANNEL_OR_AUTH_ERRORS, deliveryError, SlackDeliveryError } from './errors.js';
import type { Pacer } from './pacer.js';
import { postBrief } from './post-brief.js';
import { respondAll } from './respond.js';

export interface SlackCommandDeps extends CommandDeps {
  logger: Logger;
  isAdmin: AdminCheck;
  pacer: Pacer;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Settings are kept per channel; Slack channel ids are unique only within a workspace. */
export const channelKey = (teamId: string, channelId: string): string => `slack:${teamId}:${channelId}`;

/**
 * `users.info` failed while deciding whether the user is an admin. The message is Slack's short code
 * (`missing_scope`, `request_failed`, `http_503`): the client's own text holds the API URL, which is
 * for the log, not for users.
 */
class AdminLookupError extends Error {
  override readonly name = 'AdminLookupError';
  constructor(
    readonly code: string,
    /** Slack answered with a platform error (as opposed to not answering, or an HTTP error). */
    readonly answered: boolean,
    options: ErrorOptions,
  ) {
    super(code, options);
  }
}

export function registerCommands(app: App, deps: SlackCommandDeps): void {
  for (const name of COMMAND_NAMES) app.command(`/${name}`, (args) => handleCommand(name, args, deps));
}

/**
 * One slash command: ack first (Slack shows an error after 3 s), with the answer itself when it is
 * instant (a usage problem); then the store, users.info and the reply. Every failure ends in a
 * message only the user sees.
 */
async function handleCommand(name: CommandName, args: CommandArgs, deps: SlackCommandDeps): Promise<void> {
  const { command, ack, respond, client, context } = args;
  const parsed = parseCommandText(name, command.text);
  if (!parsed.ok) {
    const usage: Reply = { kind: 'usage', command: name, ...parsed.error, visibility: 'asker' };
    await ack({ response_type: 'ephemeral', text: renderReply(usage, 'slack') });
    return;
  }
  await ack();
  try {
    const reply = await runCommand(deps, parsed.input, {
      channel: channelKey(command.team_id, command.channel_id),
      isAdmin: () =>
        deps.isAdmin(client, command.team_id, command.user_id).catch((error: unknown) => {
          const code = deliveryError(error)?.code ?? 'unexpected_error';
          throw new AdminLookupError(code, error instanceof webApi.WebAPIPlatformError, { cause: error });
        }),
    });
    if (reply.kind === 'brief_post') {
      // The brief appearing in the channel is the answer.
      await postBrief(client, command.channel_id, reply.brief, deps.pacer);
      return;
    }
    const preview = reply.kind === 'brief_preview';
    const messages = preview ? briefPreviewMessages(reply) : textMessages(renderReply(reply, 'slack'));
    await respondAll(respond, reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', messages, {
      whole: preview ? WHOLE_BRIEF : null,
      logger: deps.logger.child({ command: `/${name}`, team: command.team_id, channel: command.channel_id }),
    });
  } catch (error) {
    deps.logger.error({ err: error, command: `/${name}`, team: command.team_id, channel: command.channel_id }, 'slack command failed');
    await respond({ response_type: 'ephemeral', text: failureText(`/${name}`, error, context.botUserId) }).catch((respondError: unknown) =>
      deps.logger.error({ err: respondError, command: `/${name}` }, 'could not tell the user a slack command failed'),
    );
  }
}

/** Where a preview too long for the response_url can be read in full. */
const WHOLE_BRIEF = 'use /brief post or the CLI for the whole brief';

/** What went wrong, in words the user can act on; never a stack trace. */
function failureText(command: string, error: unknown, botUserId: string | undefined): string {
  const me = botUserId ? `<@${botUserId}>` : '@tokenbrief';
  if (error instanceof SlackDeliveryError) {
    switch (error.code) {
      case 'not_in_channel':
        return `I'm not a member of this channel yet: invite me with /invite ${me}, then try again.`;
      case 'channel_not_found':
        return `I can't see this channel. For a private channel, invite me first with /invite ${me}.`;
      case 'is_archived':
        return 'This channel is archived, so I cannot post in it.';
      case 'missing_scope':
        return say('The Slack app lacks a permission it needs (`missing_scope`): update it from the manifest in the README and reinstall it.');
    }
    if (CHANNEL_OR_AUTH_ERRORS.has(error.code)) {
      return say(`Slack no longer accepts my token (\`${error.code}\`): whoever installed tokenbrief should reinstall it and update SLACK_BOT_TOKEN.`);
    }
    return error.permanent
      ? say(`Slack refused the brief (\`${error.code}\`). The details are in tokenbrief's log.`)
      : say(`Slack did not take the brief just now (\`${error.code}\`). Try again in a minute.`);
  }
  if (error instanceof AdminLookupError) {
    const why = error.answered ? `Slack said \`${error.code}\`` : `Slack did not answer: \`${error.code}\``;
    return say(`I couldn't check whether you are a workspace admin (${why}). Try again in a minute.`);
  }
  if (error instanceof NoDataError) return say(`I have no market data for that yet: ${error.message}.`);
  return say(`Sorry, ${command} failed on my side. The error is in tokenbrief's log; try again in a minute.`);
}

const say = (text: string): string => escapeMessage('slack', text);
