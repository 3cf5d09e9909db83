import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLookupIndex, lookupModel, normaliseWords, suggestModels, type LookupEntry } from '../../src/core/lookup.js';

// The real 344-model catalog of 2026-02-27, with a hand-made week of usage on top.
const catalog = JSON.parse(
  readFileSync(new URL('../fixtures/openrouter/2026-02-27_api-v1-models_full-response.json', import.meta.url), 'utf8'),
) as { data: Array<{ id: string; name: string; canonical_slug: string }> };

const usage: Record<string, number> = {
  'minimax/minimax-m2.5': 1.9e12,
  'moonshotai/kimi-k2.5': 1.05e12,
  'z-ai/glm-5': 0.8e12,
  'deepseek/deepseek-v3.2': 0.6e12,
  'anthropic/claude-opus-4.6': 0.5e12,
  'anthropic/claude-sonnet-4.5': 0.45e12,
  'google/gemini-3-flash-preview': 0.4e12,
  'anthropic/claude-opus-4.5': 0.2e12,
  'moonshotai/kimi-k2-thinking': 0.1e12,
};

const entries: LookupEntry[] = catalog.data.map((m) => ({
  id: m.id,
  name: m.name,
  canonicalSlug: m.canonical_slug,
  tokens: usage[m.id] ?? 0,
}));
const index = buildLookupIndex(entries);
const idOf = (query: string) => lookupModel(index, query).match?.id ?? null;

const entry = (id: string, name: string, tokens = 0, canonicalSlug: string | null = null): LookupEntry => ({ id, name, canonicalSlug, tokens });

describe('normaliseWords', () => {
  it('treats separators, case and letter/digit boundaries alike', () => {
    expect(normaliseWords('GLM-5')).toEqual(['glm', '5']);
    expect(normaliseWords('glm 5')).toEqual(['glm', '5']);
    expect(normaliseWords('GLM5')).toEqual(['glm', '5']);
    expect(normaliseWords('MiniMax: MiniMax M2.5')).toEqual(['minimax', 'minimax', 'm', '2.5']);
    expect(normaliseWords('Z.ai: GLM 4.7 (free)')).toEqual(['z', 'ai', 'glm', '4.7', 'free']);
    expect(normaliseWords('Command R+')).toEqual(['command', 'r', 'plus']);
  });
});

describe('lookupModel on the real catalog', () => {
  it('the catalog fixture is the full 344-model response', () => {
    expect(entries).toHaveLength(344);
  });

  it('every model is found by its full name, its name without the vendor, and its id', () => {
    const misses = entries.flatMap((e) =>
      [e.name, e.name.replace(/^[^:]*:\s*/, ''), e.id].filter((query) => idOf(query) !== e.id).map((query) => `${query} → ${idOf(query)}`),
    );
    expect(misses).toEqual([]);
  });

  it('stage 1: exact id, case-insensitive, with or without a variant, and exact canonical slug', () => {
    expect(idOf('moonshotai/kimi-k2.5')).toBe('moonshotai/kimi-k2.5');
    expect(idOf('  MINIMAX/MINIMAX-M2.5 ')).toBe('minimax/minimax-m2.5');
    // No :free listing of M2.5 that day: the base model answers.
    expect(idOf('minimax/minimax-m2.5:free')).toBe('minimax/minimax-m2.5');
    expect(idOf('minimax/minimax-m2.5-20260211')).toBe('minimax/minimax-m2.5');
    expect(idOf('anthropic/claude-4.6-opus-20260205')).toBe('anthropic/claude-opus-4.6');
    // Only a variant is listed: the base id finds it.
    expect(idOf('upstage/solar-pro-3')).toBe('upstage/solar-pro-3:free');
    expect(idOf('gpt-4o')).toBe('openai/gpt-4o');
  });

  it('stage 1: a canonical slug shared by a base model and its variants picks the base', () => {
    expect(idOf('z-ai/glm-4.6')).toBe('z-ai/glm-4.6');
    expect(lookupModel(index, 'z-ai/glm-4.6').alternatives.map((e) => e.id)).toEqual(['z-ai/glm-4.6:exacto']);
    expect(idOf('anthropic/claude-3-7-sonnet-20250219')).toBe('anthropic/claude-3.7-sonnet');
  });

  it('stage 2: a family word lists every model of the family, most used first', () => {
    const kimi = lookupModel(index, 'kimi');
    expect(kimi.match?.id).toBe('moonshotai/kimi-k2.5');
    expect(kimi.alternatives.map((e) => e.id)).toEqual(
      expect.arrayContaining(['moonshotai/kimi-k2-thinking', 'moonshotai/kimi-k2', 'moonshotai/kimi-k2-0905']),
    );
    expect(kimi.alternatives[0]?.id).toBe('moonshotai/kimi-k2-thinking');
    expect(idOf('opus')).toBe('anthropic/claude-opus-4.6');
    expect(idOf('sonnet')).toBe('anthropic/claude-sonnet-4.5');
    expect(idOf('claude')).toBe('anthropic/claude-opus-4.6');
  });

  it('stage 2: versions and separators are normalised', () => {
    expect(idOf('m2.5')).toBe('minimax/minimax-m2.5');
    expect(idOf('glm 5')).toBe('z-ai/glm-5');
    expect(idOf('glm-5')).toBe('z-ai/glm-5');
    expect(idOf('GLM5')).toBe('z-ai/glm-5');
    expect(idOf('kimi k2.5')).toBe('moonshotai/kimi-k2.5');
    expect(idOf('sonnet 4.5')).toBe('anthropic/claude-sonnet-4.5');
    expect(idOf('deepseek v3.2')).toBe('deepseek/deepseek-v3.2');
  });

  it('stage 2: a query equal to a whole name beats a more used model that merely contains it', () => {
    expect(idOf('kimi k2')).toBe('moonshotai/kimi-k2');
    expect(idOf('gpt 4o')).toBe('openai/gpt-4o');
  });

  it('stage 3: typos and glued words still find the model', () => {
    expect(idOf('kimmi')).toBe('moonshotai/kimi-k2.5');
    expect(idOf('deepsek v3.2')).toBe('deepseek/deepseek-v3.2');
    expect(idOf('sonet 4.5')).toBe('anthropic/claude-sonnet-4.5');
    expect(idOf('gemni flash')).toBe('google/gemini-3-flash-preview');
    expect(idOf('claud opus')).toBe('anthropic/claude-opus-4.6');
    expect(idOf('deepseekv32')).toBe('deepseek/deepseek-v3.2');
    expect(idOf('kimik25')).toBe('moonshotai/kimi-k2.5');
  });

  it('an unknown query has no match and no garbage', () => {
    for (const query of ['xyz', 'qqqqq', 'hello', 'foo bar', 'abc', '', '   ', '!!!', 'opus 4.9']) {
      expect(lookupModel(index, query).match, query).toBeNull();
    }
    expect(lookupModel(index, 'xyz').alternatives).toEqual([]);
    expect(lookupModel(index, 'qqqqq').alternatives).toEqual([]);
  });

  it('a weak resemblance comes back as suggestions, not as a match', () => {
    const result = lookupModel(index, 'dsv3');
    expect(result.match).toBeNull();
    expect(result.alternatives.map((e) => e.id)).toContain('deepseek/deepseek-v3.2');
  });

  it('alternatives never include the match and respect the limit', () => {
    for (const limit of [0, 1, 3]) {
      const result = lookupModel(index, 'claude', limit);
      expect(result.alternatives).toHaveLength(limit);
      expect(result.alternatives.map((e) => e.id)).not.toContain(result.match?.id);
    }
    expect(lookupModel(index, 'claude').alternatives).toHaveLength(5);
  });

  it('survives hostile input', () => {
    expect(lookupModel(index, 'x'.repeat(5000)).match).toBeNull();
    expect(lookupModel(index, '\u0000\u001b[2J<!channel>').match).toBeNull();
    expect(idOf('Kimí')).toBe('moonshotai/kimi-k2.5');
  });
});

describe('tie-breaks', () => {
  it('equally good hits go to the most used, then the shorter id, then the id', () => {
    const small = buildLookupIndex([
      entry('lab/alpha-large', 'Lab: Alpha Large', 5),
      entry('lab/alpha-pro', 'Lab: Alpha Pro', 9),
      entry('lab/alpha-b', 'Lab: Alpha B', 0),
      entry('lab/alpha-a', 'Lab: Alpha A', 0),
      entry('lab/alpha-mini', 'Lab: Alpha Mini', 0),
    ]);
    const result = lookupModel(small, 'alpha');
    expect([result.match?.id, ...result.alternatives.map((e) => e.id)]).toEqual([
      'lab/alpha-pro',
      'lab/alpha-large',
      'lab/alpha-a',
      'lab/alpha-b',
      'lab/alpha-mini',
    ]);
  });

  it('a base model beats its :free and :thinking variants, even a more used one', () => {
    const small = buildLookupIndex([
      entry('lab/beta:free', 'Lab: Beta (free)', 100, 'lab/beta-2026'),
      entry('lab/beta:thinking', 'Lab: Beta (thinking)', 50, 'lab/beta-2026'),
      entry('lab/beta', 'Lab: Beta', 1, 'lab/beta-2026'),
    ]);
    expect(lookupModel(small, 'beta').match?.id).toBe('lab/beta');
    expect(lookupModel(small, 'lab/beta-2026').match?.id).toBe('lab/beta');
    expect(lookupModel(small, 'beta free').match?.id).toBe('lab/beta:free');
    expect(lookupModel(small, 'lab/beta:thinking').match?.id).toBe('lab/beta:thinking');
  });

  it('works on an empty catalog and on models without a canonical slug', () => {
    const empty = buildLookupIndex([]);
    expect(lookupModel(empty, 'kimi')).toEqual({ match: null, alternatives: [] });
    expect(suggestModels(empty, '')).toEqual([]);
    const stealth = buildLookupIndex([entry('stealth/sonoma-sky', 'Sonoma Sky', 3e11)]);
    expect(lookupModel(stealth, 'sonoma').match?.id).toBe('stealth/sonoma-sky');
  });
});

describe('suggestModels', () => {
  it('an empty query lists the most used models', () => {
    expect(suggestModels(index, '', 3).map((e) => e.id)).toEqual([
      'minimax/minimax-m2.5',
      'moonshotai/kimi-k2.5',
      'z-ai/glm-5',
    ]);
    expect(suggestModels(index, '')).toHaveLength(25);
  });

  it('a prefix being typed already suggests its family, best first, at most n', () => {
    const kim = suggestModels(index, 'kim', 5).map((e) => e.id);
    expect(kim[0]).toBe('moonshotai/kimi-k2.5');
    expect(kim).toHaveLength(5);
    expect(new Set(kim).size).toBe(5);
    expect(suggestModels(index, 'claude').length).toBeLessThanOrEqual(25);
    expect(suggestModels(index, 'cl')[0]?.id).toBe('anthropic/claude-opus-4.6');
  });

  it('an exact id comes first and is followed by related models', () => {
    const suggestions = suggestModels(index, 'glm-5', 5).map((e) => e.id);
    expect(suggestions[0]).toBe('z-ai/glm-5');
    expect(suggestions.length).toBeGreaterThan(1);
  });

  it('garbage suggests nothing', () => {
    expect(suggestModels(index, 'qqqqq')).toEqual([]);
  });
});
