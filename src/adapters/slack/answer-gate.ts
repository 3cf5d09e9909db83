// Slack shows the user an error when a slash command is not acked within 3 s, while its answer may
// follow for minutes. So under a burst, acks go first: an answer is worked on (built, rendered,
// posted) only once no command has come in for a short while, one answer per turn of the event loop,
// so requests that arrive meanwhile are read and acked before the next answer. Answers are held back
// no longer than a bound: a steady stream of commands delays them, never starves them.

export interface AnswerGate {
  /** Called once a command is acked; resolves when its answer may be worked on. */
  acked(): Promise<void>;
}

export interface AnswerGateOptions {
  /** How long no command must have come in before answers are worked on. */
  quietMs?: number;
  /** The longest an answer is held back, however busy the stream of commands. */
  maxHoldMs?: number;
  now?: () => number;
}

/** Long enough to span the gaps between the requests of one burst, short enough to go unnoticed in an answer. */
const QUIET_MS = 25;
/** Well inside the time users wait for an answer, and long enough to ack a burst of hundreds. */
const MAX_HOLD_MS = 2000;

export function createAnswerGate(options: AnswerGateOptions = {}): AnswerGate {
  const { quietMs = QUIET_MS, maxHoldMs = MAX_HOLD_MS, now = () => performance.now() } = options;
  const held: Array<{ since: number; release: () => void }> = [];
  let lastAck = -Infinity;
  let pending = false;

  const schedule = (ms: number): void => {
    pending = true;
    if (ms <= 0) setImmediate(step);
    else setTimeout(step, ms);
  };

  function step(): void {
    pending = false;
    const head = held[0];
    if (!head) return;
    const at = now();
    const quietLeft = quietMs - (at - lastAck);
    const holdLeft = maxHoldMs - (at - head.since);
    if (quietLeft > 0 && holdLeft > 0) return schedule(Math.min(quietLeft, holdLeft));
    held.shift();
    head.release();
    // The next answer waits for the next turn: the poll phase in between reads and acks what came in.
    if (held.length > 0) schedule(0);
  }

  return {
    acked() {
      const at = now();
      lastAck = at;
      return new Promise((release) => {
        held.push({ since: at, release });
        if (!pending) schedule(quietMs);
      });
    },
  };
}
