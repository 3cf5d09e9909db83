// What is derived from a built week is kept with it: a MarketWeek is never changed once built, and a
// reader serves the same object until the data change (see jobs/week.ts), so whatever is computed
// from one object stays true for as long as anyone holds it. Keyed weakly: a dropped week takes its
// derived values with it.

/** `compute`, run once per object it is given (by identity), then answered from memory. */
export function derivedOnce<K extends object, T>(compute: (from: K) => T): (from: K) => T {
  const kept = new WeakMap<K, { value: T }>();
  return (from) => {
    const found = kept.get(from);
    if (found) return found.value;
    const value = compute(from);
    kept.set(from, { value });
    return value;
  };
}
