import { webApi } from '@slack/bolt';
import { errorChain } from '../error-chain.js';
import type { ChannelRef } from '../../core/channel.js';
import { DeliveryError } from '../../core/ports/poster.js';

// Slack's answers sorted for whoever posts on a schedule: a permanent error will fail the same way
// next time (fix the channel, the install or the message); a transient one is worth retrying later.
// The Web API client has already retried transient failures (retryConfig) before we see them.

/** The bot can no longer post there, or at all, until a human acts (invite, unarchive, reinstall). */
export const CHANNEL_OR_AUTH_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'restricted_action',
]);

/** Platform errors Slack documents as temporary. */
const TRANSIENT_ERRORS: ReadonlySet<string> = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

// The Web API client gives up on a 429 with a plain Error (after its retries, or at once when the
// 429 has no usable Retry-After); its message is the only thing that identifies it.
const RATE_LIMIT_MESSAGE = /^(A rate limit was exceeded|Retry header did not contain a valid timeout)/;

/**
 * Sorts a Web API failure into a DeliveryError; null for anything that is not one (a bug must surface
 * as itself). Its `reason` is Slack's error (`channel_not_found`, `invalid_blocks`, …), or
 * `http_<status>`, `ratelimited`, `request_failed` (timeout, connection refused) for transport failures.
 */
export function deliveryError(error: unknown, channel: ChannelRef, posted: readonly string[] = []): DeliveryError | null {
  const fail = (reason: string, permanent: boolean) =>
    new DeliveryError(`Slack refused the post: ${reason}${permanent ? '' : ' (temporary)'}`, { channel, permanent, reason, posted, cause: error });
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIPlatformError) return fail(error.data.error, !TRANSIENT_ERRORS.has(error.data.error));
  if (error instanceof webApi.WebAPIHTTPError) return fail(`http_${error.statusCode}`, error.statusCode < 500 && error.statusCode !== 429 && error.statusCode !== 408);
  if (error instanceof webApi.WebAPIRateLimitedError) return fail('ratelimited', false);
  // The client wraps its own "rate limit was exceeded" (thrown after waiting out Retry-After) as a request error.
  if (error instanceof webApi.WebAPIRequestError) return fail(RATE_LIMIT_MESSAGE.test(error.original.message) ? 'ratelimited' : 'request_failed', false);
  if (error instanceof Error && RATE_LIMIT_MESSAGE.test(error.message)) return fail('ratelimited', false);
  return null;
}

/** Slack's short reason for a failed call (`invalid_auth`, `HTTP 503`), for messages and logs. */
export function slackReason(error: unknown): string {
  if (error instanceof webApi.WebAPIPlatformError) return error.data.error;
  if (error instanceof webApi.WebAPIHTTPError) return `HTTP ${error.statusCode}`;
  return error instanceof Error ? error.message : String(error);
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * Why Slack did not let the app start, and what to do: unreachable (network, SLACK_API_URL), timed
 * out, or a token Slack refused. `token` names the variable whose token the failed call used.
 */
export function startupProblem(error: unknown, token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', apiUrl: string): string {
  if (error instanceof webApi.WebAPIPlatformError) {
    const fix = token === 'SLACK_BOT_TOKEN' ? "copy the Bot User OAuth Token (xoxb-…) again from 'Install App'" : "generate an app-level token (xapp-…) with connections:write under 'Basic Information'";
    return `Slack refused ${token} (${error.data.error}): ${fix}`;
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return `Slack answered HTTP ${error.statusCode} at ${apiUrl}: ${error.statusCode >= 500 ? 'Slack is having trouble, try again in a few minutes' : 'check SLACK_API_URL'}`;
  }
  if (error instanceof webApi.WebAPIRequestError) {
    // The client's fetch reports "fetch failed" with the system error (ECONNREFUSED, ENOTFOUND) as its cause.
    const original = error.original as NodeJS.ErrnoException;
    const code = original.code ?? (original.cause as NodeJS.ErrnoException | undefined)?.code;
    if (TIMEOUT_CODES.has(code ?? '') || /timeout|timed out|aborted/i.test(`${original.name} ${original.message}`)) {
      return `Slack did not answer in time at ${apiUrl}: check the network (a proxy or firewall?) and try again`;
    }
    return `cannot reach Slack at ${apiUrl} (${code ?? original.message}): check the network connection and SLACK_API_URL`;
  }
  return `Slack did not let the app start (${slackReason(error)})`;
}

/** The app was uninstalled or deactivated, or a token revoked or rotated: no retry or restart helps until a human acts. */
const FATAL_ERRORS: ReadonlySet<string> = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'team_disabled']);

/** What to do about `error` (or an error it wraps) when it means Slack no longer accepts our tokens; null otherwise. */
export function fatalSlackProblem(error: unknown): string | null {
  for (const current of errorChain(error)) {
    const code = current instanceof webApi.WebAPIPlatformError ? current.data.error : current instanceof DeliveryError ? current.reason : null;
    if (code !== null && FATAL_ERRORS.has(code)) {
      return `Slack no longer accepts tokenbrief's tokens (${code}): the app was uninstalled or deactivated, or a token was revoked or rotated. Reinstall the app to the workspace, put the new SLACK_BOT_TOKEN (and SLACK_APP_TOKEN) in the environment, then start tokenbrief again.`;
    }
  }
  return null;
}
