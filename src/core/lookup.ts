import fuzzysort from 'fuzzysort';

// Finding the model a person means from what they typed ("kimi", "glm5", "sonet 4.5",
// "moonshotai/kimi-k2.5"). Stages run from strict to loose and the first stage with a hit wins,
// so a loose stage can never shadow an exact answer: exact id/slug → name words → fuzzysort
// (glued or abbreviated names) → name words after typo correction. Inside a stage, equally good
// hits go to the model most used this week (that is the one people usually mean), base models
// before their `:free`/`:thinking` variants, then the shorter id.
// Everything per-model is computed once in buildLookupIndex; a query only walks the prepared data.

export interface LookupEntry {
  id: string;
  name: string;
  canonicalSlug: string | null;
  /** Tokens this week, 0 if none. */
  tokens: number;
}

type Prepared = ReturnType<typeof fuzzysort.prepare>;

interface Item {
  entry: LookupEntry;
  /** Position in most-used order: the tie-break of every stage. */
  order: number;
  /** An id with a `:free`/`:thinking`/… suffix: loses to its base model when equally good. */
  variant: boolean;
  /** Distinct normalised words of the name and the id. */
  words: readonly string[];
  /** Word sequences (name, id) in which a multi-word query may appear as a phrase. */
  sequences: readonly (readonly string[])[];
  /** Normalised whole names a query can equal: the name with and without its vendor, the id without its vendor. */
  phrases: readonly string[];
  prepared: Prepared;
}

export interface LookupIndex {
  /** Most-used first. */
  readonly items: readonly Item[];
  /** Lower-case full id, id without variant, id without vendor, canonical slug → items, best first. */
  readonly exact: ReadonlyMap<string, readonly Item[]>;
  /** Alphabetic words of all names and ids (length ≥ 3) by length, for typo correction. */
  readonly vocabulary: ReadonlyMap<number, readonly string[]>;
  /** Every word (for "does this query word exist at all" checks). */
  readonly wordSet: ReadonlySet<string>;
}

export interface LookupResult {
  match: LookupEntry | null;
  alternatives: LookupEntry[];
}

// fuzzysort scores (0..1) on the real catalog: glued or abbreviated names ("deepseekv32", "kimik25")
// score 0.6–0.7, noise ("hello", "foo bar") 0.27–0.3. But letters picked one by one from anywhere
// also score high ("abc" → qwen3-coder-480b-A35B: 0.6), so a hit must also match in runs of
// consecutive characters, not scattered single letters.
interface FuzzyBar {
  score: number;
  /** Minimum matched characters per contiguous run. */
  run: number;
}
const FUZZY_MATCH: FuzzyBar = { score: 0.5, run: 2 };
const FUZZY_SUGGEST: FuzzyBar = { score: 0.35, run: 1.3 };
/** fuzzysort caches every distinct search string forever; autocomplete would grow it without bound. */
const FUZZY_CACHE_FLUSH_EVERY = 1000;
const MAX_QUERY_CHARS = 100;
// Letter/digit splitting makes many short words: "NVIDIA: Nemotron 3 Nano 30B A3B (free)" is 10.
const MAX_QUERY_WORDS = 24;

const EXACT_PHRASE = 1000;
const EXACT_WORD = 2;
const PREFIX_WORD = 1;
const IN_ORDER = 1;

/**
 * Lower-case words with separators, case and letter/digit boundaries normalised:
 * "GLM-5", "glm 5" and "GLM5" all give [glm, 5]; "MiniMax M2.5" gives [minimax, m, 2.5].
 * A dot survives only between digits, where it is part of a version number.
 */
export function normaliseWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // "Command R+" is command-r-plus.
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/g, ' ')
    .split(' ')
    .filter((word) => word !== '');
}

/** "MoonshotAI: Kimi K2.5" → "Kimi K2.5"; names without a vendor prefix are kept. */
function withoutVendor(name: string): string {
  const match = /^[^:]{1,40}:\s+(.+)$/.exec(name);
  return match?.[1] ?? name;
}

function baseId(id: string): string {
  const colon = id.indexOf(':');
  return colon === -1 ? id : id.slice(0, colon);
}

function byUsage(a: LookupEntry, b: LookupEntry): number {
  const variantA = a.id.includes(':') ? 1 : 0;
  const variantB = b.id.includes(':') ? 1 : 0;
  return b.tokens - a.tokens || variantA - variantB || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function buildLookupIndex(entries: readonly LookupEntry[]): LookupIndex {
  const sorted = [...entries].sort(byUsage);
  const exact = new Map<string, Item[]>();
  const addExact = (key: string, item: Item) => {
    const list = exact.get(key);
    if (!list) exact.set(key, [item]);
    else if (!list.includes(item)) list.push(item);
  };
  const wordSet = new Set<string>();
  const items = sorted.map((entry, order): Item => {
    const shortName = withoutVendor(entry.name);
    const id = entry.id.toLowerCase();
    const shortId = id.slice(id.indexOf('/') + 1);
    const nameWords = normaliseWords(entry.name);
    const idWords = normaliseWords(id);
    const words = [...new Set([...nameWords, ...idWords])];
    for (const word of words) wordSet.add(word);
    const phrases = [...new Set([shortName, entry.name, shortId].map((text) => normaliseWords(text).join(' ')))];
    return {
      entry,
      order,
      variant: id.includes(':'),
      words,
      sequences: [nameWords, idWords],
      phrases,
      prepared: fuzzysort.prepare(`${shortName} ${entry.id}`),
    };
  });
  // Items arrive most-used first, so every list below is already in preference order.
  for (const item of items) {
    const id = item.entry.id.toLowerCase();
    addExact(id, item);
    addExact(baseId(id), item);
    addExact(id.slice(id.indexOf('/') + 1), item);
    if (item.entry.canonicalSlug) addExact(item.entry.canonicalSlug.toLowerCase(), item);
  }
  // A base model outranks its variants on the same key even when a variant is used more.
  for (const list of exact.values()) list.sort((a, b) => Number(a.variant) - Number(b.variant) || a.order - b.order);

  const vocabulary = new Map<number, string[]>();
  for (const word of wordSet) {
    if (word.length < 3 || !/^[a-z]+$/.test(word)) continue;
    const list = vocabulary.get(word.length);
    if (list) list.push(word);
    else vocabulary.set(word.length, [word]);
  }
  return { items, exact, vocabulary, wordSet };
}

/** Optimal-string-alignment distance (typos incl. swapped letters), giving up once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? max + 1;
}

/** A query word as the set of catalog words it may stand for (itself, or its closest spellings). */
type QueryWord = readonly string[];

const DOT = 46;

function isNumeric(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 48 && c <= 57;
}

function wordScore(queryWord: QueryWord, words: readonly string[]): number {
  let best = 0;
  for (const candidate of queryWord) {
    const numeric = isNumeric(candidate);
    for (const word of words) {
      if (word === candidate) return EXACT_WORD;
      // "4" may mean version 4.6, but never 42: numbers extend only across a dot.
      if (word.startsWith(candidate) && (!numeric || word.charCodeAt(candidate.length) === DOT)) best = PREFIX_WORD;
    }
  }
  return best;
}

function inOrder(query: readonly QueryWord[], sequence: readonly string[]): boolean {
  outer: for (let start = 0; start + query.length <= sequence.length; start++) {
    for (let k = 0; k < query.length; k++) if (!query[k]?.includes(sequence[start + k] ?? '')) continue outer;
    return true;
  }
  return false;
}

interface Hit {
  item: Item;
  score: number;
}

function byHit(a: Hit, b: Hit): number {
  return b.score - a.score || Number(a.item.variant) - Number(b.item.variant) || a.item.order - b.item.order;
}

/** Models whose name or id contain every query word as a word or word prefix. */
function wordHits(index: LookupIndex, query: readonly QueryWord[], phrase: string | null): Hit[] {
  const hits: Hit[] = [];
  for (const item of index.items) {
    let score = 0;
    for (const queryWord of query) {
      const s = wordScore(queryWord, item.words);
      if (s === 0) {
        score = 0;
        break;
      }
      score += s;
    }
    if (score === 0) continue;
    if (phrase !== null && item.phrases.includes(phrase)) score += EXACT_PHRASE;
    if (query.length > 1 && item.sequences.some((sequence) => inOrder(query, sequence))) score += IN_ORDER;
    hits.push({ item, score });
  }
  return hits.sort(byHit);
}

/** Replaces words found nowhere in the catalog by their nearest spellings; null when a word has none. */
function correctTypos(index: LookupIndex, words: readonly string[]): QueryWord[] | null {
  let changed = false;
  const corrected: QueryWord[] = [];
  for (const word of words) {
    if (index.wordSet.has(word) || isNumeric(word) || word.length < 3 || hasPrefixIn(index, word)) {
      corrected.push([word]);
      continue;
    }
    const max = word.length >= 7 ? 2 : 1;
    let best = max + 1;
    let nearest: string[] = [];
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const candidate of index.vocabulary.get(length) ?? []) {
        const distance = editDistance(word, candidate, max);
        if (distance > max) continue;
        if (distance < best) {
          best = distance;
          nearest = [candidate];
        } else if (distance === best) nearest.push(candidate);
      }
    }
    if (nearest.length === 0) return null;
    corrected.push(nearest);
    changed = true;
  }
  return changed ? corrected : null;
}

function hasPrefixIn(index: LookupIndex, word: string): boolean {
  for (const known of index.wordSet) if (known.startsWith(word)) return true;
  return false;
}

function runsOf(indexes: readonly number[]): number {
  let runs = 0;
  for (let i = 0; i < indexes.length; i++) if (i === 0 || indexes[i] !== (indexes[i - 1] ?? 0) + 1) runs++;
  return runs;
}

let fuzzySearches = 0;

function fuzzyHits(index: LookupIndex, query: string, bar: FuzzyBar, limit: number): Hit[] {
  if (++fuzzySearches % FUZZY_CACHE_FLUSH_EVERY === 0) fuzzysort.cleanup();
  const hits: Hit[] = [];
  for (const result of fuzzysort.go(query, index.items, { key: 'prepared', threshold: bar.score, limit: limit + 1 })) {
    const indexes = result.indexes;
    if (indexes.length / runsOf(indexes) < bar.run) continue;
    // Whole hundredths only: near-equal hits ("v3.2" vs "v3.2-exp") fall back to the usage tie-break.
    hits.push({ item: result.obj, score: Math.round(result.score * 100) });
  }
  return hits.sort(byHit);
}

function exactHits(index: LookupIndex, query: string): Hit[] {
  const list = index.exact.get(query) ?? index.exact.get(baseId(query)) ?? [];
  return list.map((item) => ({ item, score: 0 }));
}

/** Each stage's ranked hits, strict to loose; a later stage is only computed when asked for. */
function* stages(index: LookupIndex, rawQuery: string, fuzzy: FuzzyBar, limit: number): Generator<Hit[]> {
  const query = rawQuery.trim().toLowerCase().slice(0, MAX_QUERY_CHARS);
  if (query === '') return;
  yield exactHits(index, query);
  const words = normaliseWords(query).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return;
  const phrase = words.join(' ');
  yield wordHits(index, words.map((w) => [w]), phrase);
  // fuzzysort gets the query as typed: glued words ("kimik25") are exactly what it is good at.
  yield fuzzyHits(index, query, fuzzy, limit);
  const corrected = correctTypos(index, words);
  if (corrected) yield wordHits(index, corrected, null);
}

/** The model a query most likely means, and up to `limit` runners-up; `match` is null when nothing is close. */
export function lookupModel(index: LookupIndex, query: string, limit = 5): LookupResult {
  for (const hits of stages(index, query, FUZZY_MATCH, limit)) {
    const [first, ...rest] = hits;
    if (first) return { match: first.item.entry, alternatives: rest.slice(0, limit).map((hit) => hit.item.entry) };
  }
  // No match, but a weak resemblance is still worth a "did you mean".
  const typed = query.trim().toLowerCase().slice(0, MAX_QUERY_CHARS);
  const weak = typed === '' ? [] : fuzzyHits(index, typed, FUZZY_SUGGEST, limit);
  return { match: null, alternatives: weak.slice(0, limit).map((hit) => hit.item.entry) };
}

/** Autocomplete choices, best first (stages in order, then rank inside each); the most used models for an empty query. */
export function suggestModels(index: LookupIndex, query: string, n = 25): LookupEntry[] {
  if (query.trim() === '') return index.items.slice(0, n).map((item) => item.entry);
  const chosen = new Set<Item>();
  for (const hits of stages(index, query, FUZZY_SUGGEST, n)) {
    for (const hit of hits) {
      if (chosen.size === n) break;
      chosen.add(hit.item);
    }
    if (chosen.size === n) break;
  }
  return [...chosen].map((item) => item.entry);
}
