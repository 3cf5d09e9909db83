import type { Brief } from '../core/types.js';

/**
 * Remembers what `render` made of a brief under a key (the delivery lines, the slot mark): a fan-out
 * hands one brief object to a thousand channels, and laying it out once is enough. Held weakly by
 * the brief, so it goes when the brief does. Callers must not modify what they get.
 */
export function perBrief<T>(render: (brief: Brief, key: string) => T): (brief: Brief, key: string) => T {
  const made = new WeakMap<Brief, Map<string, T>>();
  return (brief, key) => {
    let byKey = made.get(brief);
    if (!byKey) made.set(brief, (byKey = new Map()));
    let result = byKey.get(key);
    if (result === undefined) byKey.set(key, (result = render(brief, key)));
    return result;
  };
}
