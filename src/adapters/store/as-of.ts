// `as_of` values are compared as instants, not as strings: `…02:00:00Z` and `…02:00:00.000Z` are the
// same time, and `…02:00:00.5Z` sorts before `…02:00:00Z` as text although it is later. A date-time
// without a zone would be read in the server's local zone, so it is refused rather than guessed.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/i;

/** Milliseconds since the epoch of an ISO 8601 `as_of`; throws on anything else. */
export function asOfInstant(asOf: string): number {
  const ms = ISO_INSTANT.test(asOf) ? Date.parse(asOf) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`as_of ${JSON.stringify(asOf)} is not an ISO 8601 time with a zone`);
  return ms;
}
