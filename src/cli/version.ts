import { readFileSync } from 'node:fs';

// src/cli/ and dist/cli/ both sit two levels below the package root.
const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

/** The installed package's version, as `npm ls` would report it. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}
