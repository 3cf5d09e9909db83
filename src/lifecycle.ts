import type { Logger } from './core/ports/logger.js';

// How the running bot ends: on request (SIGTERM, SIGINT) it stops taking work, gives the commands
// in flight until a deadline, then returns so the store is closed; on an error it cannot recover from
// (a revoked token, a refused gateway) it says so at error level and ends with a non-zero code, so a
// supervisor (systemd, Docker, Kubernetes) notices instead of a process that runs but answers nobody.

/** What the chat adapters get: a way to report the unrecoverable, and to register work in flight. */
export interface Supervisor {
  /** The bot cannot go on (`problem` says what to do): it is logged, and the process stops with exit code 1. */
  fatal(problem: string, error?: unknown): void;
  /** Work in flight (one command); stopping waits for it until the deadline. */
  track(work: Promise<unknown>): void;
}

/** A running chat app; `stop` stops taking work and, by `deadline` (epoch ms), drops what is left. */
export interface RunningApp {
  name: string;
  stop(deadline: number): Promise<void>;
}

type StopReason = { kind: 'requested' } | { kind: 'fatal'; problem: string };

export interface Lifecycle extends Supervisor {
  /**
   * Runs until a stop is requested (`untilStopped`) or a fatal error is reported, then stops the apps
   * and waits for work in flight, within `timeoutMs`. Resolves with the exit code: 0, or 1 after a fatal error.
   */
  run(apps: readonly RunningApp[], options: { untilStopped: () => Promise<unknown>; timeoutMs: number }): Promise<number>;
}

export interface LifecycleOptions {
  logger: Logger;
  /** For the human at the terminal: a fatal problem is also printed as one plain line. */
  stderr: (text: string) => void;
  /** Explains an error nobody handled when it is a known unrecoverable one (a revoked token); null otherwise. */
  explain: (error: unknown) => string | null;
}

export function createLifecycle(options: LifecycleOptions): Lifecycle {
  const { logger } = options;
  const inFlight = new Set<Promise<unknown>>();
  let reportFatal: (reason: StopReason) => void = () => undefined;
  const fatalReported = new Promise<StopReason>((resolve) => (reportFatal = resolve));
  let reported = false;

  const fatal = (problem: string, error?: unknown): void => {
    if (reported) return;
    reported = true;
    logger.error({ err: error, fatal: true }, problem);
    options.stderr(`tokenbrief: ${problem}\n`);
    reportFatal({ kind: 'fatal', problem });
  };

  async function shutdown(apps: readonly RunningApp[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    logger.info({ apps: apps.map((app) => app.name), timeoutMs }, 'stopping');
    await Promise.all(
      apps.map((app) => app.stop(deadline).catch((error: unknown) => logger.warn({ err: error, app: app.name }, 'chat app did not stop cleanly'))),
    );
    const left = await drain(inFlight, deadline);
    if (left > 0) logger.warn({ abandoned: left, timeoutMs }, 'stopped with commands still in flight');
    else logger.info('stopped');
  }

  return {
    fatal,
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(settled);
      void settled.then(() => inFlight.delete(settled));
    },
    async run(apps, { untilStopped, timeoutMs }) {
      // A rejection nobody awaited (the Slack SDK reconnecting with a revoked token) is a failure the bot
      // can no longer account for: stopping beats running on in an unknown state, or Node's bare stack trace.
      const onUnhandled = (error: unknown): void =>
        fatal(options.explain(error) ?? `unexpected error: ${error instanceof Error ? error.message : String(error)}`, error);
      process.on('unhandledRejection', onUnhandled);
      try {
        const requested = untilStopped().then((): StopReason => ({ kind: 'requested' }));
        const reason = await Promise.race([requested, fatalReported]);
        await shutdown(apps, timeoutMs);
        return reason.kind === 'fatal' ? 1 : 0;
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    },
  };
}

/** Waits for the work in flight until `deadline`; resolves with how much was left unfinished. */
async function drain(inFlight: ReadonlySet<Promise<unknown>>, deadline: number): Promise<number> {
  await settlesBy(Promise.all(inFlight), deadline);
  return inFlight.size;
}

/** Resolves on the first SIGINT or SIGTERM; a second one then ends the process the default way, at once. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Resolves at `deadline` (epoch ms) unless `work` settles first: true when it did. The timer does not
 * keep the process alive.
 */
export async function settlesBy(work: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    timer.unref();
  });
  const done = work.then(
    () => true as const,
    () => true as const,
  );
  const result = await Promise.race([done, late]);
  clearTimeout(timer);
  return result;
}

/** Time the process gets to end by itself once main() has returned. */
const EXIT_GRACE_MS = 2000;

/**
 * Ends the process with `code` if something (a library's leftover timer or socket) still holds it
 * open shortly after main() returned: a supervisor waiting for the exit must not wait for minutes.
 */
export function exitSoon(code: number): void {
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}
