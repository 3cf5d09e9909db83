import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { shortName } from '../../core/identity.js';
import { suggestModels, type LookupEntry, type LookupIndex } from '../../core/lookup.js';
import { cleanText } from '../../render/escape.js';
import { suggestZones } from '../../commands/zones.js';

// Autocomplete answers within Discord's 3 s window on every keystroke, so the lookup index is built
// once per data version (see createWeekReader and lookupIndexFor) and a keystroke only walks it.

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
  /** The index of the current week's models: built only when the data changed since the last one. */
  get(): Promise<LookupIndex>;
}
