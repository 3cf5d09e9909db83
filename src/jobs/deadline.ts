// Waiting for work that may never finish (a database that stopped answering, a chart renderer stuck
// on its first load) without letting it hold up what waits: the work gets until a deadline, after
// which the waiter goes on and the work is left to finish unobserved.

/** Timers as a deadline needs them. Injected so tests can drive them. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What `work` settles with when it does within `ms` (a rejection passes through), else `late`. */
export async function within<T, L>(timers: Timers, ms: number, work: Promise<T>, late: L): Promise<T | L> {
  let timer: unknown;
  const deadline = new Promise<L>((resolve) => (timer = timers.setTimeout(() => resolve(late), ms)));
  try {
    return await Promise.race([work, deadline]);
  } finally {
    timers.clearTimeout(timer);
  }
}
