import type { CatalogSnapshot, Day, Restatement, UsageBatch } from '../core/types.js';
import {
  catalogLossReason,
  isFutureAsOf,
  isHugeRestatement,
  dropImplausiblePrices,
  keepPlausibleRows,
  thinDays,
  type ThinDay,
} from '../core/plausibility.js';
import { addDays } from '../core/week.js';
import type { Source } from '../core/ports/source.js';
import type { Store, SuspectCatalog } from '../core/ports/store.js';
import type { Logger } from '../core/ports/logger.js';

/** What the plausibility gates held back or flagged in one ingest (see core/plausibility.ts). */
export interface GateReport {
  /** Batches refused whole because their `as_of` lies in the future. */
  futureBatches: Array<{ asOf: string; startDate: Day; endDate: Day }>;
  /** Usage rows dropped for tokens out of range. */
  outOfRangeRows: number;
  /** Catalog models with a price out of range (that price is dropped, the model kept). */
  outOfRangeModels: number;
  /** Catalog snapshots kept aside because they lost too many models. */
  suspectCatalogs: Array<{ fetchedOn: Day; reason: string }>;
  /** Ingested days far below the usual row count of nearby days (the brief marks them incomplete). */
  thinDays: ThinDay[];
  /** Restatements of this ingest that moved a model's day tenfold or more (applied, and reported in the brief). */
  hugeRestatements: Restatement[];
}

export interface IngestSummary {
  batches: number;
  inserted: number;
  restated: number;
  unchanged: number;
  dropped: number;
  snapshots: number;
  pricePoints: number;
  gates: GateReport;
}

export interface IngestOptions {
  range?: { start: Day; end: Day } | undefined;
  /** The clock the future-`as_of` gate compares with. */
  now?: () => Date;
}

/**
 * Source → gates → store. Everything is fetched, validated and gated before anything is written, and
 * then written in one transaction, so a failing source (SourceError) or a write the store refuses
 * leaves the store exactly as it was: the last good data keeps being served. A gate never fails the
 * ingest: it holds back the one batch, row or snapshot it distrusts, and reports it.
 */
export async function ingest(source: Source, store: Store, logger: Logger, options: IngestOptions = {}): Promise<IngestSummary> {
  const now = options.now ?? (() => new Date());
  // Claimed first: a database of another source is refused before a single request is made.
  await store.claimSource(source.name);
  const fetched = await source.fetchUsage(options.range);
  const fetchedCatalogs = await source.fetchCatalogs();

  const nowMs = now().getTime();
  const futureBatches = fetched.filter((batch) => isFutureAsOf(Date.parse(batch.asOf), nowMs));
  const batches: UsageBatch[] = [];
  let outOfRangeRows = 0;
  for (const batch of fetched) {
    if (futureBatches.includes(batch)) continue;
    const kept = keepPlausibleRows(batch.rows);
    outOfRangeRows += kept.dropped;
    batches.push({ ...batch, rows: kept.rows });
  }
  let outOfRangeModels = 0;
  const plausibleCatalogs = fetchedCatalogs.map((snapshot) => {
    const checked = dropImplausiblePrices(snapshot);
    outOfRangeModels += checked.models;
    return checked.snapshot;
  });
  const { catalogs, suspects } = await screenCatalogs(store, plausibleCatalogs);

  const days = batches.flatMap((batch) => batch.rows.map((row) => row.date)).sort();
  const span = days.length > 0 ? { start: days[0] as Day, end: days.at(-1) as Day } : null;
  const restatedBefore = span ? new Set((await store.restatementsBetween(span.start, span.end)).map(restatementKey)) : new Set<string>();
  // Nothing to write is not a write: a refused batch leaves the database file byte for byte as it was.
  const saved =
    batches.length + catalogs.length + suspects.length === 0
      ? { inserted: 0, restated: 0, unchanged: 0, pricePoints: 0 }
      : await store.saveIngest({ usage: batches, catalogs, suspectCatalogs: suspects });
  const restatements = span ? await store.restatementsBetween(span.start, span.end) : [];

  const gates: GateReport = {
    futureBatches: futureBatches.map(({ asOf, startDate, endDate }) => ({ asOf, startDate, endDate })),
    outOfRangeRows,
    outOfRangeModels,
    suspectCatalogs: suspects.map((s) => ({ fetchedOn: s.snapshot.fetchedOn, reason: s.reason })),
    thinDays: span ? await thinDaysAround(store, span, new Set(days)) : [],
    hugeRestatements: restatements.filter((r) => !restatedBefore.has(restatementKey(r)) && isHugeRestatement(r.fromTokens, r.toTokens)),
  };
  const summary: IngestSummary = {
    batches: fetched.length,
    inserted: saved.inserted,
    restated: saved.restated,
    unchanged: saved.unchanged,
    dropped: fetched.reduce((sum, batch) => sum + batch.dropped, 0),
    snapshots: catalogs.length,
    pricePoints: saved.pricePoints,
    gates,
  };
  logGates(logger, source.name, summary);
  logger.info({ source: source.name, ...summary }, 'ingest finished');
  return summary;
}

const restatementKey = (r: Restatement): string => JSON.stringify([r.date, r.permaslug, r.fromAsOf, r.toAsOf, r.fromTokens, r.toTokens]);

/**
 * Splits snapshots into trusted ones and suspects (kept aside): each is compared with the newest
 * trusted snapshot on or before its day, stored or earlier in this ingest.
 */
async function screenCatalogs(store: Store, snapshots: CatalogSnapshot[]): Promise<{ catalogs: CatalogSnapshot[]; suspects: SuspectCatalog[] }> {
  const catalogs: CatalogSnapshot[] = [];
  const suspects: SuspectCatalog[] = [];
  for (const snapshot of [...snapshots].sort((a, b) => a.fetchedOn.localeCompare(b.fetchedOn))) {
    const stored = await store.catalogAsOf(snapshot.fetchedOn);
    const earlier = catalogs.at(-1);
    const previous = earlier && (!stored || earlier.fetchedOn >= stored.fetchedOn) ? earlier : stored;
    const reason = previous ? catalogLossReason(previous, snapshot) : null;
    if (previous && reason) suspects.push({ snapshot, comparedWith: previous.fetchedOn, comparedModels: previous.models.length, reason });
    else catalogs.push(snapshot);
  }
  return { catalogs, suspects };
}

/** Thin days among `ingested`, judged on what the store now holds around them. */
async function thinDaysAround(store: Store, span: { start: Day; end: Day }, ingested: ReadonlySet<Day>): Promise<ThinDay[]> {
  const counts = new Map<Day, number>();
  for (const row of await store.usageBetween(addDays(span.start, -7), addDays(span.end, 7))) {
    counts.set(row.date, (counts.get(row.date) ?? 0) + 1);
  }
  return thinDays(counts, [...ingested]);
}

function logGates(logger: Logger, source: string, { dropped, gates }: IngestSummary): void {
  if (dropped > 0) logger.warn({ source, dropped }, 'dropped malformed usage rows');
  for (const batch of gates.futureBatches) logger.warn({ source, ...batch }, 'refused a usage batch whose as_of is in the future');
  if (gates.outOfRangeRows > 0) logger.warn({ source, rows: gates.outOfRangeRows }, 'dropped usage rows with tokens out of range');
  if (gates.outOfRangeModels > 0) logger.warn({ source, models: gates.outOfRangeModels }, 'dropped prices out of range (the models stay, unpriced)');
  for (const suspect of gates.suspectCatalogs) logger.warn({ source, ...suspect }, 'kept a shrunken catalog snapshot aside');
  for (const thin of gates.thinDays) logger.warn({ source, ...thin }, 'a day holds far fewer rows than nearby days: incomplete');
  for (const r of gates.hugeRestatements) logger.warn({ source, ...r }, 'a restatement moved a model day tenfold or more');
}

/**
 * The window a live refresh asks for: the last stored week again (OpenRouter restates recent days)
 * through yesterday, or the API's default window when the store is empty.
 */
export async function refreshRange(store: Store, today: Day): Promise<{ start: Day; end: Day } | undefined> {
  const span = await store.usageSpan();
  if (!span) return undefined;
  const end = addDays(today, -1);
  const start = addDays(span.last, -7);
  return start <= end ? { start, end } : undefined;
}
