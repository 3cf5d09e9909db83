import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { deliveryError } from '../../../src/adapters/slack/errors.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { DeliveryError } from '../../../src/core/ports/poster.js';

// What the Web API client throws, sorted into retry-later and fix-first (the shapes are the SDK's own).

const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });
const channel: ChannelRef = { platform: 'slack', workspace: 'T0TEAM', channel: 'C0MARKET' };

describe('deliveryError', () => {
  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'account_inactive', 'token_revoked', 'missing_scope'])(
    '%s is permanent',
    (code) => expect(deliveryError(platform(code), channel)).toMatchObject({ reason: code, permanent: true }),
  );

  it('a message Slack refuses (invalid_blocks) is permanent: the same post fails again', () => {
    expect(deliveryError(platform('invalid_blocks'), channel)).toMatchObject({ reason: 'invalid_blocks', permanent: true });
  });

  it.each(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'])('%s is transient', (code) =>
    expect(deliveryError(platform(code), channel)).toMatchObject({ reason: code, permanent: false }),
  );

  it('HTTP 5xx, 429 and network failures are transient; other HTTP statuses are not', () => {
    expect(deliveryError(new webApi.WebAPIHTTPError(502, 'Bad Gateway', {}, ''), channel)).toMatchObject({ reason: 'http_502', permanent: false });
    expect(deliveryError(new webApi.WebAPIHTTPError(404, 'Not Found', {}, ''), channel)).toMatchObject({ reason: 'http_404', permanent: true });
    expect(deliveryError(new webApi.WebAPIRequestError(new Error('ECONNRESET')), channel)).toMatchObject({ reason: 'request_failed', permanent: false });
    expect(deliveryError(new webApi.WebAPIRateLimitedError(30), channel)).toMatchObject({ reason: 'ratelimited', permanent: false });
    expect(deliveryError(new Error('A rate limit was exceeded (url: x, retry-after: 30)'), channel)).toMatchObject({ reason: 'ratelimited', permanent: false });
  });

  it('keeps what was already posted', () => {
    const error = deliveryError(platform('is_archived'), channel, ['1.000001']);
    expect(error).toMatchObject({ code: 'delivery_failed', channel, reason: 'is_archived', permanent: true, posted: ['1.000001'] });
    // The SDK's error stays reachable for the log.
    expect(error?.cause).toBeInstanceOf(webApi.WebAPIPlatformError);
  });

  it('anything else is not a delivery failure (a bug stays a bug)', () => {
    expect(deliveryError(new TypeError('x is undefined'), channel)).toBeNull();
    const own = new DeliveryError('m', { channel, permanent: true, reason: 'c', posted: [] });
    expect(deliveryError(own, channel)).toBe(own);
  });
});
