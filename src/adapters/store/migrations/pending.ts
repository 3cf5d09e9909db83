import type { Migration } from './sqlite.js';

/**
 * The migrations not recorded as applied, in list order. A database that recorded a version this code
 * does not know was written by a newer tokenbrief; running old code on it could corrupt data, so it is
 * refused before anything is touched. `elsewhere` says how to point tokenbrief at another database.
 */
export function pendingMigrations(applied: ReadonlySet<number>, migrations: readonly Migration[], elsewhere: string): Migration[] {
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new Error(`database schema version ${newest} is newer than this tokenbrief knows (up to ${known}): upgrade tokenbrief, or ${elsewhere}`);
  }
  return migrations.filter((migration) => !applied.has(migration.version));
}
