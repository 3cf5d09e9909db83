import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnswerGate } from '../../../src/adapters/slack/answer-gate.js';

// The gate on fake timers: what matters is when each held answer is let through.

describe('createAnswerGate', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'Date'] }));
  afterEach(() => void vi.useRealTimers());

  const gate = () => createAnswerGate({ quietMs: 25, maxHoldMs: 2000, now: () => Date.now() });

  /** Acks one command; `released` lists the commands whose answers were let through, in order. */
  function acker(answers: ReturnType<typeof gate>) {
    const released: number[] = [];
    let next = 0;
    return {
      released,
      ack: () => {
        const id = (next += 1);
        void answers.acked().then(() => released.push(id));
      },
    };
  }

  it('lets a lone answer through once no command has come in for the quiet time', async () => {
    const { released, ack } = acker(gate());
    ack();
    await vi.advanceTimersByTimeAsync(24);
    expect(released).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toEqual([1]);
  });

  it('holds every answer while a burst of commands comes in, then lets them through in order', async () => {
    const { released, ack } = acker(gate());
    for (let i = 0; i < 50; i += 1) {
      ack();
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(14);
    expect(released).toEqual([]);
    await vi.runAllTimersAsync();
    expect(released).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('a steady stream of commands delays answers by the longest hold, never more', async () => {
    const { released, ack } = acker(gate());
    ack();
    for (let elapsed = 0; elapsed < 1990; elapsed += 10) {
      await vi.advanceTimersByTimeAsync(10);
      ack();
    }
    expect(released).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(released[0]).toBe(1);
    // The answers held less long wait for a quiet moment or their own longest hold.
    expect(released.length).toBeLessThan(5);
  });

  it('a command that comes in while answers are let through holds the rest back again', async () => {
    const answers = gate();
    const order: number[] = [];
    void answers.acked().then(() => {
      order.push(1);
      // Read and acked between two answers (the event loop reads requests between turns).
      void answers.acked().then(() => order.push(4));
    });
    void answers.acked().then(() => order.push(2));
    void answers.acked().then(() => order.push(3));
    await vi.advanceTimersByTimeAsync(25);
    expect(order).toEqual([1]);
    await vi.advanceTimersByTimeAsync(24);
    expect(order).toEqual([1]);
    await vi.runAllTimersAsync();
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
