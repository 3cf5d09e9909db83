import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/ports/poster.js';
import { claimWindow, withRetries } from '../../src/jobs/deliver.js';

// Retries of a scheduled post, and the window a claim's posts run in.

const channel = { platform: 'slack', workspace: 'T1', channel: 'C1' } as const;
const transient = () => new DeliveryError('502', { channel, permanent: false, reason: 'http_502', posted: [] });

describe('withRetries', () => {
  const policy = { attempts: 4, baseMs: 1000, budgetMs: 60_000 };

  it('retries a transient failure after asking whether it went out', async () => {
    let tries = 0;
    const result = await withRetries(
      async () => {
        tries += 1;
        if (tries < 3) throw transient();
        return { messageIds: ['m1'] };
      },
      async () => null,
      { policy, sleep: async () => undefined, clock: () => new Date(0) },
    );
    expect([result, tries]).toEqual([{ messageIds: ['m1'] }, 3]);
  });

  it('starts no retry once its signal is aborted (the claim\'s window closed), but still takes what went out', async () => {
    const window = new AbortController();
    let tries = 0;
    const send = async () => {
      tries += 1;
      window.abort();
      throw transient();
    };
    await expect(withRetries(send, async () => null, { policy, sleep: async () => undefined, clock: () => new Date(0), signal: window.signal })).rejects.toThrow('502');
    expect(tries).toBe(1);
    expect(await withRetries(send, async () => ['m9'], { policy, sleep: async () => undefined, clock: () => new Date(0), signal: window.signal })).toEqual({ messageIds: ['m9'] });
  });
});

describe('claimWindow', () => {
  it('closes at half the claim\'s lease', async () => {
    const window = claimWindow(100);
    expect(window.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(window.aborted).toBe(true);
  });
});
