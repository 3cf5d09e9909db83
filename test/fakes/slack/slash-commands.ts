import { createHmac, randomBytes } from 'node:crypto';
import type { Installation } from './workspace.js';

// What Slack sends for a slash command, over HTTP (a signed form POST to the app's request URL) or
// inside a Socket Mode envelope (the same fields as an object). Signing: `X-Slack-Signature:
// v0=hex(HMAC-SHA256(signingSecret, "v0:{timestamp}:{rawBody}"))` with `X-Slack-Request-Timestamp` in
// unix seconds; Bolt refuses a bad signature or a timestamp over 5 minutes old with 401, and only
// accepts the exact content type `application/x-www-form-urlencoded`.

// A type, not an interface, so it is assignable to the Record a form is built from.
export type SlashCommandFields = {
  command: string;
  text: string;
  user_id: string;
  user_name: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  response_url: string;
  trigger_id: string;
  api_app_id: string;
  /** The deprecated verification token; Bolt ignores it. */
  token: string;
  is_enterprise_install: string;
};

export interface SignedRequestOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Sign with the wrong secret. */
  badSignature?: boolean;
}

export interface HttpAnswer {
  status: number;
  /** Parsed JSON when the app answered `application/json`, otherwise the raw text. */
  body: unknown;
}

export function slashCommand(installation: Installation, responseUrl: string, fields: Partial<SlashCommandFields>): SlashCommandFields {
  return {
    command: '/price',
    text: '',
    user_id: 'U0USER',
    user_name: 'uma',
    team_id: installation.team.id,
    team_domain: installation.team.domain,
    channel_id: 'C0MARKET',
    channel_name: 'ai-market',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.${randomBytes(6).toString('hex')}`,
    api_app_id: installation.appId,
    token: 'fake-verification-token',
    is_enterprise_install: 'false',
    ...fields,
  };
}

export const slackSignature = (secret: string, timestamp: number, rawBody: string): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;

export async function postSignedForm(
  targetUrl: string,
  signingSecret: string,
  form: Record<string, string>,
  options: SignedRequestOptions = {},
): Promise<HttpAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const rawBody = new URLSearchParams(form).toString();
  const secret = options.badSignature ? `${signingSecret}-wrong` : signingSecret;
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, rawBody),
    },
    body: rawBody,
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: response.status, body: isJson && text !== '' ? (JSON.parse(text) as unknown) : text };
}
