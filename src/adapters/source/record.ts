import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Day } from '../../core/types.js';
import { normalizeAsOf, RankingsMetaSchema } from './wire.js';

// Saves raw API bodies in exactly the layout `createFileSource` reads, so a live run can be replayed
// offline (and turned into fixtures). Callers hand over only bodies that passed the whole-body schema.

export interface Recorder {
  /** Writes `DIR/rankings-daily/<start>_<end>.json`; the body's own meta dates name it when `window` is null. */
  rankings(body: unknown, window: { start: Day; end: Day } | null, asOf: string): Promise<void>;
  /** Writes `DIR/models/<fetchedOn>.json`. */
  models(body: unknown, fetchedOn: Day): Promise<void>;
}

const WithMeta = z.looseObject({ meta: RankingsMetaSchema });

// Temp file + rename: a crash mid-write must never leave a truncated recording that the file source
// would then reject. The temp name does not end in `.json`, so readers never pick it up.
async function writeAtomically(file: string, body: unknown): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify(body));
  await rename(temp, file);
}

async function recordedAsOf(file: string): Promise<string | null> {
  try {
    const existing = WithMeta.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return existing.success ? normalizeAsOf(existing.data.meta.as_of) : null;
  } catch {
    return null;
  }
}

export function createRecorder(dir: string): Recorder {
  return {
    async rankings(body, window, asOf) {
      const { start_date: start, end_date: end } = window ? { start_date: window.start, end_date: window.end } : WithMeta.parse(body).meta;
      const folder = join(dir, 'rankings-daily');
      const file = join(folder, `${start}_${end}.json`);
      // Same rule as the store: a recording with a newer as_of is never replaced by an older answer.
      const existing = await recordedAsOf(file);
      if (existing !== null && existing > asOf) return;
      await mkdir(folder, { recursive: true });
      await writeAtomically(file, body);
    },
    async models(body, fetchedOn) {
      const folder = join(dir, 'models');
      await mkdir(folder, { recursive: true });
      await writeAtomically(join(folder, `${fetchedOn}.json`), body);
    },
  };
}
