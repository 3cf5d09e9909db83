import { dayRange, unixAt, type Day } from './calendar.js';
import { CATALOG, type CatalogFact, type Price } from './catalog.js';
import { OTHER_ROW, type DailyUsage } from './daily-usage.js';
import { OTHER_REVISION, PRELIMINARY_FACTOR, RANKINGS_FILES, SNAPSHOT_DAYS, SNAPSHOT_HOUR } from './usage-plan.js';

// Renders the sample exactly as OpenRouter sends it: raw `rankings-daily` and `/models` bodies.
// One row or model per line keeps the files diffable while staying plain JSON.

/** Relative path under sample/data → file content. */
export type SampleFiles = ReadonlyMap<string, string>;

function body(head: string, items: readonly unknown[], tail: string): string {
  return `${head}\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n${tail}\n`;
}

/** A day's figures as recorded in a file: final if no newer file re-read the day, else the first estimate. */
function recorded(tokens: number, permaslug: string, isFinal: boolean): number {
  if (isFinal) return tokens;
  return Math.round(tokens * (permaslug === OTHER_ROW ? OTHER_REVISION : (PRELIMINARY_FACTOR[permaslug] ?? 1)));
}

function rankingsFiles(usage: DailyUsage): [string, string][] {
  return RANKINGS_FILES.map((file) => {
    const rows = dayRange(file.start, file.end).flatMap((date) => {
      const isFinal = !RANKINGS_FILES.some((f) => f.asOf > file.asOf && f.start <= date && date <= f.end);
      const day = (usage.get(date) ?? []).map((row) => ({ ...row, tokens: recorded(row.tokens, row.permaslug, isFinal) }));
      // Re-sorting keeps the API's order (by tokens, `other` last) after the estimate factors.
      const models = day.filter((row) => row.permaslug !== OTHER_ROW).sort((a, b) => b.tokens - a.tokens);
      return [...models, ...day.filter((row) => row.permaslug === OTHER_ROW)].map((row) => ({
        date,
        model_permaslug: row.permaslug,
        total_tokens: String(row.tokens),
      }));
    });
    const meta = { as_of: file.asOf, version: 'v1', start_date: file.start, end_date: file.end };
    return [`rankings-daily/${file.start}_${file.end}.json`, body('{"data":[', rows, `],\n"meta":${JSON.stringify(meta)}}`)];
  });
}

function priceOn(fact: CatalogFact, day: Day): Price {
  const changes = (fact.priceChanges ?? []).filter((change) => change.on <= day);
  return changes.at(-1)?.price ?? fact.price;
}

function toWire(fact: CatalogFact, day: Day): unknown {
  const [inputs = 'text', outputs = 'text'] = fact.modality.split('->');
  const price = priceOn(fact, day);
  return {
    id: fact.id,
    canonical_slug: fact.slug,
    hugging_face_id: fact.hf,
    name: fact.name,
    created: fact.created,
    description: fact.about,
    context_length: fact.context,
    architecture: {
      modality: fact.modality,
      input_modalities: inputs.split('+'),
      output_modalities: outputs.split('+'),
      tokenizer: fact.tokenizer,
      instruct_type: fact.instructType ?? null,
    },
    pricing: {
      prompt: price.prompt,
      completion: price.completion,
      ...(price.cacheRead === undefined ? {} : { input_cache_read: price.cacheRead }),
    },
    top_provider: {
      context_length: fact.router ? null : fact.context,
      max_completion_tokens: fact.maxCompletion,
      is_moderated: fact.moderated,
    },
  };
}

function modelSnapshots(): [string, string][] {
  return SNAPSHOT_DAYS.map((day) => {
    const fetchedAt = unixAt(day, SNAPSHOT_HOUR);
    // API order: newest first.
    const listed = CATALOG.filter((fact) => fact.created < fetchedAt).sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
    return [`models/${day}.json`, body('{"data":[', listed.map((fact) => toWire(fact, day)), ']}')];
  });
}

export function renderFiles(usage: DailyUsage): SampleFiles {
  return new Map([...rankingsFiles(usage), ...modelSnapshots()]);
}
