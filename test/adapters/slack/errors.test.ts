import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { deliveryError, SlackDeliveryError } from '../../../src/adapters/slack/errors.js';

// What the Web API client throws, sorted into retry-later and fix-first (the shapes are the SDK's own).

const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

describe('deliveryError', () => {
  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'account_inactive', 'token_revoked', 'missing_scope'])(
    '%s is permanent',
    (code) => expect(deliveryError(platform(code))).toMatchObject({ code, permanent: true }),
  );

  it('a message Slack refuses (invalid_blocks) is permanent: the same post fails again', () => {
    expect(deliveryError(platform('invalid_blocks'))).toMatchObject({ code: 'invalid_blocks', permanent: true });
  });

  it.each(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'])('%s is transient', (code) =>
    expect(deliveryError(platform(code))).toMatchObject({ code, permanent: false }),
  );

  it('HTTP 5xx, 429 and network failures are transient; other HTTP statuses are not', () => {
    expect(deliveryError(new webApi.WebAPIHTTPError(502, 'Bad Gateway', {}, ''))).toMatchObject({ code: 'http_502', permanent: false });
    expect(deliveryError(new webApi.WebAPIHTTPError(404, 'Not Found', {}, ''))).toMatchObject({ code: 'http_404', permanent: true });
    expect(deliveryError(new webApi.WebAPIRequestError(new Error('ECONNRESET')))).toMatchObject({ code: 'request_failed', permanent: false });
    expect(deliveryError(new webApi.WebAPIRateLimitedError(30))).toMatchObject({ code: 'ratelimited', permanent: false });
    expect(deliveryError(new Error('A rate limit was exceeded (url: x, retry-after: 30)'))).toMatchObject({ code: 'ratelimited', permanent: false });
  });

  it('keeps what was already posted', () => {
    expect(deliveryError(platform('is_archived'), ['1.000001'])?.posted).toEqual(['1.000001']);
  });

  it('anything else is not a delivery failure (a bug stays a bug)', () => {
    expect(deliveryError(new TypeError('x is undefined'))).toBeNull();
    const own = new SlackDeliveryError('m', 'c', true);
    expect(deliveryError(own)).toBe(own);
  });
});
