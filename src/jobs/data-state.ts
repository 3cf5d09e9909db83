import type { DataState, SourceKind } from '../core/schedule/which-week.js';
import type { UsageStore } from '../core/ports/usage.js';
import { latestCompleteWeek } from '../core/week.js';

/** A live source refreshes from OpenRouter; sample and file data never change, so waiting for them is pointless. */
export function sourceKind(source: string): SourceKind {
  return source === 'openrouter' ? 'live' : 'fixed';
}

/** What the store holds, as the choice of a slot's week needs it: read once per tick. */
export async function readDataState(store: UsageStore): Promise<DataState> {
  const span = await store.usageSpan();
  if (!span) return { latestCompleteWeek: null, newestDay: null, asOf: null };
  let asOf: string | null = null;
  for (const row of await store.usageBetween(span.last, span.last)) if (asOf === null || Date.parse(row.asOf) > Date.parse(asOf)) asOf = row.asOf;
  return { latestCompleteWeek: latestCompleteWeek(span.last), newestDay: span.last, asOf };
}
