import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COUNTRY_MAP,
  buildCatalogIndex,
  countryOfModel,
  displayName,
  mergeCountryMap,
  resolveIdentity,
  shortName,
} from '../../src/core/identity.js';
import { OTHER, UNATTRIBUTED } from '../../src/core/types.js';
import { CATALOG, GPT_OSS, GPT_OSS_FREE, MINIMAX, MINIMAX_FREE, VENICE, catalogModel } from './builders.js';

const index = buildCatalogIndex([
  ...CATALOG,
  // Listed under a newer canonical slug than the dated permaslug usage still reports.
  catalogModel('z-ai/glm-4.6', 'z-ai/glm-4.6', 'Z.ai: GLM 4.6'),
  catalogModel('z-ai/glm-4.6:exacto', 'z-ai/glm-4.6', 'Z.ai: GLM 4.6 (exacto)'),
  catalogModel('qwen/qwen3-4b', 'qwen/qwen3-4b-v2', 'Qwen: Qwen3 4B'),
  catalogModel('openai/gpt-4o', 'openai/gpt-4o', 'OpenAI: GPT-4o'),
  catalogModel('qwen/qwen3-next-80b-a3b-instruct', 'qwen/qwen3-next', 'Qwen: Qwen3 Next 80B A3B Instruct'),
]);
const resolve = (permaslug: string, countries = DEFAULT_COUNTRY_MAP) => resolveIdentity(permaslug, index, countries);

describe('DEFAULT_COUNTRY_MAP', () => {
  it('attributes labs to their home country, per the design doc', () => {
    const expected: Record<string, string> = {
      deepseek: 'CN',
      qwen: 'CN',
      moonshotai: 'CN',
      minimax: 'CN',
      'z-ai': 'CN',
      '01-ai': 'CN',
      openbmb: 'CN',
      openai: 'US',
      anthropic: 'US',
      google: 'US',
      'x-ai': 'US',
      'meta-llama': 'US',
      meta: 'US',
      thinkingmachines: 'US',
      mistralai: 'FR',
      cohere: 'CA',
      ai21: 'IL',
      'aion-labs': 'IL',
      upstage: 'KR',
      sakana: 'JP',
      tiiuae: 'AE',
      tngtech: 'DE',
    };
    for (const [lab, country] of Object.entries(expected)) expect(DEFAULT_COUNTRY_MAP[lab], lab).toBe(country);
    expect(Object.keys(DEFAULT_COUNTRY_MAP)).toHaveLength(50);
    expect(Object.values(DEFAULT_COUNTRY_MAP).every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
  });

  it('leaves stealth, routers and community fine-tuners out (unattributed, never guessed)', () => {
    for (const lab of ['stealth', 'openrouter', 'sao10k', 'thedrummer', 'cognitivecomputations', 'venice']) {
      expect(Object.hasOwn(DEFAULT_COUNTRY_MAP, lab), lab).toBe(false);
    }
  });
});

describe('mergeCountryMap', () => {
  it('lays the override over the base without touching either', () => {
    const base = { minimax: 'CN', openai: 'US' };
    const merged = mergeCountryMap(base, { openai: 'CA', stealth: 'unattributed', 'stealth/space-bunny-alpha': 'CN' });
    expect(merged).toEqual({ minimax: 'CN', openai: 'CA', stealth: 'unattributed', 'stealth/space-bunny-alpha': 'CN' });
    expect(base).toEqual({ minimax: 'CN', openai: 'US' });
    expect(Object.isFrozen(merged)).toBe(true);
  });

  it('normalises hand-typed keys and codes so they match slugs and existing blocs', () => {
    expect(mergeCountryMap({}, { ' Stealth/Space-Bunny-Alpha ': 'cn', Venice: 'Unattributed' })).toEqual({
      'stealth/space-bunny-alpha': 'CN',
      venice: UNATTRIBUTED,
    });
  });
});

describe('resolveIdentity: the join rule', () => {
  it('joins a permaslug to the model whose canonical slug it is', () => {
    expect(resolve('minimax/minimax-m2.5-20260211')).toEqual({
      key: 'minimax/minimax-m2.5',
      modelId: 'minimax/minimax-m2.5',
      name: 'MiniMax: MiniMax M2.5',
      country: 'CN',
      kind: 'model',
    });
    expect(resolve('moonshotai/kimi-k2.5-0127').key).toBe('moonshotai/kimi-k2.5');
    expect(resolve('z-ai/glm-5-20260211').key).toBe('z-ai/glm-5');
    expect(resolve('deepseek/deepseek-v3.2-20251201').key).toBe('deepseek/deepseek-v3.2');
    expect(resolve('anthropic/claude-4.6-opus-20260205')).toMatchObject({ key: 'anthropic/claude-opus-4.6', country: 'US' });
  });

  it('picks the :variant sibling for a variant permaslug, and the plain id without one', () => {
    expect(resolve('minimax/minimax-m2.5-20260211:free')).toMatchObject({ key: MINIMAX_FREE.id, name: MINIMAX_FREE.name });
    expect(resolve('minimax/minimax-m2.5-20260211').key).toBe(MINIMAX.id);
    expect(resolve('openai/gpt-oss-120b:free').key).toBe(GPT_OSS_FREE.id);
    expect(resolve('openai/gpt-oss-120b').key).toBe(GPT_OSS.id);
  });

  it('joins the venice case, whose canonical slug names another author than its id', () => {
    const identity = resolve('venice/uncensored:free');
    expect(identity).toMatchObject({ key: VENICE.id, modelId: VENICE.id, name: 'Venice: Uncensored (free)' });
    // The lab is the id's (cognitivecomputations, a community fine-tuner), not the slug's.
    expect(identity.country).toBe(UNATTRIBUTED);
    expect(resolve('venice/uncensored:free', mergeCountryMap(DEFAULT_COUNTRY_MAP, { cognitivecomputations: 'US' })).country).toBe('US');
    expect(resolve('venice/uncensored:free', mergeCountryMap(DEFAULT_COUNTRY_MAP, { venice: 'FR' })).country).toBe(UNATTRIBUTED);
  });

  it.each([
    ['z-ai/glm-4.6-20250930', 'z-ai/glm-4.6'],
    ['z-ai/glm-4.6-0930', 'z-ai/glm-4.6'],
    ['qwen/qwen3-4b-04-28', 'qwen/qwen3-4b'],
    ['openai/gpt-4o-2024-05-13', 'openai/gpt-4o'],
    ['qwen/qwen3-next-80b-a3b-instruct-2509', 'qwen/qwen3-next-80b-a3b-instruct'],
    ['z-ai/glm-4.6-20250930:exacto', 'z-ai/glm-4.6:exacto'],
  ])('falls back to the id with the date suffix stripped: %s → %s', (permaslug, id) => {
    expect(resolve(permaslug)).toMatchObject({ key: id, modelId: id });
  });

  it('does not join a variant to its plain sibling, nor a plain slug to a variant', () => {
    expect(resolve('moonshotai/kimi-k2.5-0127:thinking')).toMatchObject({
      key: 'moonshotai/kimi-k2.5-0127:thinking',
      modelId: null,
      name: 'Moonshotai: Kimi K2.5 (thinking)',
      country: 'CN',
    });
    expect(resolve('venice/uncensored')).toMatchObject({ key: 'venice/uncensored', modelId: null, country: UNATTRIBUTED });
  });

  it('keeps an unjoined permaslug as the identity with a readable name', () => {
    expect(resolve('stealth/space-bunny-alpha')).toEqual({
      key: 'stealth/space-bunny-alpha',
      modelId: null,
      name: 'Space Bunny Alpha (stealth)',
      country: UNATTRIBUTED,
      kind: 'model',
    });
    expect(resolve('z-ai/glm-5.3-flash-20260826')).toMatchObject({ key: 'z-ai/glm-5.3-flash-20260826', name: 'Z-ai: Glm 5.3 Flash', country: 'CN' });
    expect(resolve('deepseek/deepseek-v4.1-flash-20260910:free').name).toBe('Deepseek: Deepseek V4.1 Flash (free)');
    expect(resolve('sao10k/l3_euryale-70b')).toMatchObject({ name: 'Sao10k: L3 Euryale 70b', country: UNATTRIBUTED });
    expect(resolve('mystery-model').name).toBe('Mystery Model');
  });

  it('returns the long tail as its own, never-ranked identity', () => {
    expect(resolve('other')).toEqual({ key: 'other', kind: 'other', country: OTHER, name: 'Other (long tail)', modelId: null });
  });

  it('joins nothing against an empty catalog, but still attributes by lab', () => {
    expect(resolveIdentity('minimax/minimax-m2.5-20260211', buildCatalogIndex([]), DEFAULT_COUNTRY_MAP)).toMatchObject({
      key: 'minimax/minimax-m2.5-20260211',
      modelId: null,
      name: 'Minimax: Minimax M2.5',
      country: 'CN',
    });
  });
});

describe('resolveIdentity: country overrides', () => {
  it('attributes a revealed stealth model by its full permaslug, which beats its lab', () => {
    const countries = mergeCountryMap(DEFAULT_COUNTRY_MAP, { stealth: 'US', 'stealth/space-bunny-alpha': 'CN' });
    expect(resolve('stealth/space-bunny-alpha', countries).country).toBe('CN');
    expect(resolve('stealth/space-bunny-alpha:free', countries).country).toBe('CN');
    expect(resolve('stealth/other-model', countries).country).toBe('US');
  });

  it('overrides a joined model by its id (variants included) or its permaslug', () => {
    const byId = mergeCountryMap(DEFAULT_COUNTRY_MAP, { 'minimax/minimax-m2.5': 'SG' });
    expect(resolve('minimax/minimax-m2.5-20260211', byId).country).toBe('SG');
    expect(resolve('minimax/minimax-m2.5-20260211:free', byId).country).toBe('SG');
    expect(resolve('moonshotai/kimi-k2.5-0127', byId).country).toBe('CN');
    const bySlug = mergeCountryMap(DEFAULT_COUNTRY_MAP, { 'minimax/minimax-m2.5-20260211': 'SG' });
    expect(resolve('minimax/minimax-m2.5-20260211', bySlug).country).toBe('SG');
  });

  it('can take a lab out of attribution', () => {
    expect(resolve('z-ai/glm-5-20260211', mergeCountryMap(DEFAULT_COUNTRY_MAP, { 'z-ai': 'unattributed' })).country).toBe(UNATTRIBUTED);
  });

  it('ignores inherited object keys', () => {
    expect(resolve('constructor/model').country).toBe(UNATTRIBUTED);
    expect(resolve('toString/x').country).toBe(UNATTRIBUTED);
  });
});

describe('countryOfModel', () => {
  it('attributes a model id by its own override, else its lab', () => {
    expect(countryOfModel('minimax/minimax-m2.5:free', DEFAULT_COUNTRY_MAP)).toBe('CN');
    expect(countryOfModel('stealth/space-bunny-alpha', DEFAULT_COUNTRY_MAP)).toBe(UNATTRIBUTED);
    expect(countryOfModel('stealth/space-bunny-alpha', { 'stealth/space-bunny-alpha': 'CN' })).toBe('CN');
    expect(countryOfModel('no-slash', DEFAULT_COUNTRY_MAP)).toBe(UNATTRIBUTED);
  });
});

describe('shortName and displayName', () => {
  it.each([
    ['MiniMax: MiniMax M2.5', 'MiniMax M2.5'],
    ['Anthropic: Claude Opus 4.6', 'Claude Opus 4.6'],
    ['Z.ai: GLM 5', 'GLM 5'],
    ['Arcee AI: Trinity Large Preview (free)', 'Trinity Large Preview (free)'],
    ['Space Bunny Alpha (stealth)', 'Space Bunny Alpha (stealth)'],
    ['Auto Router', 'Auto Router'],
    ['Odd: ', 'Odd: '],
    ['Ratio 1:2', 'Ratio 1:2'],
  ])('%j → %j', (name, short) => {
    expect(shortName(name)).toBe(short);
  });

  it('shows an identity by its short name', () => {
    expect(displayName(resolve('minimax/minimax-m2.5-20260211'))).toBe('MiniMax M2.5');
    expect(displayName(resolve('stealth/space-bunny-alpha'))).toBe('Space Bunny Alpha (stealth)');
  });
});
