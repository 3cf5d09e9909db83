import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/adapters/slack/pacer.js';

describe('createPacer', () => {
  it('spaces posts to one channel by the interval, and leaves other channels alone', async () => {
    let now = 10_000;
    const slept: number[] = [];
    const pacer = createPacer(1000, { now: () => now, sleep: async (ms) => void slept.push(ms) });
    await pacer.wait('C1');
    await pacer.wait('C1');
    await pacer.wait('C1');
    await pacer.wait('C2');
    expect(slept).toEqual([1000, 2000]);
    now += 5000;
    await pacer.wait('C1');
    expect(slept).toEqual([1000, 2000]);
  });
});
