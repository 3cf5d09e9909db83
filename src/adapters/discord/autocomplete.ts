import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { shortName } from '../../core/identity.js';
import { suggestModels, type LookupEntry, type LookupIndex } from '../../core/lookup.js';
import type { Logger } from '../../core/ports/logger.js';
import { cleanText } from '../../render/escape.js';
import { suggestZones } from '../../commands/zones.js';

// Autocomplete answers within Discord's 3 s window on every keystroke, so the lookup index is built
// once per data load (see LookupCache) and a keystroke only walks it.

/** Discord's limits on an autocomplete answer: 25 choices, names and values of 1..100 characters. */
const MAX_CHOICES = 25;
const CHOICE_MAX = 100;

/** The options that name a model; everything else has fixed choices or none. */
export const MODEL_OPTIONS: ReadonlySet<string> = new Set(['model', 'a', 'b']);

const fits = (text: string): boolean => [...text].length <= CHOICE_MAX;
/** One line of plain text that fits a choice (cleanText adds "…" after `max` characters). */
const clean = (text: string): string => cleanText(text, CHOICE_MAX - 1);

/** "Kimi K2.5 (moonshotai/kimi-k2.5)"; the name alone when both do not fit. Choice names are plain text, never markdown. */
function choiceName(entry: LookupEntry): string {
  const name = clean(shortName(entry.name)) || clean(entry.id);
  const both = `${name} (${clean(entry.id)})`;
  return fits(both) ? both : name;
}

/** Models for what has been typed so far: best first, ties by this week's usage (the most used for an empty query). */
export function modelChoices(index: LookupIndex, typed: string): APIApplicationCommandOptionChoice<string>[] {
  return suggestModels(index, typed, MAX_CHOICES).map((entry) => ({
    name: choiceName(entry),
    // The value comes back as the option's text and is looked up like typed text; an id too long to
    // be a value is stood in for by the model's name.
    value: fits(entry.id) ? entry.id : clean(shortName(entry.name)) || clean(entry.id),
  }));
}

/** The option that names a time zone (`/subscribe timezone:`). */
export const ZONE_OPTION = 'timezone';

/** Time zones for what has been typed (IANA names are ASCII and short: they fit a choice as they are). */
export function zoneChoices(typed: string): APIApplicationCommandOptionChoice<string>[] {
  return suggestZones(typed, MAX_CHOICES).map((zone) => ({ name: zone, value: zone }));
}

export interface LookupCache {
  /** The index of the current week's models: waits for a load only when there is none yet. */
  get(): Promise<LookupIndex>;
}

export interface LookupCacheOptions {
  /** How long an index is served before a keystroke starts reloading it (new data reaches autocomplete without a restart). */
  maxAgeMs: number;
  /** Where a failed background reload is reported. */
  logger: Logger;
  now?: () => number;
}

/**
 * One index for all keystrokes, stale-while-revalidate: once it is older than `maxAgeMs`, a
 * keystroke still gets it at once and starts a reload in the background (one at a time); the next
 * keystrokes after the reload see the new one. Only the first load is waited for, and concurrent
 * keystrokes share it; a failed first load is not kept, so the next keystroke tries again. A failed
 * reload keeps the old index for another `maxAgeMs`: retrying on every keystroke would read the store
 * (and log) as fast as someone types.
 */
export function createLookupCache(load: () => Promise<LookupIndex>, { maxAgeMs, logger, now = Date.now }: LookupCacheOptions): LookupCache {
  let current: { index: LookupIndex; staleAt: number } | null = null;
  let loading: Promise<LookupIndex> | null = null;

  function reload(): Promise<LookupIndex> {
    const startedAt = now();
    // A load that throws instead of rejecting must still clear `loading`.
    const attempt = new Promise<LookupIndex>((resolve) => resolve(load()));
    const settled = attempt.then(
      (index) => {
        current = { index, staleAt: startedAt + maxAgeMs };
        loading = null;
        return index;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    loading = settled;
    return settled;
  }

  return {
    get() {
      if (!current) return loading ?? reload();
      if (now() >= current.staleAt && !loading) {
        reload().catch((error: unknown) => {
          if (current) current = { ...current, staleAt: now() + maxAgeMs };
          logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'autocomplete index reload failed; serving the previous one');
        });
      }
      return Promise.resolve(current.index);
    },
  };
}
