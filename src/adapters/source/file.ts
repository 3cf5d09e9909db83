import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDay } from '../../core/week.js';
import type { CatalogSnapshot, Day, UsageBatch } from '../../core/types.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { Logger } from '../../core/ports/logger.js';
import { SourceError } from '../../core/ports/source.js';
import type { Source } from '../../core/ports/source.js';
import { parseModelsBody, parseRankingsBody } from './wire.js';

// Recorded raw API bodies in the layout `createRecorder` writes:
//   DIR/rankings-daily/*.json   rankings-daily bodies (any windows, overlaps allowed)
//   DIR/models/YYYY-MM-DD.json  /models bodies, named by the UTC day they were fetched

async function listJson(folder: string): Promise<string[] | null> {
  try {
    return (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SourceError(`${file}: not valid JSON (truncated or not a recording)`, { cause: error });
  }
}

/** Parses with `parse`, naming the file in any SourceError so the user knows which one to fix. */
async function parseFile<T>(file: string, parse: (json: unknown) => T): Promise<T> {
  const json = await readJson(file);
  try {
    return parse(json);
  } catch (error) {
    if (error instanceof SourceError) throw new SourceError(`${file}: ${error.message}`, { ...error.detail, cause: error });
    throw error;
  }
}

/** The part of `batch` inside `range`; null when they do not overlap. Clipped rows count as dropped. */
function clip(batch: UsageBatch, range: { start: Day; end: Day }): UsageBatch | null {
  const startDate = batch.startDate > range.start ? batch.startDate : range.start;
  const endDate = batch.endDate < range.end ? batch.endDate : range.end;
  if (startDate > endDate) return null;
  const rows = batch.rows.filter((row) => row.date >= startDate && row.date <= endDate);
  return { ...batch, rows, startDate, endDate, dropped: batch.dropped + batch.rows.length - rows.length };
}

/**
 * A source over recorded responses. `fetchUsage` returns one batch per file, oldest `as_of` first:
 * where files overlap, applying the batches in order (as the store does, newest `as_of` winning)
 * leaves the newest figure for every (date, permaslug).
 */
export function createFileSource(dir: string, name = `file:${dir}`, logger: Logger = silentLogger): Source {
  const usageDir = join(dir, 'rankings-daily');
  const modelsDir = join(dir, 'models');

  return {
    name,

    async fetchUsage(range) {
      const files = await listJson(usageDir);
      if (files === null || files.length === 0) {
        throw new SourceError(`no recorded data in ${dir} (expected ${usageDir}/*.json)`);
      }
      const batches: UsageBatch[] = [];
      for (const file of files) batches.push(await parseFile(join(usageDir, file), (json) => parseRankingsBody(json)));
      // Stable sort: files with the same as_of keep their name order.
      const ordered = batches.sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
      if (!range) return ordered;
      return ordered.flatMap((batch) => clip(batch, range) ?? []);
    },

    async fetchCatalogs() {
      const files = (await listJson(modelsDir)) ?? [];
      const snapshots: CatalogSnapshot[] = [];
      for (const file of files) {
        const fetchedOn = file.slice(0, -'.json'.length);
        if (!isDay(fetchedOn)) {
          logger.warn({ file: join(modelsDir, file) }, 'skipping a models recording not named YYYY-MM-DD.json');
          continue;
        }
        const { snapshot, dropped } = await parseFile(join(modelsDir, file), (json) => parseModelsBody(json, fetchedOn));
        if (dropped > 0) logger.warn({ file: join(modelsDir, file), dropped }, 'models recording: dropped entries without an id or with a repeated id');
        snapshots.push(snapshot);
      }
      return snapshots;
    },
  };
}
