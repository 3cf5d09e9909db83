import type { Day } from './calendar.js';

// The sample's usage story, week by week (2026-W01 … 2026-W10, Dec 29 2025 – Mar 8 2026).
// Published figures (sample/README.md lists them) are pinned here; everything else is filled in.
// All token figures are in T = 10^12 tokens per ISO week.

export const FIRST_DAY: Day = '2025-12-29';
export const WEEK_COUNT = 10;
export const T = 1e12;

/** Every token of a CN or US permaslug lands in its bloc's weekly total, which these pin. */
export const BLOC_TARGETS = {
  //    W01   W02   W03   W04   W05   W06   W07   W08   W09   W10
  CN: [1.00, 1.12, 1.25, 1.40, 1.95, 2.27, 4.12, 5.16, 5.88, 5.92],
  US: [2.30, 2.38, 2.45, 2.50, 2.56, 2.62, 2.94, 2.70, 2.82, 3.30],
} as const;

/** Share of each week's platform total that the long-tail `other` row holds (published range 5–8%). */
export const OTHER_SHARE = [0.062, 0.06, 0.061, 0.059, 0.06, 0.06, 0.07, 0.066, 0.064, 0.063] as const;

/** Published: the platform's W07 total exceeds W06's by this much. */
export const W07_GROWTH = 3.21;

export type Bloc = 'CN' | 'US' | 'rest';

/**
 * How `weekly` is read:
 * - `fixed`: tokens in T for the week (only the model's active days of it).
 * - `share`: a weight; the bloc's `share` models split whatever its target leaves after its `fixed` ones.
 * - `balance`: like `fixed`, except the W07 value is solved so the platform grows by exactly
 *   `W07_GROWTH` (a stealth model's launch is the natural place for unexplained volume).
 */
export interface UsagePlan {
  permaslug: string;
  bloc: Bloc;
  mode: 'fixed' | 'share' | 'balance';
  weekly: readonly number[];
  /** First day with tokens (release); absent = before the sample starts. */
  from?: Day;
  /** Last day with tokens (delisted, or fell out of the daily top 50). */
  until?: Day;
}

/** Index of 2026-W07 in the weekly arrays. */
export const W07_INDEX = 6;

export const USAGE: readonly UsagePlan[] = [
  // ── China: the four published models are pinned, the rest share what CN's total leaves.
  //                                                                         W01   W02   W03   W04   W05   W06   W07   W08   W09   W10
  { permaslug: 'minimax/minimax-m2.5-20260211', bloc: 'CN', mode: 'fixed', weekly: [0, 0, 0, 0, 0, 0, 1.44, 1.9, 2.4, 2.55], from: '2026-02-13' },
  { permaslug: 'moonshotai/kimi-k2.5-0127', bloc: 'CN', mode: 'fixed', weekly: [0, 0, 0, 0, 0.54, 0.92, 1.08, 1.05, 1.27, 0.98], from: '2026-01-27' },
  { permaslug: 'z-ai/glm-5-20260211', bloc: 'CN', mode: 'fixed', weekly: [0, 0, 0, 0, 0, 0, 0.38, 0.8, 0.803, 0.7], from: '2026-02-12' },
  { permaslug: 'deepseek/deepseek-v3.2-20251201', bloc: 'CN', mode: 'fixed', weekly: [0.42, 0.47, 0.52, 0.58, 0.65, 0.71, 0.76, 0.79, 0.85, 0.86] },
  { permaslug: 'minimax/minimax-m2.1', bloc: 'CN', mode: 'share', weekly: [20, 21, 21, 20, 18, 17, 11, 6, 4, 3] },
  { permaslug: 'z-ai/glm-4.7-20251222', bloc: 'CN', mode: 'share', weekly: [16, 17, 17, 17, 15, 14, 9, 6, 5, 5] },
  { permaslug: 'moonshotai/kimi-k2-thinking-20251106', bloc: 'CN', mode: 'share', weekly: [10, 9, 8, 8, 4, 3, 2, 2, 0, 0], until: '2026-02-22' },
  { permaslug: 'qwen/qwen3-coder-480b-a35b-07-25', bloc: 'CN', mode: 'share', weekly: [8, 8, 8, 8, 8, 8, 7, 6, 5, 5] },
  { permaslug: 'qwen/qwen3-coder-480b-a35b-07-25:free', bloc: 'CN', mode: 'share', weekly: [5, 5, 5, 4, 4, 4, 3, 3, 2, 2] },
  { permaslug: 'qwen/qwen3-235b-a22b-07-25', bloc: 'CN', mode: 'share', weekly: [5, 5, 5, 5, 5, 5, 4, 4, 3, 3] },
  { permaslug: 'qwen/qwen3-coder-next-2025-02-03', bloc: 'CN', mode: 'share', weekly: [0, 0, 0, 0, 0, 3, 5, 6, 6, 6], from: '2026-02-04' },
  { permaslug: 'qwen/qwen3.5-397b-a17b-20260216', bloc: 'CN', mode: 'share', weekly: [0, 0, 0, 0, 0, 0, 0, 7, 9, 16], from: '2026-02-16' },
  { permaslug: 'qwen/qwen3.5-plus-20260216', bloc: 'CN', mode: 'share', weekly: [0, 0, 0, 0, 0, 0, 0, 5, 7, 8], from: '2026-02-16' },
  { permaslug: 'qwen/qwen3.5-flash-20260224', bloc: 'CN', mode: 'share', weekly: [0, 0, 0, 0, 0, 0, 0, 0, 3, 6], from: '2026-02-26' },
  { permaslug: 'qwen/qwen3-max-thinking-20260123', bloc: 'CN', mode: 'share', weekly: [0, 0, 0, 0, 0, 0, 2, 2, 1.5, 1.5], from: '2026-02-10' },
  { permaslug: 'z-ai/glm-4.7-flash-20260119', bloc: 'CN', mode: 'share', weekly: [0, 0, 0, 2, 4, 4, 3, 3, 3, 3], from: '2026-01-20' },
  { permaslug: 'z-ai/glm-4.6', bloc: 'CN', mode: 'share', weekly: [5, 4, 4, 3, 3, 3, 2, 0, 0, 0], until: '2026-02-15' },
  { permaslug: 'z-ai/glm-4.5-air:free', bloc: 'CN', mode: 'share', weekly: [4, 4, 4, 4, 4, 4, 3, 3, 2, 0], until: '2026-03-01' },
  { permaslug: 'xiaomi/mimo-v2-flash-20251210', bloc: 'CN', mode: 'share', weekly: [7, 7, 6, 6, 5, 5, 4, 4, 4, 4] },
  { permaslug: 'stepfun/step-3.5-flash:free', bloc: 'CN', mode: 'share', weekly: [0, 0, 0, 0, 4, 8, 7, 6, 6, 6], from: '2026-01-30' },
  // The catalog's canonical slug for this model has no date; only the date-suffix fallback joins it.
  { permaslug: 'deepseek/deepseek-v3.1-terminus-20250922', bloc: 'CN', mode: 'share', weekly: [4, 4, 3, 3, 3, 3, 2, 2, 2, 2] },
  { permaslug: 'deepseek/deepseek-chat-v3-0324', bloc: 'CN', mode: 'share', weekly: [5, 5, 5, 5, 4, 4, 4, 3, 0, 0], until: '2026-02-22' },
  { permaslug: 'bytedance-seed/seed-1.6-flash-20250625', bloc: 'CN', mode: 'share', weekly: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2] },

  // ── United States: Gemini 3 Flash is the published #5 of W08 (4.54T / 6, so the four CN models
  // hold 85.7% of the top five); GPT-5.4's launch week is pinned too.
  { permaslug: 'google/gemini-3-flash-preview-20251217', bloc: 'US', mode: 'fixed', weekly: [0.36, 0.4, 0.44, 0.48, 0.52, 0.58, 0.72, 4.54 / 6, 0.95, 1.25] },
  { permaslug: 'openai/gpt-5.4-20260305', bloc: 'US', mode: 'fixed', weekly: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.42], from: '2026-03-06' },
  { permaslug: 'anthropic/claude-4.5-sonnet-20250929', bloc: 'US', mode: 'share', weekly: [26, 26, 26, 25, 24, 21, 18, 15, 13, 12] },
  { permaslug: 'anthropic/claude-4.5-opus-20251124', bloc: 'US', mode: 'share', weekly: [14, 15, 15, 15, 15, 8, 3, 2, 1.5, 1] },
  { permaslug: 'anthropic/claude-4.6-opus-20260205', bloc: 'US', mode: 'share', weekly: [0, 0, 0, 0, 0, 12, 22, 21, 19, 16], from: '2026-02-05' },
  { permaslug: 'anthropic/claude-4.6-sonnet-20260217', bloc: 'US', mode: 'share', weekly: [0, 0, 0, 0, 0, 0, 0, 7, 13, 14], from: '2026-02-17' },
  { permaslug: 'anthropic/claude-4.5-haiku-20251001', bloc: 'US', mode: 'share', weekly: [5, 5, 5, 5, 5, 5, 4, 4, 4, 4] },
  // A delisted dated id: no canonical slug matches, the date-suffix fallback joins it to the 3.5 Sonnet entry.
  { permaslug: 'anthropic/claude-3.5-sonnet-20240620', bloc: 'US', mode: 'share', weekly: [0.8, 0.7, 0.7, 0.6, 0.6, 0.5, 0, 0, 0, 0], until: '2026-02-08' },
  { permaslug: 'google/gemini-2.5-flash', bloc: 'US', mode: 'share', weekly: [10, 9.8, 9.3, 8.9, 8.1, 7.9, 7.2, 6.8, 6.1, 5.8] },
  { permaslug: 'google/gemini-2.5-flash-lite', bloc: 'US', mode: 'share', weekly: [5, 5.1, 5, 4.9, 4.8, 4.7, 4.2, 4, 3.9, 3.7] },
  { permaslug: 'google/gemini-2.5-pro', bloc: 'US', mode: 'share', weekly: [3, 3, 3, 3, 3, 3, 2, 2, 2, 2] },
  { permaslug: 'google/gemini-3-pro-preview-20251117', bloc: 'US', mode: 'share', weekly: [6, 6.2, 6.3, 6.1, 5.8, 5.5, 4.6, 2.8, 1, 0], until: '2026-03-01' },
  { permaslug: 'google/gemini-3.1-pro-preview-20260219', bloc: 'US', mode: 'share', weekly: [0, 0, 0, 0, 0, 0, 0, 4, 7, 7], from: '2026-02-19' },
  { permaslug: 'google/gemini-3.1-flash-lite-preview-20260303', bloc: 'US', mode: 'share', weekly: [0, 0, 0, 0, 0, 0, 0, 0, 0, 4], from: '2026-03-03' },
  { permaslug: 'openai/gpt-5.2-20251211', bloc: 'US', mode: 'share', weekly: [5, 5, 5, 5, 5, 5, 4, 4, 4, 3] },
  { permaslug: 'openai/gpt-5.2-codex-20260114', bloc: 'US', mode: 'share', weekly: [0, 0, 3, 4, 4, 4, 4, 4, 3, 2], from: '2026-01-15' },
  { permaslug: 'openai/gpt-5.3-codex-20260224', bloc: 'US', mode: 'share', weekly: [0, 0, 0, 0, 0, 0, 0, 0, 3, 5], from: '2026-02-25' },
  { permaslug: 'openai/gpt-5-mini-2025-08-07', bloc: 'US', mode: 'share', weekly: [4, 4, 4, 4, 4, 4, 3, 3, 3, 3] },
  { permaslug: 'openai/gpt-oss-120b', bloc: 'US', mode: 'share', weekly: [5, 5, 5, 5, 5, 5, 4, 4, 4, 4] },
  { permaslug: 'openai/gpt-oss-120b:free', bloc: 'US', mode: 'share', weekly: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2] },
  { permaslug: 'openai/gpt-4o-mini', bloc: 'US', mode: 'share', weekly: [3, 3, 3, 3, 2, 0, 0, 0, 0, 0], until: '2026-01-31' },
  { permaslug: 'x-ai/grok-4.1-fast', bloc: 'US', mode: 'share', weekly: [9, 8.4, 7.9, 7.2, 6.8, 5.9, 5.1, 4.9, 4.1, 3.8] },
  { permaslug: 'x-ai/grok-code-fast-1', bloc: 'US', mode: 'share', weekly: [7, 7.2, 7.3, 6.6, 6.3, 6.1, 5.6, 5.4, 4.7, 4.4] },
  { permaslug: 'meta-llama/llama-3.3-70b-instruct:free', bloc: 'US', mode: 'share', weekly: [1, 1, 1, 1, 1, 1, 0, 0, 0, 0], until: '2026-02-08' },
  { permaslug: 'meta-llama/llama-3.3-70b-instruct', bloc: 'US', mode: 'share', weekly: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
  { permaslug: 'nvidia/nemotron-3-nano-30b-a3b:free', bloc: 'US', mode: 'share', weekly: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2] },
  { permaslug: 'arcee-ai/trinity-large-preview:free', bloc: 'US', mode: 'share', weekly: [0, 0, 0, 0, 3, 3, 3, 2, 2, 2], from: '2026-01-28' },

  // ── Everyone else, in T: France, Germany, Korea, community fine-tunes and one stealth model.
  { permaslug: 'mistralai/mistral-nemo', bloc: 'rest', mode: 'fixed', weekly: [0.03, 0.031, 0.032, 0.032, 0.033, 0.033, 0.034, 0.034, 0.035, 0.035] },
  { permaslug: 'mistralai/devstral-2512', bloc: 'rest', mode: 'fixed', weekly: [0.01, 0.012, 0.014, 0.016, 0.022, 0.024, 0.022, 0.02, 0.02, 0.02] },
  // The free promotion ended: no snapshot lists this variant, so it joins nothing.
  { permaslug: 'mistralai/devstral-2512:free', bloc: 'rest', mode: 'fixed', weekly: [0.045, 0.042, 0.04, 0.03, 0, 0, 0, 0, 0, 0], until: '2026-01-25' },
  { permaslug: 'mistralai/mistral-small-3.2-24b-instruct-2506', bloc: 'rest', mode: 'fixed', weekly: [0.022, 0.022, 0.022, 0.021, 0.021, 0.021, 0.02, 0.02, 0.02, 0.02] },
  { permaslug: 'mistralai/mistral-large-2512', bloc: 'rest', mode: 'fixed', weekly: [0.012, 0.012, 0.012, 0.012, 0.012, 0.011, 0.011, 0.011, 0.011, 0.011] },
  { permaslug: 'tngtech/deepseek-r1t2-chimera', bloc: 'rest', mode: 'fixed', weekly: [0.025, 0.024, 0.024, 0.023, 0.022, 0.021, 0.02, 0.02, 0.019, 0.019] },
  { permaslug: 'upstage/solar-pro-3:free', bloc: 'rest', mode: 'fixed', weekly: [0, 0, 0, 0, 0.01, 0.015, 0.014, 0.012, 0.012, 0.011], from: '2026-01-27' },
  { permaslug: 'sao10k/l3.3-euryale-70b-v2.3', bloc: 'rest', mode: 'fixed', weekly: [0.03, 0.03, 0.03, 0.03, 0.03, 0.029, 0.029, 0.029, 0.028, 0.028] },
  { permaslug: 'thedrummer/cydonia-24b-v4.1', bloc: 'rest', mode: 'fixed', weekly: [0.038, 0.038, 0.037, 0.037, 0.037, 0.036, 0.036, 0.035, 0.035, 0.035] },
  { permaslug: 'gryphe/mythomax-l2-13b', bloc: 'rest', mode: 'fixed', weekly: [0.022, 0.021, 0.02, 0.019, 0.018, 0, 0, 0, 0, 0], until: '2026-02-01' },
  // Stealth: in usage only, never in a snapshot; gone once GLM-5 ships.
  { permaslug: 'openrouter/pony-alpha', bloc: 'rest', mode: 'balance', weekly: [0, 0, 0, 0, 0, 0.28, 0, 0, 0, 0], from: '2026-02-06', until: '2026-02-12' },
];

/**
 * How the rankings were recorded: monthly files, each `as_of` the morning after its last day. The
 * last file re-reads Feb 27–28, whose figures OpenRouter had revised since the February file.
 */
export const RANKINGS_FILES: readonly { start: Day; end: Day; asOf: string }[] = [
  { start: '2025-12-29', end: '2025-12-31', asOf: '2026-01-01T02:05:00Z' },
  { start: '2026-01-01', end: '2026-01-31', asOf: '2026-02-01T02:05:00Z' },
  { start: '2026-02-01', end: '2026-02-28', asOf: '2026-03-01T02:05:00Z' },
  { start: '2026-02-27', end: '2026-03-08', asOf: '2026-03-09T02:05:00Z' },
];

/** Older recordings of a restated day held `final × factor` for these rows (and `OTHER_REVISION` for `other`). */
export const PRELIMINARY_FACTOR: Readonly<Record<string, number>> = {
  'minimax/minimax-m2.5-20260211': 0.982,
  'moonshotai/kimi-k2.5-0127': 0.991,
  'z-ai/glm-5-20260211': 1.012,
  'deepseek/deepseek-v3.2-20251201': 0.976,
  'google/gemini-3-flash-preview-20251217': 0.988,
  'anthropic/claude-4.6-sonnet-20260217': 0.994,
};
export const OTHER_REVISION = 0.97;

/**
 * Days the `/models` snapshots were fetched (at `SNAPSHOT_HOUR` UTC): every Monday, plus release
 * and price-change days so each `new_model` and `price_change` lands in its own week.
 */
export const SNAPSHOT_DAYS: readonly Day[] = [
  '2025-12-29', '2026-01-05', '2026-01-12', '2026-01-15', '2026-01-19', '2026-01-21', '2026-01-26',
  '2026-01-27', '2026-01-30', '2026-02-02', '2026-02-05', '2026-02-09', '2026-02-12', '2026-02-13',
  '2026-02-16', '2026-02-18', '2026-02-20', '2026-02-23', '2026-02-27', '2026-03-02', '2026-03-06',
  '2026-03-09',
];
export const SNAPSHOT_HOUR = 6;
