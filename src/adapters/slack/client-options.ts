import type { webApi } from '@slack/bolt';

/**
 * The client's own default retries for 10 times over ~30 minutes (100 in Socket Mode) and never times
 * out a request: a user would wait forever on a dead Slack. This policy gives up within a minute or so.
 * A 429 with Retry-After pauses the client for that long before the retry counts.
 */
export const DEFAULT_CLIENT_OPTIONS = {
  retryConfig: { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 15_000, randomize: true },
  timeout: 10_000,
} as const satisfies webApi.WebClientOptions;
