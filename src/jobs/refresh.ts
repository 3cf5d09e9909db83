import type { Logger } from '../core/ports/logger.js';
import { SourceError, type Source } from '../core/ports/source.js';
import type { Store } from '../core/ports/store.js';
import type { SourceKind } from '../core/schedule/which-week.js';
import { addDays } from '../core/week.js';
import { readDataState } from './data-state.js';
import { ingest, refreshRange } from './ingest.js';

// The daily refresh. OpenRouter publishes a finished UTC day some time after midnight, so the first
// try is shortly after 00:00 UTC and, until the finished day is in, a new try follows every few
// minutes until a deadline. A fixed source (sample, file) is read once a day. Every try is logged in
// the store (for /status); a failed one keeps the last good data (the ingest writes all or nothing,
// its gates hold back what they distrust) and tells the admins once a day.

export interface RefreshJobOptions {
  /** The first try of a day is at 00:00 UTC plus this. */
  afterMidnightMs: number;
  /** Between tries while the finished day is not in. */
  retryEveryMs: number;
  /** No more tries after 00:00 UTC plus this; the next day starts over. */
  deadlineMs: number;
}

export const DEFAULT_REFRESH_OPTIONS: RefreshJobOptions = { afterMidnightMs: 10 * 60_000, retryEveryMs: 10 * 60_000, deadlineMs: 12 * 3_600_000 };

export interface RefreshOutcome {
  ok: boolean;
  /** One line: what was stored, or what failed. */
  summary: string;
  /** Something new was stored (alerts are worth checking). */
  changed: boolean;
  /** What to tell a terminal user about a failure, or null. */
  failure: string | null;
}

export interface RefreshJob {
  /** Whether a try is due at `now` (none while one runs). */
  due(now: Date): boolean;
  /** One try; never throws. */
  run(now: Date): Promise<RefreshOutcome>;
}

export interface RefreshJobDeps {
  source: Source;
  store: Store;
  logger: Logger;
  kind: SourceKind;
  clock: () => Date;
  /** Tells the admins a refresh failed (once per UTC day). Never throws. */
  tellAdmins: (notice: { source: string; reason: string; asOf: string | null }) => Promise<void>;
  options?: Partial<RefreshJobOptions>;
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export function createRefreshJob(deps: RefreshJobDeps): RefreshJob {
  const options = { ...DEFAULT_REFRESH_OPTIONS, ...deps.options };
  let running = false;
  let lastTry: Date | null = null;
  /** The UTC day whose refreshes are done: the finished day came in, or the source is fixed and was read. */
  let doneDay: string | null = null;
  let toldDay: string | null = null;

  const due = (now: Date): boolean => {
    if (running) return false;
    if (lastTry === null) return true;
    const today = dayOf(now);
    if (doneDay === today) return false;
    const sinceMidnight = now.getTime() - Date.parse(`${today}T00:00:00Z`);
    if (sinceMidnight < options.afterMidnightMs) return false;
    if (dayOf(lastTry) !== today || lastTry.getTime() < Date.parse(`${today}T00:00:00Z`) + options.afterMidnightMs) return true;
    return sinceMidnight <= options.deadlineMs && now.getTime() - lastTry.getTime() >= options.retryEveryMs;
  };

  const run = async (now: Date): Promise<RefreshOutcome> => {
    running = true;
    lastTry = now;
    const today = dayOf(now);
    const startedAt = deps.clock();
    let outcome: RefreshOutcome;
    try {
      const range = deps.kind === 'live' ? await refreshRange(deps.store, today) : undefined;
      const summary = await ingest(deps.source, deps.store, deps.logger, { range, now: deps.clock });
      const span = await deps.store.usageSpan();
      if (deps.kind === 'fixed' || (span !== null && span.last >= addDays(today, -1))) doneDay = today;
      outcome = {
        ok: true,
        changed: summary.inserted + summary.restated + summary.snapshots > 0,
        summary: `${summary.inserted} rows added, ${summary.restated} restated, ${summary.snapshots} catalog snapshots; newest day ${span?.last ?? 'none'}`,
        failure: null,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.logger.error({ source: deps.source.name, err: message }, 'refresh failed: the last good data stays in use');
      if (!(error instanceof SourceError)) deps.logger.debug({ err: error }, 'refresh failed unexpectedly');
      outcome = { ok: false, changed: false, summary: message, failure: `could not refresh from ${deps.source.name}: ${message}` };
    }
    try {
      const { asOf } = await readDataState(deps.store);
      await deps.store.recordRefresh({ startedAt, finishedAt: deps.clock(), ok: outcome.ok, summary: outcome.summary, asOf });
      if (!outcome.ok && toldDay !== today) {
        toldDay = today;
        await deps.tellAdmins({ source: deps.source.name, reason: outcome.summary, asOf });
      }
    } catch (error) {
      deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'could not record the refresh');
    } finally {
      running = false;
    }
    return outcome;
  };

  return { due, run };
}
