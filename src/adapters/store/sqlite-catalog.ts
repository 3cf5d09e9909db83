import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { CatalogModel, CatalogSnapshot, Day, ModelPrice, PricePoint } from '../../core/types.js';
import type { SuspectCatalog } from '../../core/ports/store.js';
import { CatalogModelDbRow, FetchedOnDbRow, PriceDbRow, PricePointDbRow } from './sqlite-rows.js';

/** The catalog half of the SQLite store, synchronous; `sqlite.ts` exposes it through the async `Store`. */
export interface SqliteCatalog {
  save(snapshot: CatalogSnapshot, source: string): { pricePoints: number };
  /** Keeps a distrusted snapshot aside (replacing one kept for the same day); it is never read back as a catalog. */
  setAside(suspect: SuspectCatalog, source: string): void;
  asOf(date: Day): CatalogSnapshot | null;
  latest(): CatalogSnapshot | null;
  priceHistory(modelId: string): PricePoint[];
}

const samePrice = (a: ModelPrice, b: ModelPrice): boolean =>
  a.input === b.input && a.output === b.output && a.cacheRead === b.cacheRead;

const MODEL_COLUMNS = 'id, canonical_slug, name, created, context_length, hugging_face_id, input, output, cache_read';

export function sqliteCatalog(db: Database): SqliteCatalog {
  const idsOn = db.prepare('SELECT id FROM catalog_models WHERE fetched_on = ?').pluck();
  const deleteSnapshot = db.prepare('DELETE FROM catalog_snapshots WHERE fetched_on = ?');
  const insertSnapshot = db.prepare('INSERT INTO catalog_snapshots (fetched_on, source) VALUES (?, ?)');
  const upsertSuspect = db.prepare(
    `INSERT OR REPLACE INTO catalog_suspects (fetched_on, source, models, compared_with, compared_models, reason, body)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertModel = db.prepare(
    `INSERT INTO catalog_models (fetched_on, position, ${MODEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const priceOn = db.prepare('SELECT input, output, cache_read FROM catalog_models WHERE id = ? AND fetched_on = ?');
  const priceBefore = db.prepare(
    'SELECT input, output, cache_read FROM catalog_models WHERE id = ? AND fetched_on < ? ORDER BY fetched_on DESC LIMIT 1',
  );
  const nextDay = db
    .prepare('SELECT fetched_on FROM catalog_models WHERE id = ? AND fetched_on > ? ORDER BY fetched_on LIMIT 1')
    .pluck();
  const pointOn = db.prepare('SELECT input, output, cache_read FROM price_points WHERE model_id = ? AND date = ?');
  const upsertPoint = db.prepare(
    `INSERT INTO price_points (model_id, date, input, output, cache_read) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (model_id, date) DO UPDATE SET input = excluded.input, output = excluded.output, cache_read = excluded.cache_read`,
  );
  const deletePoint = db.prepare('DELETE FROM price_points WHERE model_id = ? AND date = ?');
  const snapshotOnOrBefore = db.prepare(
    'SELECT fetched_on FROM catalog_snapshots WHERE fetched_on <= ? ORDER BY fetched_on DESC LIMIT 1',
  );
  const newestSnapshot = db.prepare('SELECT fetched_on FROM catalog_snapshots ORDER BY fetched_on DESC LIMIT 1');
  const modelsOn = db.prepare(`SELECT ${MODEL_COLUMNS} FROM catalog_models WHERE fetched_on = ? ORDER BY position`);
  const history = db.prepare(
    'SELECT model_id, date, input, output, cache_read FROM price_points WHERE model_id = ? ORDER BY date',
  );

  function insertModelRow(fetchedOn: Day, position: number, model: CatalogModel): void {
    const { price } = model;
    try {
      insertModel.run(
        fetchedOn,
        position,
        model.id,
        model.canonicalSlug,
        model.name,
        model.created,
        model.contextLength,
        model.huggingFaceId,
        price.input,
        price.output,
        price.cacheRead,
      );
    } catch (error) {
      // Two entries for one id would make "the" price of that day ambiguous; which one is right is
      // the source's to say, so the snapshot is refused rather than silently deduplicated.
      if (error instanceof Sqlite.SqliteError && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new Error(`catalog of ${fetchedOn} lists model ${model.id} more than once`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * Makes the ledger entry of (model, day) what processing every stored snapshot in date order would
   * give: a point when the model is listed that day at a price differing from its previous listing.
   * Returns 1 when a point was added or its price changed.
   */
  function refreshPoint(modelId: string, day: Day): number {
    const listed = priceOn.get(modelId, day);
    const current = listed === undefined ? undefined : PriceDbRow.parse(listed);
    const before = priceBefore.get(modelId, day);
    if (current === undefined || (before !== undefined && samePrice(PriceDbRow.parse(before), current))) {
      deletePoint.run(modelId, day);
      return 0;
    }
    const existing = pointOn.get(modelId, day);
    if (existing !== undefined && samePrice(PriceDbRow.parse(existing), current)) return 0;
    upsertPoint.run(modelId, day, current.input, current.output, current.cacheRead);
    return 1;
  }

  // Replacing day D (or adding it between older and newer snapshots) can only change whether D
  // itself is a change point and whether each affected model's next listing after D still is one;
  // every other point compares two listings that did not change. Refreshing just those keeps the
  // ledger right for snapshots arriving in any order without replaying history.
  const save = db.transaction((snapshot: CatalogSnapshot, source: string): { pricePoints: number } => {
    const day = snapshot.fetchedOn;
    const replacedIds = z.array(z.string()).parse(idsOn.all(day));
    deleteSnapshot.run(day);
    insertSnapshot.run(day, source);
    snapshot.models.forEach((model, position) => insertModelRow(day, position, model));
    let pricePoints = 0;
    for (const modelId of new Set([...replacedIds, ...snapshot.models.map((model) => model.id)])) {
      pricePoints += refreshPoint(modelId, day);
      const next = nextDay.get(modelId, day);
      if (next !== undefined) pricePoints += refreshPoint(modelId, z.string().parse(next));
    }
    return { pricePoints };
  });

  const snapshotOf = (row: unknown): CatalogSnapshot | null => {
    if (row === undefined) return null;
    const { fetched_on } = FetchedOnDbRow.parse(row);
    return { fetchedOn: fetched_on, models: z.array(CatalogModelDbRow).parse(modelsOn.all(fetched_on)) };
  };
  // Read in a transaction so a concurrent replacement of the same day cannot mix two snapshots.
  const asOf = db.transaction((date: Day) => snapshotOf(snapshotOnOrBefore.get(date)));
  const latest = db.transaction(() => snapshotOf(newestSnapshot.get()));

  return {
    // IMMEDIATE for the reason given in `sqlite-usage.ts`: this save reads the ledger before writing it.
    save: (snapshot, source) => save.immediate(snapshot, source),
    setAside: ({ snapshot, comparedWith, comparedModels, reason }, source) => {
      const { fetchedOn, models } = snapshot;
      upsertSuspect.run(fetchedOn, source, models.length, comparedWith, comparedModels, reason, JSON.stringify(models));
    },
    asOf,
    latest,
    priceHistory: (modelId) => z.array(PricePointDbRow).parse(history.all(modelId)),
  };
}
