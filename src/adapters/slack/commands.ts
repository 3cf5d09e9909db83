import { webApi, type AckFn, type App, type RespondArguments, type SlashCommand } from '@slack/bolt';
import { parseCommandText } from '../../commands/parse.js';
import { runCommand, type CommandDeps } from '../../commands/run.js';
import { StoreUnavailableError } from '../store/file-guard.js';
import { NotDeliveredError } from '../transport.js';
import type { Supervisor } from '../../lifecycle.js';
import type { ChannelRef } from '../../core/channel.js';
import type { ChartImage, ChartRenderer } from '../../core/ports/charts.js';
import { NoDataError, TokenbriefError } from '../../core/errors.js';
import { COMMAND_NAMES, isCommandName, type CommandName } from '../../core/input.js';
import type { Logger } from '../../core/ports/logger.js';
import { DeliveryError, type BriefPoster } from '../../core/ports/poster.js';
import type { Reply } from '../../core/reply.js';
import { renderFailure, type Failure } from '../../render/failures.js';
import { renderReply } from '../../render/replies.js';
import { briefPreviewMessages, textMessages } from '../../render/slack-blocks.js';
import type { AdminCheck } from './admin.js';
import type { AnswerGate } from './answer-gate.js';
import { CHANNEL_OR_AUTH_ERRORS, deliveryError, fatalSlackProblem } from './errors.js';
import { respondAll, retryingRespond, type Respond } from './respond.js';

export interface SlackCommandDeps {
  commands: CommandDeps;
  logger: Logger;
  isAdmin: AdminCheck;
  /** Posts `/brief post` (through the ledger); the app's, so its posts share the app's pacing. */
  poster: BriefPoster;
  supervisor?: Supervisor | undefined;
  /** Draws `/chart` answers and the posted brief's chart. */
  renderChart: ChartRenderer;
  /** Shares a `/chart` answer in the channel with `comment` (mrkdwn) beside it; the app's client and pacing. */
  shareChart: (channel: ChannelRef, image: ChartImage, comment: string) => Promise<void>;
  /** Holds answers back while acks are due (see answer-gate.ts). */
  answers: AnswerGate;
}

/** What a slash command handler uses of Bolt's arguments; a unit test can pass plain functions. */
export interface SlashCommandCall {
  command: Pick<SlashCommand, 'text' | 'team_id' | 'channel_id' | 'user_id'>;
  ack: AckFn<string | RespondArguments>;
  respond: Respond;
  context: { botUserId?: string | undefined };
}

/** Slack channel ids are unique only within a workspace (team). */
export const slackChannel = (teamId: string, channelId: string): ChannelRef => ({ platform: 'slack', workspace: teamId, channel: channelId });

/**
 * `users.info` failed while deciding whether the user is an admin. The message is Slack's short code
 * (`missing_scope`, `request_failed`, `http_503`): the client's own text holds the API URL, which is
 * for the log, not for users.
 */
class AdminLookupError extends TokenbriefError {
  readonly code = 'admin_lookup_failed';
  constructor(
    reason: string,
    /** Slack answered with a platform error (as opposed to not answering, or an HTTP error). */
    readonly answered: boolean,
    options: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/** Every command of ours, e.g. `/price`. */
const OUR_COMMANDS = new RegExp(`^/(${COMMAND_NAMES.join('|')})$`);

export function registerCommands(app: App, deps: SlackCommandDeps): void {
  // One listener for all of them: Bolt runs every registered listener's middleware chain on every
  // request before the ack, so nine listeners cost each ack nine chains where one does.
  app.command(OUR_COMMANDS, async (args) => {
    const name = args.command.command.slice(1);
    if (!isCommandName(name)) return;
    const work = handleSlashCommand(name, args, deps);
    deps.supervisor?.track(work);
    return work;
  });
}

/**
 * One slash command: ack first (Slack shows an error after 3 s), with the answer itself when it is
 * instant (a usage problem); then the store, users.info and the reply. Every failure ends in a
 * message only the user sees.
 */
export async function handleSlashCommand(name: CommandName, call: SlashCommandCall, deps: SlackCommandDeps): Promise<void> {
  const { command, ack, context } = call;
  const since = Date.now();
  const parsed = parseCommandText(name, command.text, deps.commands.defaultZone);
  if (!parsed.ok) {
    const usage: Reply = { kind: 'usage', ...parsed.error, visibility: 'asker' };
    await ack({ response_type: 'ephemeral', text: renderReply(usage, 'slack') });
    return;
  }
  await ack();
  // Under a burst, every ack waits only for other acks, never for the answers (which have minutes).
  await deps.answers.acked();
  const log = deps.logger.child({ command: `/${name}`, user: command.user_id, team: command.team_id, channel: command.channel_id });
  const respond = retryingRespond(call.respond, { since, logger: log });
  try {
    const channel = slackChannel(command.team_id, command.channel_id);
    const reply = await runCommand(deps.commands, parsed.input, {
      channel,
      userId: command.user_id,
      poster: deps.poster,
      renderChart: deps.renderChart,
      logger: log,
      isAdmin: () =>
        deps.isAdmin(command.team_id, command.user_id).catch((error: unknown) => {
          const reason = deliveryError(error, channel)?.reason ?? 'unexpected_error';
          throw new AdminLookupError(reason, error instanceof webApi.WebAPIPlatformError, { cause: error });
        }),
    });
    if (reply.kind === 'chart') {
      const image = await deps.renderChart(reply.chart).catch((error: unknown) => {
        log.error({ err: error, chart: reply.chart.kind }, 'slack chart failed');
        return null;
      });
      if (image) await deps.shareChart(channel, image, renderReply(reply, 'slack'));
      else await respond({ response_type: 'ephemeral', text: renderFailure('slack', { kind: 'chart_failed' }) });
      return;
    }
    const preview = reply.kind === 'brief_preview';
    const messages = preview ? briefPreviewMessages(reply) : textMessages(renderReply(reply, 'slack'));
    await respondAll(respond, reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', messages, {
      whole: preview ? 'brief' : null,
      logger: log,
    });
  } catch (error) {
    // The answer itself could not be sent, even after retries: a message about it would not get through either.
    if (error instanceof NotDeliveredError) return void log.error({ err: error }, 'slack answer not delivered');
    log.error({ err: error }, 'slack command failed');
    const fatal = fatalSlackProblem(error);
    if (fatal !== null) deps.supervisor?.fatal(fatal, error);
    await respond({ response_type: 'ephemeral', text: renderFailure('slack', failureOf(`/${name}`, error), { botUserId: context.botUserId }) }).catch((respondError: unknown) =>
      log.error({ err: respondError }, 'slack answer not delivered: could not tell the user the command failed'),
    );
  }
}


/** What went wrong, in words the user can act on (see failure.hbs); never a stack trace. */
function failureOf(command: string, error: unknown): Failure {
  if (error instanceof DeliveryError) {
    switch (error.reason) {
      case 'not_in_channel':
      case 'channel_not_found':
      case 'is_archived':
      case 'missing_scope':
        return { kind: error.reason };
    }
    if (CHANNEL_OR_AUTH_ERRORS.has(error.reason)) return { kind: 'token_rejected', reason: error.reason };
    return { kind: error.permanent ? 'delivery_refused' : 'delivery_failed', reason: error.reason };
  }
  if (error instanceof AdminLookupError) return { kind: error.answered ? 'admin_lookup_failed' : 'admin_lookup_unanswered', reason: error.message };
  if (error instanceof NoDataError) return { kind: 'no_data', missing: error.missing };
  if (error instanceof StoreUnavailableError) return { kind: 'not_saved' };
  return { kind: 'command_failed', command };
}
