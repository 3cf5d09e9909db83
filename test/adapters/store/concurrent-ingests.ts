import type { CatalogSnapshot, UsageBatch, UsageRow } from '../../../src/core/types.js';

// What each process of the concurrency test in sqlite.test.ts ingests: a pure function of (worker,
// round), so the test can tell exactly what the shared file must hold once every process is done.

export const ROUNDS = 6;
export const DAYS = 28;
export const CHANNEL = 'slack:T1:C1';

export const dayOf = (n: number) => `2026-05-${String(n).padStart(2, '0')}`;
/** The model only `worker` writes: every round it runs restates all its days. */
export const ownSlug = (worker: number) => `w${worker}/m`;
/** The model every worker writes: of all rounds of all workers, the newest `as_of` must win. */
export const SHARED = 'shared/m';
/** A round's `as_of`: later rounds are newer, and in one round a higher worker is newer, so the newest `shared/m` row is known. */
export const asOfOf = (worker: number, round: number) =>
  `2026-06-01T${String(round).padStart(2, '0')}:${String(worker).padStart(2, '0')}:00Z`;
export const tokensOf = (worker: number, round: number, n: number) => worker * 1_000_000 + round * 1000 + n;
export const catalogDayOf = (worker: number) => dayOf(worker + 1);
export const priceOf = (worker: number, round: number) => ({ input: worker, output: round, cacheRead: null });
export const watchOf = (worker: number, round: number) => `w${worker}/r${round}`;

export function ingestOf(worker: number, round: number): { usage: UsageBatch[]; catalogs: CatalogSnapshot[] } {
  const asOf = asOfOf(worker, round);
  const rows: UsageRow[] = [];
  for (let n = 1; n <= DAYS; n += 1) {
    rows.push({ date: dayOf(n), permaslug: ownSlug(worker), tokens: tokensOf(worker, round, n), asOf });
    rows.push({ date: dayOf(n), permaslug: SHARED, tokens: tokensOf(worker, round, n), asOf });
  }
  const models = [ownSlug(worker), SHARED].map((id) => ({
    id,
    canonicalSlug: id,
    name: id,
    created: null,
    contextLength: null,
    huggingFaceId: null,
    price: priceOf(worker, round),
  }));
  // Two batches, so a reader seeing half an ingest would see the days of one batch but not the other's.
  const half = rows.length / 2;
  const batch = (part: UsageRow[]): UsageBatch => ({ rows: part, asOf, startDate: dayOf(1), endDate: dayOf(DAYS), dropped: 0 });
  return { usage: [batch(rows.slice(0, half)), batch(rows.slice(half))], catalogs: [{ fetchedOn: catalogDayOf(worker), models }] };
}

/** Throws unless every worker's own rows in `rows` come from one round: ingests are seen whole or not at all. */
export function assertWholeIngests(rows: UsageRow[]): void {
  const asOfs = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.permaslug === SHARED) continue;
    asOfs.set(row.permaslug, (asOfs.get(row.permaslug) ?? new Set()).add(row.asOf));
  }
  for (const [slug, seen] of asOfs) {
    if (seen.size !== 1) throw new Error(`read ${slug} from several ingests at once: ${[...seen].join(', ')}`);
  }
}
