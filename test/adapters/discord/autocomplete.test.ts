import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLookupCache, modelChoices } from '../../../src/adapters/discord/autocomplete.js';
import type { Store } from '../../../src/core/ports/store.js';
import { lookupIndexFor } from '../../../src/commands/models.js';
import { DEFAULT_COUNTRY_MAP } from '../../../src/core/identity.js';
import { buildLookupIndex, type LookupIndex } from '../../../src/core/lookup.js';
import { loadMarketWeek } from '../../../src/jobs/week.js';
import { quietLogger, storeWithModels } from './harness.js';

describe('modelChoices', () => {
  it('names a choice "Name (id)" and answers the id, both within Discord\'s 100 characters', () => {
    const long = `lab/${'x'.repeat(120)}`;
    const index = buildLookupIndex([
      { id: 'moonshotai/kimi-k2.5', name: 'MoonshotAI: Kimi K2.5', canonicalSlug: null, tokens: 2 },
      { id: 'lab/kimi-clone', name: `Lab: Kimi ${'Clone '.repeat(30)}\u001b[31m`, canonicalSlug: null, tokens: 1 },
      { id: long, name: 'Lab: Kimi Long Id', canonicalSlug: null, tokens: 0 },
    ]);

    const choices = modelChoices(index, 'kimi');

    expect(choices[0]).toEqual({ name: 'Kimi K2.5 (moonshotai/kimi-k2.5)', value: 'moonshotai/kimi-k2.5' });
    expect(choices[1]?.value).toBe('lab/kimi-clone');
    expect(choices[1]?.name).toMatch(/^Kimi Clone Clone .*…$/);
    expect(choices[2]).toEqual({ name: 'Kimi Long Id', value: 'Kimi Long Id' });
    for (const choice of choices) {
      expect([...choice.name].length).toBeLessThanOrEqual(100);
      expect([...choice.value].length).toBeLessThanOrEqual(100);
      expect(choice.name).not.toContain('\u001b');
    }
  });

  it('never offers more than 25', () => {
    const index = buildLookupIndex(Array.from({ length: 40 }, (_, i) => ({ id: `lab/gpt-${i}`, name: `GPT ${i}`, canonicalSlug: null, tokens: i })));
    expect(modelChoices(index, 'gpt')).toHaveLength(25);
    expect(modelChoices(index, 'gpt')[0]?.value).toBe('lab/gpt-39');
  });
});

describe('createLookupCache', () => {
  const index = buildLookupIndex([]);

  it('loads once for many keystrokes, again once the index is too old', async () => {
    let now = 0;
    let loads = 0;
    const cache = createLookupCache(async () => (loads++, index), { maxAgeMs: 1000, logger: quietLogger, now: () => now });

    await Promise.all([cache.get(), cache.get(), cache.get()]);
    now = 999;
    await cache.get();
    expect(loads).toBe(1);
    now = 1000;
    await cache.get();
    expect(loads).toBe(2);
  });

  it('does not keep a failed load', async () => {
    let attempt = 0;
    const cache = createLookupCache(async (): Promise<LookupIndex> => {
      if (attempt++ === 0) throw new Error('no data');
      return index;
    }, { maxAgeMs: 60_000, logger: quietLogger, now: () => 0 });

    await expect(cache.get()).rejects.toThrow('no data');
    await expect(cache.get()).resolves.toBe(index);
  });
});

/** Lets every callback already due run (promise chains of settled loads, log writes). */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What `promise` has settled to once pending callbacks have run, or 'pending' when it is still waiting (on I/O, a gate). */
function settledNow<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

/** The store with every read held back while the gate is closed: a store as slow as the test wants. */
function gatedStore(inner: Store) {
  let closed: { opened: Promise<void>; open: () => void } | null = null;
  const store = new Proxy(inner, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await closed?.opened;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    close() {
      let open = () => {};
      const opened = new Promise<void>((resolve) => (open = resolve));
      closed = { opened, open };
    },
    open() {
      closed?.open();
      closed = null;
    },
  };
}

describe('createLookupCache: stale while revalidate', () => {
  const MAX_AGE = 5 * 60 * 1000;
  const names = (index: LookupIndex, typed: string) => modelChoices(index, typed).map((c) => c.name);

  it('over a slow store: only a cold cache waits; an expired index answers at once while one reload runs, then the new data shows', async () => {
    const inner = await storeWithModels(['Alpha One', 'Beta Two']);
    const gate = gatedStore(inner);
    let now = 0;
    const loads: Promise<LookupIndex>[] = [];
    const cache = createLookupCache(
      () => {
        const load = loadMarketWeek(gate.store, { countries: DEFAULT_COUNTRY_MAP }).then(lookupIndexFor);
        loads.push(load);
        return load;
      },
      { maxAgeMs: MAX_AGE, logger: quietLogger, now: () => now },
    );

    gate.close();
    const cold = cache.get();
    expect(await settledNow(cold)).toBe('pending');
    gate.open();
    const first = await cold;
    expect(names(first, 'alpha')).toEqual(['Alpha One (deepseek/model-0)']);
    expect(names(first, 'quokka')).toEqual([]);

    // New data arrives: the week's catalog now lists a third model.
    const listed = (await inner.catalogAsOf('2026-03-08'))?.models ?? [];
    const quokka = { id: 'openai/quokka', canonicalSlug: 'openai/quokka', name: 'Quokka Three', created: null, contextLength: null, huggingFaceId: null, price: { input: 1, output: 2, cacheRead: null } };
    await inner.saveCatalog({ fetchedOn: '2026-03-08', models: [...listed, quokka] });

    gate.close();
    now = MAX_AGE;
    expect(await settledNow(cache.get())).toBe(first);
    expect(await settledNow(cache.get())).toBe(first);
    expect(loads).toHaveLength(2);
    expect(await settledNow(loads[1] ?? Promise.reject(new Error('no reload')))).toBe('pending');

    gate.open();
    await loads[1];
    await flush();
    const refreshed = await cache.get();
    expect(names(refreshed, 'quokka')).toEqual(['Quokka Three (openai/quokka)']);
    expect(loads).toHaveLength(2);
    await inner.close();
  });

  it('a failed reload keeps the old index, is logged, and is retried only after another maxAgeMs', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn', base: null }, { write: (line: string) => void lines.push(line) });
    const [first, second] = [buildLookupIndex([]), buildLookupIndex([])];
    let now = 0;
    let loads = 0;
    let failing = false;
    const cache = createLookupCache(
      async () => {
        loads += 1;
        if (failing) throw new Error('SQLITE_BUSY: database is locked');
        return loads === 1 ? first : second;
      },
      { maxAgeMs: 1000, logger, now: () => now },
    );
    expect(await cache.get()).toBe(first);

    failing = true;
    now = 1000;
    expect(await cache.get()).toBe(first);
    await flush();
    expect(loads).toBe(2);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 40, err: 'SQLITE_BUSY: database is locked', msg: expect.stringContaining('reload failed') });

    now = 1999;
    expect(await cache.get()).toBe(first);
    expect(loads).toBe(2);

    failing = false;
    now = 2000;
    expect(await cache.get()).toBe(first);
    expect(loads).toBe(3);
    await flush();
    expect(await cache.get()).toBe(second);
  });
});
