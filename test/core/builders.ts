import type { CatalogModel, ModelPrice, UsageRow } from '../../src/core/types.js';

// Small hand-built data modelled on real OpenRouter entries (ids, canonical slugs and names as
// listed in early 2026; prices rounded). Built here rather than copied so tests need no fixtures.

export function catalogModel(id: string, canonicalSlug: string, name: string, price: Partial<ModelPrice> = {}): CatalogModel {
  return {
    id,
    canonicalSlug,
    name,
    created: null,
    contextLength: null,
    huggingFaceId: null,
    price: { input: null, output: null, cacheRead: null, ...price },
  };
}

export const MINIMAX = catalogModel('minimax/minimax-m2.5', 'minimax/minimax-m2.5-20260211', 'MiniMax: MiniMax M2.5', {
  input: 0.3,
  output: 1.1,
  cacheRead: 0.03,
});
export const MINIMAX_FREE = catalogModel('minimax/minimax-m2.5:free', 'minimax/minimax-m2.5-20260211', 'MiniMax: MiniMax M2.5 (free)', {
  input: 0,
  output: 0,
});
export const KIMI = catalogModel('moonshotai/kimi-k2.5', 'moonshotai/kimi-k2.5-0127', 'MoonshotAI: Kimi K2.5', { input: 0.45, output: 2.2 });
export const GLM = catalogModel('z-ai/glm-5', 'z-ai/glm-5-20260211', 'Z.ai: GLM 5', { input: 0.3, output: 2.55 });
export const DEEPSEEK = catalogModel('deepseek/deepseek-v3.2', 'deepseek/deepseek-v3.2-20251201', 'DeepSeek: DeepSeek V3.2', {
  input: 0.25,
  output: 0.4,
});
export const OPUS = catalogModel('anthropic/claude-opus-4.6', 'anthropic/claude-4.6-opus-20260205', 'Anthropic: Claude Opus 4.6', {
  input: 5,
  output: 25,
});
export const SONNET = catalogModel('anthropic/claude-sonnet-4.5', 'anthropic/claude-4.5-sonnet-20250929', 'Anthropic: Claude Sonnet 4.5', {
  input: 3,
  output: 15,
});
export const VENICE = catalogModel(
  'cognitivecomputations/dolphin-mistral-24b-venice-edition:free',
  'venice/uncensored',
  'Venice: Uncensored (free)',
  { input: 0, output: 0 },
);
export const GPT_OSS = catalogModel('openai/gpt-oss-120b', 'openai/gpt-oss-120b', 'OpenAI: gpt-oss-120b', { input: 0.039, output: 0.19 });
export const GPT_OSS_FREE = catalogModel('openai/gpt-oss-120b:free', 'openai/gpt-oss-120b', 'OpenAI: gpt-oss-120b (free)', {
  input: 0,
  output: 0,
});
export const ROUTER = catalogModel('openrouter/auto', 'openrouter/auto', 'Auto Router', { input: null, output: null });

export const CATALOG: CatalogModel[] = [MINIMAX, MINIMAX_FREE, KIMI, GLM, DEEPSEEK, OPUS, SONNET, VENICE, GPT_OSS, GPT_OSS_FREE, ROUTER];

export function usageRow(date: string, permaslug: string, tokens: number, asOf = '2026-02-16T02:00:00Z'): UsageRow {
  return { date, permaslug, tokens, asOf };
}
