import { existsSync } from 'node:fs';

/** Loads `./.env` when present (Node's own loader; variables already set win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
