import { describe, expect, it } from 'vitest';
import { isTransportError, NotDeliveredError, retryOnTransportError } from '../../src/adapters/transport.js';

const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
// What fetch (undici) throws when the server closes a kept-alive connection under a request.
const otherSideClosed = () => new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

describe('isTransportError', () => {
  it('knows resets, closed sockets and hang-ups, also as the cause of another error', () => {
    expect(isTransportError(reset())).toBe(true);
    expect(isTransportError(otherSideClosed())).toBe(true);
    expect(isTransportError(new Error('socket hang up'))).toBe(true);
  });

  it('an answer from the server is not one', () => {
    expect(isTransportError(new Error('Failed to respond to the response_url: 404 Not Found'))).toBe(false);
    expect(isTransportError('ECONNRESET')).toBe(false);
  });
});

describe('retryOnTransportError', () => {
  const noWait = { sleep: async () => undefined, until: Number.POSITIVE_INFINITY };

  it('sends again after a dropped connection and returns the answer', async () => {
    let calls = 0;
    const answer = await retryOnTransportError(async () => {
      calls += 1;
      if (calls < 3) throw otherSideClosed();
      return 'ok';
    }, noWait);
    expect({ answer, calls }).toEqual({ answer: 'ok', calls: 3 });
  });

  it('never repeats a request the server answered with an error', async () => {
    let calls = 0;
    const refused = new Error('400 Bad Request');
    await expect(
      retryOnTransportError(async () => {
        calls += 1;
        throw refused;
      }, noWait),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('gives up with NotDeliveredError when the retries run out, or when the next one would start past the window', async () => {
    let calls = 0;
    const send = async () => {
      calls += 1;
      throw reset();
    };
    await expect(retryOnTransportError(send, { ...noWait, delaysMs: [1, 1] })).rejects.toThrow(NotDeliveredError);
    expect(calls).toBe(3);

    calls = 0;
    const now = 1000;
    await expect(retryOnTransportError(send, { ...noWait, now: () => now, until: now + 400, delaysMs: [100, 500] })).rejects.toThrow(/after 2 attempt/);
    expect(calls).toBe(2);
  });
});
