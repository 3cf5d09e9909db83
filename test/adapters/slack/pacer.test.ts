import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/adapters/slack/pacer.js';

describe('createPacer', () => {
  const fakeClock = () => {
    const clock = { now: 10_000, slept: [] as number[] };
    return { clock, options: { clock: { now: () => clock.now, sleep: async (ms: number) => void clock.slept.push(ms) } } };
  };

  it('spaces posts to one channel by the interval; other channels take the next free workspace slot, not a place behind them', async () => {
    const { clock, options } = fakeClock();
    const pacer = createPacer({ ...options, channelIntervalMs: 1000, workspacePerMinute: 60_000 });
    await pacer.wait('C1');
    await pacer.wait('C1');
    await pacer.wait('C1');
    await pacer.wait('C2');
    expect(clock.slept).toEqual([1000, 2000, 1]);
    clock.now += 5000;
    await pacer.wait('C1');
    expect(clock.slept).toEqual([1000, 2000, 1]);
  });

  it('spreads posts to many channels evenly over the workspace budget, in call order', async () => {
    const { clock, options } = fakeClock();
    const pacer = createPacer({ ...options, workspacePerMinute: 600 });
    for (const channel of ['C1', 'C2', 'C3', 'C4']) await pacer.wait(channel);
    expect(clock.slept).toEqual([100, 200, 300]);
    await pacer.wait('C1');
    expect(clock.slept.at(-1)).toBe(1000);
  });
});
