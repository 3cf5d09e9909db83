import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TokenbriefError } from '../../core/errors.js';
import { DEFAULT_COUNTRY_MAP, mergeCountryMap } from '../../core/identity.js';
import type { CountryMap } from '../../core/types.js';

// An admin's own attribution, e.g. when a stealth model is revealed: {"stealth/space-bunny-alpha": "CN"}.
const OverrideSchema = z.record(
  z.string().min(1),
  z.string().regex(/^([A-Z]{2}|unattributed)$/, 'must be a two-letter country code (CN, US, FR…) or "unattributed"'),
);

export class CountryMapError extends TokenbriefError {
  readonly code = 'bad_country_map';
}

/** The built-in lab → country map, with the admin's file (if any) laid over it. */
export function loadCountryMap(path: string | undefined): CountryMap {
  if (path === undefined) return DEFAULT_COUNTRY_MAP;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CountryMapError(`cannot read country map ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = OverrideSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new CountryMapError(`country map ${path} is invalid: ${problems}`);
  }
  return mergeCountryMap(DEFAULT_COUNTRY_MAP, parsed.data);
}
