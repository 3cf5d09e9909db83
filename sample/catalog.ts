import type { Day } from './calendar.js';

// The models the sample's `/models` snapshots list. Ids, canonical slugs, names, creation times,
// context lengths, architectures and list prices are facts from OpenRouter's public listing in early
// 2026 (see README.md); the one-line descriptions are ours, and the price changes are placed on the
// days the sample's story needs them.

/** OpenRouter per-token prices in USD, as the decimal strings the API sends. */
export interface Price {
  prompt: string;
  completion: string;
  cacheRead?: string;
}

export interface CatalogFact {
  id: string;
  /** `canonical_slug`: what rankings rows name (plus `:variant`), not the id. */
  slug: string;
  name: string;
  /** Unix seconds. A snapshot lists the model once it was fetched after this. */
  created: number;
  context: number;
  /** `architecture.modality`, e.g. `text+image->text`; the input/output lists derive from it. */
  modality: string;
  tokenizer: string;
  instructType?: string;
  maxCompletion: number | null;
  moderated: boolean;
  /** Empty for closed weights, as the API sends it. */
  hf: string;
  about: string;
  /** Price when first listed. */
  price: Price;
  /** Snapshots fetched on or after `on` list `price`. */
  priceChanges?: readonly { on: Day; price: Price }[];
  /** Routers have no single upstream provider, so `top_provider.context_length` is null. */
  router?: boolean;
}

const p = (prompt: string, completion: string, cacheRead?: string): Price =>
  cacheRead === undefined ? { prompt, completion } : { prompt, completion, cacheRead };

export const CATALOG: readonly CatalogFact[] = [
  {
    id: 'minimax/minimax-m2.5', slug: 'minimax/minimax-m2.5-20260211', name: 'MiniMax: MiniMax M2.5', created: 1770908502,
    context: 196608, modality: 'text->text', tokenizer: 'Other', maxCompletion: 196608, moderated: false, hf: 'MiniMaxAI/MiniMax-M2.5',
    about: "MiniMax's agent-focused MoE model, tuned for long coding and tool-use sessions.",
    price: p('0.0000003', '0.0000011', '0.00000003'),
  },
  {
    id: 'moonshotai/kimi-k2.5', slug: 'moonshotai/kimi-k2.5-0127', name: 'MoonshotAI: Kimi K2.5', created: 1769487076,
    context: 262144, modality: 'text+image->text', tokenizer: 'Other', maxCompletion: 65535, moderated: false, hf: 'moonshotai/Kimi-K2.5',
    about: "Moonshot's multimodal MoE flagship with a thinking mode, aimed at agentic coding.",
    price: p('0.00000045', '0.0000022', '0.000000225'),
  },
  {
    id: 'z-ai/glm-5', slug: 'z-ai/glm-5-20260211', name: 'Z.ai: GLM 5', created: 1770829182,
    context: 204800, modality: 'text->text', tokenizer: 'Other', maxCompletion: 131072, moderated: false, hf: 'zai-org/GLM-5',
    about: "Zhipu's fifth-generation GLM flagship for reasoning, coding and agent workflows.",
    // Launched at $0.30 input; Zhipu raised it once demand outran its capacity.
    price: p('0.0000003', '0.00000255', '0.00000006'),
    priceChanges: [{ on: '2026-02-25', price: p('0.00000095', '0.00000255', '0.0000002') }],
  },
  {
    id: 'deepseek/deepseek-v3.2', slug: 'deepseek/deepseek-v3.2-20251201', name: 'DeepSeek: DeepSeek V3.2', created: 1764594642,
    context: 163840, modality: 'text->text', tokenizer: 'DeepSeek', maxCompletion: 163840, moderated: false, hf: 'deepseek-ai/DeepSeek-V3.2',
    about: "DeepSeek's sparse-attention V3.2 model: long context at a low price.",
    price: p('0.00000025', '0.0000004'),
  },
  {
    id: 'minimax/minimax-m2.1', slug: 'minimax/minimax-m2.1', name: 'MiniMax: MiniMax M2.1', created: 1766454997,
    context: 196608, modality: 'text->text', tokenizer: 'Other', maxCompletion: null, moderated: false, hf: 'MiniMaxAI/MiniMax-M2.1',
    about: 'Previous MiniMax agent model, succeeded by M2.5.',
    // The float noise in the cache price is how the API really sends it.
    price: p('0.0000003', '0.0000012', '0.00000003'),
    priceChanges: [{ on: '2026-01-14', price: p('0.00000027', '0.00000095', '0.0000000299999997') }],
  },
  {
    id: 'z-ai/glm-4.7', slug: 'z-ai/glm-4.7-20251222', name: 'Z.ai: GLM 4.7', created: 1766378014,
    context: 202752, modality: 'text->text', tokenizer: 'Other', maxCompletion: null, moderated: false, hf: 'zai-org/GLM-4.7',
    about: 'Zhipu GLM 4.7, the general model before GLM-5.',
    price: p('0.0000003', '0.0000014', '0.00000015'),
  },
  {
    id: 'z-ai/glm-4.7-flash', slug: 'z-ai/glm-4.7-flash-20260119', name: 'Z.ai: GLM 4.7 Flash', created: 1768833913,
    context: 202752, modality: 'text->text', tokenizer: 'Other', maxCompletion: null, moderated: false, hf: 'zai-org/GLM-4.7-Flash',
    about: 'Small, fast GLM 4.7 variant for high-volume calls.',
    price: p('0.00000006', '0.0000004', '0.0000000100000002'),
  },
  {
    id: 'moonshotai/kimi-k2-thinking', slug: 'moonshotai/kimi-k2-thinking-20251106', name: 'MoonshotAI: Kimi K2 Thinking', created: 1762440622,
    context: 131072, modality: 'text->text', tokenizer: 'Other', maxCompletion: null, moderated: false, hf: 'moonshotai/Kimi-K2-Thinking',
    about: 'Reasoning variant of Kimi K2 that interleaves thinking and tool calls.',
    price: p('0.00000047', '0.000002', '0.000000141'),
  },
  {
    id: 'qwen/qwen3-coder', slug: 'qwen/qwen3-coder-480b-a35b-07-25', name: 'Qwen: Qwen3 Coder 480B A35B', created: 1753230546,
    context: 262144, modality: 'text->text', tokenizer: 'Qwen3', maxCompletion: null, moderated: false, hf: 'Qwen/Qwen3-Coder-480B-A35B-Instruct',
    about: "Alibaba's 480B MoE coding model for repository-scale agent work.",
    price: p('0.00000022', '0.000001', '0.000000022'),
  },
  {
    id: 'qwen/qwen3-coder:free', slug: 'qwen/qwen3-coder-480b-a35b-07-25', name: 'Qwen: Qwen3 Coder 480B A35B (free)', created: 1753230546,
    context: 262000, modality: 'text->text', tokenizer: 'Qwen3', maxCompletion: 262000, moderated: false, hf: 'Qwen/Qwen3-Coder-480B-A35B-Instruct',
    about: 'Free, rate-limited endpoint of Qwen3 Coder 480B.',
    price: p('0', '0'),
  },
  {
    id: 'qwen/qwen3-235b-a22b-2507', slug: 'qwen/qwen3-235b-a22b-07-25', name: 'Qwen: Qwen3 235B A22B Instruct 2507', created: 1753119555,
    context: 262144, modality: 'text->text', tokenizer: 'Qwen3', maxCompletion: null, moderated: false, hf: 'Qwen/Qwen3-235B-A22B-Instruct-2507',
    about: 'July 2025 refresh of Qwen3 235B, instruct (non-thinking) mode.',
    price: p('0.000000071', '0.0000001'),
  },
  {
    id: 'qwen/qwen3-coder-next', slug: 'qwen/qwen3-coder-next-2025-02-03', name: 'Qwen: Qwen3 Coder Next', created: 1770164101,
    context: 262144, modality: 'text->text', tokenizer: 'Qwen', maxCompletion: 65536, moderated: false, hf: 'Qwen/Qwen3-Coder-Next',
    about: 'Compact Qwen coding model built for fast agent loops.',
    price: p('0.00000012', '0.00000075', '0.00000006'),
  },
  {
    id: 'qwen/qwen3.5-397b-a17b', slug: 'qwen/qwen3.5-397b-a17b-20260216', name: 'Qwen: Qwen3.5 397B A17B', created: 1771223018,
    context: 262144, modality: 'text+image+video->text', tokenizer: 'Qwen3', maxCompletion: 65536, moderated: false, hf: 'Qwen/Qwen3.5-397B-A17B',
    about: 'Open-weight Qwen 3.5 flagship MoE with vision input.',
    price: p('0.00000055', '0.0000035', '0.00000055'),
    priceChanges: [{ on: '2026-03-04', price: p('0.00000039', '0.00000234', '0.000000195') }],
  },
  {
    id: 'qwen/qwen3.5-plus-02-15', slug: 'qwen/qwen3.5-plus-20260216', name: 'Qwen: Qwen3.5 Plus 2026-02-15', created: 1771229416,
    context: 1000000, modality: 'text+image+video->text', tokenizer: 'Qwen3', maxCompletion: 65536, moderated: false, hf: '',
    about: 'Hosted Qwen 3.5 Plus with a 1M-token context window.',
    price: p('0.0000004', '0.0000024'),
  },
  {
    id: 'qwen/qwen3.5-flash-02-23', slug: 'qwen/qwen3.5-flash-20260224', name: 'Qwen: Qwen3.5-Flash', created: 1772053776,
    context: 1000000, modality: 'text+image+video->text', tokenizer: 'Qwen3', maxCompletion: 65536, moderated: false, hf: '',
    about: 'Low-cost hosted Qwen 3.5 tier for bulk workloads.',
    price: p('0.0000001', '0.0000004'),
  },
  {
    id: 'z-ai/glm-4.6', slug: 'z-ai/glm-4.6', name: 'Z.ai: GLM 4.6', created: 1759235576,
    context: 202752, modality: 'text->text', tokenizer: 'Other', maxCompletion: 131072, moderated: false, hf: '',
    about: 'Zhipu GLM 4.6 with a 200K context, now superseded.',
    price: p('0.00000035', '0.00000171'),
  },
  {
    id: 'z-ai/glm-4.5-air:free', slug: 'z-ai/glm-4.5-air', name: 'Z.ai: GLM 4.5 Air (free)', created: 1753471258,
    context: 131072, modality: 'text->text', tokenizer: 'Other', maxCompletion: 96000, moderated: false, hf: 'zai-org/GLM-4.5-Air',
    about: 'Free endpoint of the lightweight GLM 4.5 Air.',
    price: p('0', '0'),
  },
  {
    id: 'z-ai/glm-4.5-air', slug: 'z-ai/glm-4.5-air', name: 'Z.ai: GLM 4.5 Air', created: 1753471258,
    context: 131072, modality: 'text->text', tokenizer: 'Other', maxCompletion: 98304, moderated: false, hf: 'zai-org/GLM-4.5-Air',
    about: 'Lightweight GLM 4.5 MoE model for cheap agent steps.',
    price: p('0.00000013', '0.00000085', '0.000000025'),
  },
  {
    id: 'xiaomi/mimo-v2-flash', slug: 'xiaomi/mimo-v2-flash-20251210', name: 'Xiaomi: MiMo-V2-Flash', created: 1765731308,
    context: 262144, modality: 'text->text', tokenizer: 'Other', maxCompletion: 65536, moderated: false, hf: 'XiaomiMiMo/MiMo-V2-Flash',
    about: "Xiaomi's open MoE model tuned for speed and coding.",
    price: p('0.00000009', '0.00000029', '0.000000045'),
  },
  {
    id: 'stepfun/step-3.5-flash:free', slug: 'stepfun/step-3.5-flash', name: 'StepFun: Step 3.5 Flash (free)', created: 1769728337,
    context: 256000, modality: 'text->text', tokenizer: 'Other', maxCompletion: 256000, moderated: false, hf: 'stepfun-ai/Step-3.5-Flash',
    about: "Free endpoint of StepFun's fast reasoning model.",
    price: p('0', '0'),
  },
  {
    id: 'stepfun/step-3.5-flash', slug: 'stepfun/step-3.5-flash', name: 'StepFun: Step 3.5 Flash', created: 1769728337,
    context: 256000, modality: 'text->text', tokenizer: 'Other', maxCompletion: 256000, moderated: false, hf: 'stepfun-ai/Step-3.5-Flash',
    about: "StepFun's fast open reasoning model with a 256K context.",
    price: p('0.0000001', '0.0000003', '0.00000002'),
  },
  {
    id: 'deepseek/deepseek-v3.1-terminus', slug: 'deepseek/deepseek-v3.1-terminus', name: 'DeepSeek: DeepSeek V3.1 Terminus', created: 1758548275,
    context: 163840, modality: 'text->text', tokenizer: 'DeepSeek', instructType: 'deepseek-v3.1', maxCompletion: null, moderated: false, hf: 'deepseek-ai/DeepSeek-V3.1-Terminus',
    about: 'Final update of DeepSeek V3.1 with steadier agent behaviour.',
    price: p('0.00000021', '0.00000079', '0.0000001300000002'),
  },
  {
    id: 'deepseek/deepseek-chat-v3-0324', slug: 'deepseek/deepseek-chat-v3-0324', name: 'DeepSeek: DeepSeek V3 0324', created: 1742824755,
    context: 163840, modality: 'text->text', tokenizer: 'DeepSeek', maxCompletion: 65536, moderated: false, hf: 'deepseek-ai/DeepSeek-V3-0324',
    about: 'March 2025 DeepSeek V3 checkpoint, still popular for chat.',
    // A move under the default 5% threshold: must not be reported.
    price: p('0.000000195', '0.00000087', '0.000000095'),
    priceChanges: [{ on: '2026-01-20', price: p('0.00000019', '0.00000087', '0.000000095') }],
  },
  {
    id: 'bytedance-seed/seed-1.6-flash', slug: 'bytedance-seed/seed-1.6-flash-20250625', name: 'ByteDance Seed: Seed 1.6 Flash', created: 1766505011,
    context: 262144, modality: 'text+image+video->text', tokenizer: 'Other', maxCompletion: 32768, moderated: false, hf: '',
    about: "ByteDance Seed's low-latency multimodal model.",
    price: p('0.000000075', '0.0000003'),
  },
  {
    id: 'qwen/qwen3-max-thinking', slug: 'qwen/qwen3-max-thinking-20260123', name: 'Qwen: Qwen3 Max Thinking', created: 1770671901,
    context: 262144, modality: 'text->text', tokenizer: 'Qwen', maxCompletion: 32768, moderated: false, hf: '',
    about: "Thinking mode of Alibaba's largest hosted Qwen3 model.",
    price: p('0.0000012', '0.000006'),
  },
  {
    id: 'google/gemini-3-flash-preview', slug: 'google/gemini-3-flash-preview-20251217', name: 'Google: Gemini 3 Flash Preview', created: 1765987078,
    context: 1048576, modality: 'text+image+file+audio+video->text', tokenizer: 'Gemini', maxCompletion: 65535, moderated: false, hf: '',
    about: "Google's fast Gemini 3 tier with a 1M context and adjustable thinking.",
    price: p('0.0000005', '0.000003', '0.00000005'),
  },
  {
    id: 'anthropic/claude-sonnet-4.5', slug: 'anthropic/claude-4.5-sonnet-20250929', name: 'Anthropic: Claude Sonnet 4.5', created: 1759161676,
    context: 1000000, modality: 'text+image+file->text', tokenizer: 'Claude', maxCompletion: 64000, moderated: false, hf: '',
    about: "Anthropic's mid-size model, widely used for coding agents.",
    price: p('0.000003', '0.000015', '0.0000003'),
  },
  {
    id: 'anthropic/claude-opus-4.5', slug: 'anthropic/claude-4.5-opus-20251124', name: 'Anthropic: Claude Opus 4.5', created: 1764010580,
    context: 200000, modality: 'text+image+file->text', tokenizer: 'Claude', maxCompletion: 64000, moderated: true, hf: '',
    about: "Anthropic's previous top model, replaced by Opus 4.6.",
    price: p('0.000005', '0.000025', '0.0000005'),
  },
  {
    id: 'anthropic/claude-opus-4.6', slug: 'anthropic/claude-4.6-opus-20260205', name: 'Anthropic: Claude Opus 4.6', created: 1770219050,
    context: 1000000, modality: 'text+image->text', tokenizer: 'Claude', maxCompletion: 128000, moderated: true, hf: '',
    about: "Anthropic's top model for long agentic tasks, with a 1M context.",
    price: p('0.000005', '0.000025', '0.0000005'),
  },
  {
    id: 'anthropic/claude-sonnet-4.6', slug: 'anthropic/claude-4.6-sonnet-20260217', name: 'Anthropic: Claude Sonnet 4.6', created: 1771342990,
    context: 1000000, modality: 'text+image->text', tokenizer: 'Claude', maxCompletion: 128000, moderated: true, hf: '',
    about: 'Sonnet refresh with Opus-class coding at Sonnet prices.',
    price: p('0.000003', '0.000015', '0.0000003'),
  },
  {
    id: 'anthropic/claude-haiku-4.5', slug: 'anthropic/claude-4.5-haiku-20251001', name: 'Anthropic: Claude Haiku 4.5', created: 1760547638,
    context: 200000, modality: 'text+image->text', tokenizer: 'Claude', maxCompletion: 64000, moderated: true, hf: '',
    about: "Anthropic's small, fast model for sub-agents and high volume.",
    price: p('0.000001', '0.000005', '0.0000001'),
  },
  {
    id: 'anthropic/claude-3.5-sonnet', slug: 'anthropic/claude-3.5-sonnet', name: 'Anthropic: Claude 3.5 Sonnet', created: 1729555200,
    context: 200000, modality: 'text+image+file->text', tokenizer: 'Claude', maxCompletion: 8192, moderated: true, hf: '',
    about: 'Legacy Claude 3.5 Sonnet, kept for existing integrations.',
    price: p('0.000006', '0.00003', '0.0000006'),
  },
  {
    id: 'google/gemini-2.5-flash', slug: 'google/gemini-2.5-flash', name: 'Google: Gemini 2.5 Flash', created: 1750172488,
    context: 1048576, modality: 'text+image+file+audio+video->text', tokenizer: 'Gemini', maxCompletion: 65535, moderated: false, hf: '',
    about: 'Gemini 2.5 workhorse tier for fast, cheap multimodal calls.',
    price: p('0.0000003', '0.0000025', '0.00000003'),
  },
  {
    id: 'google/gemini-2.5-flash-lite', slug: 'google/gemini-2.5-flash-lite', name: 'Google: Gemini 2.5 Flash Lite', created: 1753200276,
    context: 1048576, modality: 'text+image+file+audio+video->text', tokenizer: 'Gemini', maxCompletion: 65535, moderated: false, hf: '',
    about: 'Cheapest Gemini 2.5 tier, for classification and extraction.',
    price: p('0.0000001', '0.0000004', '0.00000001'),
  },
  {
    id: 'google/gemini-2.5-pro', slug: 'google/gemini-2.5-pro', name: 'Google: Gemini 2.5 Pro', created: 1750169544,
    context: 1048576, modality: 'text+image+file+audio+video->text', tokenizer: 'Gemini', maxCompletion: 65536, moderated: false, hf: '',
    about: 'Gemini 2.5 reasoning model with a 1M context.',
    price: p('0.00000125', '0.00001', '0.000000125'),
  },
  {
    id: 'google/gemini-3-pro-preview', slug: 'google/gemini-3-pro-preview-20251117', name: 'Google: Gemini 3 Pro Preview', created: 1763474668,
    context: 1048576, modality: 'text+image+file+audio+video->text', tokenizer: 'Gemini', maxCompletion: 65536, moderated: false, hf: '',
    about: "Preview of Google's Gemini 3 Pro reasoning model.",
    price: p('0.000002', '0.000012', '0.0000002'),
  },
  {
    id: 'google/gemini-3.1-pro-preview', slug: 'google/gemini-3.1-pro-preview-20260219', name: 'Google: Gemini 3.1 Pro Preview', created: 1771509627,
    context: 1048576, modality: 'text+image+file+audio+video->text', tokenizer: 'Gemini', maxCompletion: 65536, moderated: false, hf: '',
    about: 'Gemini 3.1 Pro preview, successor to Gemini 3 Pro.',
    price: p('0.000002', '0.000012', '0.0000002'),
  },
  {
    id: 'google/gemini-3.1-flash-lite-preview', slug: 'google/gemini-3.1-flash-lite-preview-20260303', name: 'Google: Gemini 3.1 Flash Lite Preview', created: 1772512673,
    context: 1048576, modality: 'text+image+file+audio+video->text', tokenizer: 'Gemini', maxCompletion: 65536, moderated: false, hf: '',
    about: 'Preview of the low-cost Gemini 3.1 Flash Lite tier.',
    price: p('0.00000025', '0.0000015', '0.000000025'),
  },
  {
    id: 'openai/gpt-5.2', slug: 'openai/gpt-5.2-20251211', name: 'OpenAI: GPT-5.2', created: 1765389775,
    context: 400000, modality: 'text+image+file->text', tokenizer: 'GPT', maxCompletion: 128000, moderated: true, hf: '',
    about: "OpenAI's GPT-5.2 general model with adaptive reasoning.",
    price: p('0.00000175', '0.000014', '0.000000175'),
  },
  {
    id: 'openai/gpt-5.2-codex', slug: 'openai/gpt-5.2-codex-20260114', name: 'OpenAI: GPT-5.2-Codex', created: 1768409315,
    context: 400000, modality: 'text+image->text', tokenizer: 'GPT', maxCompletion: 128000, moderated: true, hf: '',
    about: 'GPT-5.2 tuned for long-running coding agents.',
    price: p('0.00000175', '0.000014', '0.000000175'),
  },
  {
    id: 'openai/gpt-5.3-codex', slug: 'openai/gpt-5.3-codex-20260224', name: 'OpenAI: GPT-5.3-Codex', created: 1771959164,
    context: 400000, modality: 'text+image->text', tokenizer: 'GPT', maxCompletion: 128000, moderated: true, hf: '',
    about: 'Next Codex model, faster on multi-step software tasks.',
    price: p('0.00000175', '0.000014', '0.000000175'),
  },
  {
    id: 'openai/gpt-5.4', slug: 'openai/gpt-5.4-20260305', name: 'OpenAI: GPT-5.4', created: 1772734352,
    context: 1050000, modality: 'text+image+file->text', tokenizer: 'GPT', maxCompletion: 128000, moderated: false, hf: '',
    about: "OpenAI's GPT-5.4 frontier model with a 1M context.",
    price: p('0.0000025', '0.000015', '0.00000025'),
  },
  {
    id: 'openai/gpt-5-mini', slug: 'openai/gpt-5-mini-2025-08-07', name: 'OpenAI: GPT-5 Mini', created: 1754587407,
    context: 400000, modality: 'text+image+file->text', tokenizer: 'GPT', maxCompletion: 128000, moderated: true, hf: '',
    about: 'Smaller, cheaper GPT-5 for well-defined tasks.',
    price: p('0.00000025', '0.000002', '0.000000025'),
  },
  {
    id: 'openai/gpt-oss-120b', slug: 'openai/gpt-oss-120b', name: 'OpenAI: gpt-oss-120b', created: 1754414231,
    context: 131072, modality: 'text->text', tokenizer: 'GPT', maxCompletion: null, moderated: false, hf: 'openai/gpt-oss-120b',
    about: "OpenAI's open-weight 120B MoE model.",
    price: p('0.000000039', '0.00000019'),
  },
  {
    id: 'openai/gpt-oss-120b:free', slug: 'openai/gpt-oss-120b', name: 'OpenAI: gpt-oss-120b (free)', created: 1754414231,
    context: 131072, modality: 'text->text', tokenizer: 'GPT', maxCompletion: 131072, moderated: true, hf: 'openai/gpt-oss-120b',
    about: 'Free endpoint of gpt-oss-120b.',
    price: p('0', '0'),
  },
  {
    id: 'openai/gpt-4o-mini', slug: 'openai/gpt-4o-mini', name: 'OpenAI: GPT-4o-mini', created: 1721260800,
    context: 128000, modality: 'text+image+file->text', tokenizer: 'GPT', maxCompletion: 16384, moderated: true, hf: '',
    about: 'Older small GPT-4o model, still common in legacy apps.',
    price: p('0.00000015', '0.0000006', '0.000000075'),
  },
  {
    id: 'x-ai/grok-4.1-fast', slug: 'x-ai/grok-4.1-fast', name: 'xAI: Grok 4.1 Fast', created: 1763587502,
    context: 2000000, modality: 'text+image->text', tokenizer: 'Grok', maxCompletion: 30000, moderated: false, hf: '',
    about: "xAI's low-cost Grok tier with a 2M context, built for tool calling.",
    price: p('0.0000002', '0.0000005', '0.00000005'),
  },
  {
    id: 'x-ai/grok-code-fast-1', slug: 'x-ai/grok-code-fast-1', name: 'xAI: Grok Code Fast 1', created: 1756238927,
    context: 256000, modality: 'text->text', tokenizer: 'Grok', maxCompletion: 10000, moderated: false, hf: '',
    about: "xAI's fast, cheap model for agentic coding.",
    price: p('0.0000002', '0.0000015', '0.00000002'),
  },
  {
    id: 'meta-llama/llama-3.3-70b-instruct:free', slug: 'meta-llama/llama-3.3-70b-instruct', name: 'Meta: Llama 3.3 70B Instruct (free)', created: 1733506137,
    context: 128000, modality: 'text->text', tokenizer: 'Llama3', instructType: 'llama3', maxCompletion: 128000, moderated: true, hf: 'meta-llama/Llama-3.3-70B-Instruct',
    about: 'Free endpoint of Llama 3.3 70B Instruct.',
    price: p('0', '0'),
  },
  {
    id: 'meta-llama/llama-3.3-70b-instruct', slug: 'meta-llama/llama-3.3-70b-instruct', name: 'Meta: Llama 3.3 70B Instruct', created: 1733506137,
    context: 131072, modality: 'text->text', tokenizer: 'Llama3', instructType: 'llama3', maxCompletion: 16384, moderated: false, hf: 'meta-llama/Llama-3.3-70B-Instruct',
    about: "Meta's multilingual 70B instruct model.",
    price: p('0.0000001', '0.00000032'),
  },
  {
    id: 'nvidia/nemotron-3-nano-30b-a3b:free', slug: 'nvidia/nemotron-3-nano-30b-a3b', name: 'NVIDIA: Nemotron 3 Nano 30B A3B (free)', created: 1765731275,
    context: 256000, modality: 'text->text', tokenizer: 'Other', maxCompletion: null, moderated: false, hf: 'nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16',
    about: "Free endpoint of NVIDIA's small open hybrid MoE model.",
    price: p('0', '0'),
  },
  {
    id: 'arcee-ai/trinity-large-preview:free', slug: 'arcee-ai/trinity-large-preview', name: 'Arcee AI: Trinity Large Preview (free)', created: 1769552670,
    context: 131000, modality: 'text->text', tokenizer: 'Other', maxCompletion: null, moderated: false, hf: 'arcee-ai/Trinity-Large-Preview',
    about: "Free preview of Arcee's large open MoE model.",
    price: p('0', '0'),
  },
  {
    id: 'mistralai/mistral-nemo', slug: 'mistralai/mistral-nemo', name: 'Mistral: Mistral Nemo', created: 1721347200,
    context: 131072, modality: 'text->text', tokenizer: 'Mistral', instructType: 'mistral', maxCompletion: 16384, moderated: false, hf: 'mistralai/Mistral-Nemo-Instruct-2407',
    about: "Mistral's 12B open model built with NVIDIA, a cheap default.",
    price: p('0.00000002', '0.00000004'),
  },
  {
    id: 'mistralai/devstral-2512', slug: 'mistralai/devstral-2512', name: 'Mistral: Devstral 2 2512', created: 1765285419,
    context: 262144, modality: 'text->text', tokenizer: 'Mistral', maxCompletion: null, moderated: false, hf: 'mistralai/Devstral-2-123B-Instruct-2512',
    about: "Mistral's second-generation Devstral coding model.",
    price: p('0.0000004', '0.000002'),
  },
  {
    id: 'mistralai/mistral-small-3.2-24b-instruct', slug: 'mistralai/mistral-small-3.2-24b-instruct-2506', name: 'Mistral: Mistral Small 3.2 24B', created: 1750443016,
    context: 131072, modality: 'text+image->text', tokenizer: 'Mistral', maxCompletion: 131072, moderated: false, hf: 'mistralai/Mistral-Small-3.2-24B-Instruct-2506',
    about: 'Mistral Small 3.2, a 24B open model with vision input.',
    price: p('0.00000006', '0.00000018', '0.00000003'),
  },
  {
    id: 'mistralai/mistral-large-2512', slug: 'mistralai/mistral-large-2512', name: 'Mistral: Mistral Large 3 2512', created: 1764624472,
    context: 262144, modality: 'text+image->text', tokenizer: 'Mistral', maxCompletion: null, moderated: false, hf: '',
    about: "Mistral Large 3, the company's open-weight MoE flagship.",
    price: p('0.0000005', '0.0000015'),
  },
  {
    id: 'tngtech/deepseek-r1t2-chimera', slug: 'tngtech/deepseek-r1t2-chimera', name: 'TNG: DeepSeek R1T2 Chimera', created: 1751986985,
    context: 163840, modality: 'text->text', tokenizer: 'DeepSeek', maxCompletion: 163840, moderated: false, hf: 'tngtech/DeepSeek-TNG-R1T2-Chimera',
    about: "TNG's merge of DeepSeek R1 and V3 checkpoints for faster reasoning.",
    price: p('0.00000025', '0.00000085', '0.000000125'),
  },
  {
    id: 'upstage/solar-pro-3:free', slug: 'upstage/solar-pro-3', name: 'Upstage: Solar Pro 3 (free)', created: 1769481200,
    context: 128000, modality: 'text->text', tokenizer: 'Other', maxCompletion: null, moderated: false, hf: '',
    about: "Free endpoint of Upstage's Solar Pro 3.",
    price: p('0', '0'),
  },
  {
    id: 'sao10k/l3.3-euryale-70b', slug: 'sao10k/l3.3-euryale-70b-v2.3', name: 'Sao10K: Llama 3.3 Euryale 70B', created: 1734535928,
    context: 131072, modality: 'text->text', tokenizer: 'Llama3', instructType: 'llama3', maxCompletion: 16384, moderated: false, hf: 'Sao10K/L3.3-70B-Euryale-v2.3',
    about: 'Community role-play fine-tune of Llama 3.3 70B.',
    price: p('0.00000065', '0.00000075'),
  },
  {
    id: 'thedrummer/cydonia-24b-v4.1', slug: 'thedrummer/cydonia-24b-v4.1', name: 'TheDrummer: Cydonia 24B V4.1', created: 1758931878,
    context: 131072, modality: 'text->text', tokenizer: 'Other', maxCompletion: 131072, moderated: false, hf: 'thedrummer/cydonia-24b-v4.1',
    about: 'Community creative-writing fine-tune of Mistral Small.',
    price: p('0.0000003', '0.0000005'),
  },
  {
    id: 'gryphe/mythomax-l2-13b', slug: 'gryphe/mythomax-l2-13b', name: 'MythoMax 13B', created: 1688256000,
    context: 4096, modality: 'text->text', tokenizer: 'Llama2', instructType: 'alpaca', maxCompletion: 4096, moderated: false, hf: 'Gryphe/MythoMax-L2-13b',
    about: 'Long-lived community Llama 2 merge for story writing.',
    price: p('0.00000006', '0.00000006'),
  },
  {
    id: 'openrouter/auto', slug: 'openrouter/auto', name: 'Auto Router', created: 1699401600,
    context: 2000000, modality: 'text+image+file+audio+video->text+image', tokenizer: 'Router', maxCompletion: null, moderated: false, hf: '',
    about: "Router that picks a model per prompt; billed at the chosen model's price.",
    price: p('-1', '-1'),
    router: true,
  },
  {
    id: 'openrouter/free', slug: 'openrouter/free', name: 'Free Models Router', created: 1769917427,
    context: 200000, modality: 'text+image->text', tokenizer: 'Router', maxCompletion: null, moderated: false, hf: '',
    about: 'Router that sends each request to an available free model.',
    price: p('0', '0'),
    router: true,
  },
  {
    id: 'openai/gpt-5.2-pro', slug: 'openai/gpt-5.2-pro-20251211', name: 'OpenAI: GPT-5.2 Pro', created: 1765389780,
    context: 400000, modality: 'text+image+file->text', tokenizer: 'GPT', maxCompletion: 128000, moderated: true, hf: '',
    about: 'Highest-effort GPT-5.2 variant for hard problems.',
    price: p('0.000021', '0.000168'),
  },
  {
    id: 'openai/gpt-5.3-chat', slug: 'openai/gpt-5.3-chat-20260303', name: 'OpenAI: GPT-5.3 Chat', created: 1772564061,
    context: 128000, modality: 'text+image+file->text', tokenizer: 'GPT', maxCompletion: 16384, moderated: true, hf: '',
    about: 'The GPT-5.3 model used in ChatGPT.',
    price: p('0.00000175', '0.000014', '0.000000175'),
  },
  {
    id: 'qwen/qwen3.5-122b-a10b', slug: 'qwen/qwen3.5-122b-a10b-20260224', name: 'Qwen: Qwen3.5-122B-A10B', created: 1772053789,
    context: 262144, modality: 'text+image+video->text', tokenizer: 'Qwen3', maxCompletion: 65536, moderated: false, hf: 'Qwen/Qwen3.5-122B-A10B',
    about: 'Mid-size open Qwen 3.5 MoE model.',
    price: p('0.0000004', '0.0000032'),
  },
  {
    id: 'qwen/qwen3.5-27b', slug: 'qwen/qwen3.5-27b-20260224', name: 'Qwen: Qwen3.5-27B', created: 1772053810,
    context: 262144, modality: 'text+image+video->text', tokenizer: 'Qwen3', maxCompletion: 65536, moderated: false, hf: 'Qwen/Qwen3.5-27B',
    about: 'Dense 27B open Qwen 3.5 model.',
    price: p('0.0000003', '0.0000024'),
  },
  {
    id: 'qwen/qwen3.5-35b-a3b', slug: 'qwen/qwen3.5-35b-a3b-20260224', name: 'Qwen: Qwen3.5-35B-A3B', created: 1772053822,
    context: 262144, modality: 'text+image+video->text', tokenizer: 'Qwen3', maxCompletion: 65536, moderated: false, hf: 'Qwen/Qwen3.5-35B-A3B',
    about: 'Small open Qwen 3.5 MoE model for local and edge use.',
    price: p('0.00000025', '0.000002'),
  },
  {
    id: 'liquid/lfm-2-24b-a2b', slug: 'liquid/lfm-2-24b-a2b-20260224', name: 'LiquidAI: LFM2-24B-A2B', created: 1772048711,
    context: 32768, modality: 'text->text', tokenizer: 'Other', maxCompletion: null, moderated: false, hf: 'LiquidAI/LFM2-24B-A2B',
    about: "Liquid AI's efficient hybrid MoE model.",
    price: p('0.00000003', '0.00000012'),
  },
  {
    id: 'aion-labs/aion-2.0', slug: 'aion-labs/aion-2.0-20260223', name: 'AionLabs: Aion-2.0', created: 1771881306,
    context: 131072, modality: 'text->text', tokenizer: 'Other', maxCompletion: 32768, moderated: false, hf: '',
    about: "AionLabs' role-play and storytelling model.",
    price: p('0.0000008', '0.0000016', '0.0000002'),
  },
  {
    id: 'perplexity/sonar-pro', slug: 'perplexity/sonar-pro', name: 'Perplexity: Sonar Pro', created: 1741312423,
    context: 200000, modality: 'text+image->text', tokenizer: 'Other', maxCompletion: 8000, moderated: false, hf: '',
    about: "Perplexity's search-grounded answer model.",
    price: p('0.000003', '0.000015'),
  },
  {
    id: 'amazon/nova-2-lite-v1', slug: 'amazon/nova-2-lite-v1', name: 'Amazon: Nova 2 Lite', created: 1764696672,
    context: 1000000, modality: 'text+image+file+video->text', tokenizer: 'Nova', maxCompletion: 65535, moderated: true, hf: '',
    about: "Amazon's low-cost multimodal Nova 2 model.",
    price: p('0.0000003', '0.0000025'),
  },
  {
    id: 'bytedance-seed/seed-2.0-mini', slug: 'bytedance-seed/seed-2.0-mini-20260224', name: 'ByteDance Seed: Seed-2.0-Mini', created: 1772131107,
    context: 262144, modality: 'text+image+video->text', tokenizer: 'Other', maxCompletion: 131072, moderated: false, hf: '',
    about: 'Smallest Seed 2.0 model, tuned for latency and cost.',
    price: p('0.0000001', '0.0000004'),
  },
];
