import { accessSync, constants, statSync, type Stats } from 'node:fs';

// SQLite keeps writing to the file it opened: after the file is deleted or replaced, every write
// "succeeds" into an unlinked inode and is gone at the next start. A write that cannot outlive the
// process must fail instead, so the admin who made a settings change hears it was not kept.

/** The store's file was deleted, replaced or made read-only while the bot ran: writes would be lost. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Nobody may write it, or this process may not: both mean the operator or the system made it read-only. */
function readOnly(path: string, stats: Stats): boolean {
  if ((stats.mode & 0o222) === 0) return true;
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * Remembers which file `path` is now (device and inode); the returned check throws a
 * `StoreUnavailableError` when `path` no longer is that file, or can no longer be written.
 */
export function guardFile(path: string): () => void {
  const opened = statSync(path);
  return () => {
    const now = statOrNull(path);
    if (now === null || now.ino !== opened.ino || now.dev !== opened.dev) {
      throw new StoreUnavailableError(`the database file ${path} was deleted or replaced while tokenbrief was running; restart tokenbrief to keep changes`);
    }
    if (readOnly(path, now)) {
      throw new StoreUnavailableError(`the database file ${path} is read-only; make it writable again (or restart tokenbrief with a writable DATABASE_PATH) to keep changes`);
    }
  };
}
