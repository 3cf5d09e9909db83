import { describe, expect, it } from 'vitest';
import { modelChoices } from '../../../src/adapters/discord/autocomplete.js';
import { buildLookupIndex } from '../../../src/core/lookup.js';

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
