import labs from './labs.json' with { type: 'json' };
import { OTHER, UNATTRIBUTED } from './types.js';
import type { CatalogModel, Country, CountryMap, Identity } from './types.js';

// Who a rankings row is: the join from a usage `model_permaslug` (a canonical slug plus an optional
// `:variant`, not a model id) to a `/models` entry, and the home country of the lab that made it.
// Never the serving provider's country, and never a guess: unknown labs stay unattributed.

/** The bundled lab → country map. Labs not in it (stealth, routers, community fine-tuners) stay unattributed. */
export const DEFAULT_COUNTRY_MAP: CountryMap = Object.freeze({ ...labs });

/**
 * The admin override file on top of a map. Keys are a lab (`stealth`) or a full model id or
 * permaslug (`stealth/space-bunny-alpha`), which beats its lab. Keys are lowercased and codes
 * uppercased because slugs are lowercase and a hand-typed `cn` must not become a bloc of its own.
 */
export function mergeCountryMap(base: CountryMap, override: CountryMap): CountryMap {
  const merged: Record<string, Country> = { ...base };
  for (const [key, country] of Object.entries(override)) {
    const code = country.trim();
    merged[key.trim().toLowerCase()] = code.toLowerCase() === UNATTRIBUTED ? UNATTRIBUTED : code.toUpperCase();
  }
  return Object.freeze(merged);
}

export interface CatalogIndex {
  bySlug: ReadonlyMap<string, readonly CatalogModel[]>;
  byId: ReadonlyMap<string, CatalogModel>;
}

export function buildCatalogIndex(models: readonly CatalogModel[]): CatalogIndex {
  const bySlug = new Map<string, CatalogModel[]>();
  const byId = new Map<string, CatalogModel>();
  for (const model of models) {
    const siblings = bySlug.get(model.canonicalSlug);
    if (siblings) siblings.push(model);
    else bySlug.set(model.canonicalSlug, [model]);
    byId.set(model.id, model);
  }
  return { bySlug, byId };
}

// `-YYYY-MM-DD`, `-YYYYMMDD`, `-MM-DD`, `-MMDD`. Real slugs also carry `-YYMM` (`…-instruct-2509`),
// which the four-digit form covers too.
const DATE_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{2}-\d{2}|\d{4})$/;

// Prefixes that name no vendor: "Stealth: X" would read as if a company called Stealth made X.
const ANONYMOUS_LABS = new Set(['stealth']);

function splitVariant(slug: string): { base: string; variant: string | null } {
  const colon = slug.indexOf(':');
  return colon < 0 ? { base: slug, variant: null } : { base: slug.slice(0, colon), variant: slug.slice(colon + 1) };
}

function withVariant(base: string, variant: string | null): string {
  return variant === null ? base : `${base}:${variant}`;
}

function findModel(base: string, variant: string | null, index: CatalogIndex): CatalogModel | null {
  const siblings = index.bySlug.get(base) ?? [];
  const suffix = variant === null ? null : `:${variant}`;
  const joined = siblings.find((model) => (suffix === null ? !model.id.includes(':') : model.id.endsWith(suffix)));
  // Delisted and stealth models have no canonical slug to match; their id is often the dateless slug.
  return joined ?? index.byId.get(withVariant(base.replace(DATE_SUFFIX, ''), variant)) ?? null;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function nameFromSlug(base: string, variant: string | null): string {
  const slash = base.indexOf('/');
  const lab = slash < 0 ? null : base.slice(0, slash);
  const words = base
    .slice(slash + 1)
    .replace(DATE_SUFFIX, '')
    .split(/[-_]+/)
    .filter((word) => word !== '')
    .map(capitalize)
    .join(' ');
  const named = lab === null ? words : ANONYMOUS_LABS.has(lab) ? `${words} (${lab})` : `${capitalize(lab)}: ${words}`;
  return variant === null ? named : `${named} (${variant})`;
}

function labOf(slug: string): string | null {
  const slash = slug.indexOf('/');
  return slash < 0 ? null : slug.slice(0, slash).toLowerCase();
}

function countryOf(fullKeys: readonly string[], lab: string | null, countries: CountryMap): Country {
  // Only slash-bearing keys are model overrides; a bare key is a lab and is looked up as one.
  for (const key of fullKeys) {
    if (key.includes('/') && Object.hasOwn(countries, key)) return countries[key] ?? UNATTRIBUTED;
  }
  if (lab !== null && Object.hasOwn(countries, lab)) return countries[lab] ?? UNATTRIBUTED;
  return UNATTRIBUTED;
}

/**
 * Country of a model id (or of an unjoined identity key): its own override, else its lab's country,
 * else unattributed. For models missing from a week's ranking, where no permaslug is at hand.
 */
export function countryOfModel(id: string, countries: CountryMap): Country {
  return countryOf([id, splitVariant(id).base], labOf(id), countries);
}

/** Resolves a rankings `model_permaslug` to a model identity and its lab's country. */
export function resolveIdentity(permaslug: string, index: CatalogIndex, countries: CountryMap): Identity {
  if (permaslug === 'other') return { key: 'other', kind: 'other', country: OTHER, name: 'Other (long tail)', modelId: null };
  const { base, variant } = splitVariant(permaslug);
  const model = findModel(base, variant, index);
  if (model) {
    // The lab comes from the id: `cognitivecomputations/…:free` has canonical slug `venice/uncensored`.
    const fullKeys = [model.id, splitVariant(model.id).base, permaslug, base];
    return {
      key: model.id,
      kind: 'model',
      modelId: model.id,
      name: model.name,
      country: countryOf(fullKeys, labOf(model.id), countries),
    };
  }
  return {
    key: permaslug,
    kind: 'model',
    modelId: null,
    name: nameFromSlug(base, variant),
    country: countryOf([permaslug, base], labOf(permaslug), countries),
  };
}

/** Drops the "Vendor: " part of a catalog name, which is noise in a table ("MiniMax: MiniMax M2.5" → "MiniMax M2.5"). */
export function shortName(name: string): string {
  const colon = name.indexOf(': ');
  const rest = colon < 0 ? '' : name.slice(colon + 2).trim();
  return rest === '' ? name : rest;
}

/** The name a brief shows for an identity. */
export function displayName(identity: Identity): string {
  return shortName(identity.name);
}
