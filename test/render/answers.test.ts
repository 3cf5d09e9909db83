import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answers.js';
import { shortName } from '../../src/core/identity.js';
import { renderAnswer } from '../../src/render/answers.js';
import type { Platform } from '../../src/render/escape.js';
import { answers, MODEL_NAMES, MODELS, OPUS, priced, SIGNALS } from './fixtures.js';

const PLATFORMS: Platform[] = ['text', 'slack', 'discord'];
const FOOTER = 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-02-16T02:00:00Z.';
const WEEK = { week: '2026-W07', asOf: '2026-02-16T02:00:00Z' } as const;

const of = <K extends Answer['kind']>(kind: K) => answers().find((a): a is Extract<Answer, { kind: K }> => a.kind === kind)!;

/** What an answer is about, which every platform's rendering must show whatever its wording. */
function subjectOf(answer: Answer): string[] {
  switch (answer.kind) {
    case 'price':
      return [answer.week, answer.match.id, ...answer.alternatives.map((m) => m.id)];
    case 'no_match':
      return [answer.query];
    case 'top':
      return [answer.week, ...answer.models.map((m) => shortName(m.name))];
    case 'compare':
      return [answer.week, answer.a.id, answer.b.id];
    case 'same_model':
      return [...answer.queries, answer.model.id];
    case 'alert':
      return [answer.week, ...answer.signals.flatMap((signal) => ('model' in signal ? [answer.modelNames[signal.model] ?? signal.model] : []))];
    case 'unranked_country':
      return [answer.week, answer.country, ...answer.ranked];
  }
}

describe('every answer on every platform', () => {
  it('shows what it is about, and figures carry the attribution footer', () => {
    for (const answer of answers()) {
      for (const platform of PLATFORMS) {
        const out = renderAnswer(answer, platform);
        for (const subject of subjectOf(answer)) expect(out, `${answer.kind}/${platform}`).toContain(subject);
        const hasFigures = answer.kind !== 'unranked_country' && answer.kind !== 'no_match' && answer.kind !== 'same_model';
        expect(out.endsWith(FOOTER), `${answer.kind}/${platform}`).toBe(hasFigures);
      }
    }
  });
});

describe('price', () => {
  it('shows the prices, rank, context and the cross-bloc comparison', () => {
    const out = renderAnswer(of('price'), 'text');
    expect(out).toContain('MiniMax M2.5 (minimax/minimax-m2.5) [CN]');
    expect(out).toContain('Price per 1M tokens: $0.30 input, $1.10 output, $0.03 cached input');
    expect(out).toContain('Output is 22.7× cheaper than Claude Opus 4.6 ($25.00 per 1M tokens)');
    expect(out).toContain('Week 2026-W07: #1 with 1.90T tokens');
    expect(out).toContain('Context window: 197K tokens');
    expect(renderAnswer(of('price'), 'slack')).toContain('*MiniMax M2.5* 🇨🇳 (minimax/minimax-m2.5)');
    expect(renderAnswer(of('price'), 'discord')).toContain('**$0.30** input · **$1.10** output');
  });

  it('a pricier match, last week\'s price, no rank, alternatives', () => {
    const answer: Answer = {
      kind: 'price',
      ...WEEK,
      query: 'opus',
      match: { ...OPUS, rank: null, tokens: null, previousPrice: { input: 15, output: 75, cacheRead: null } },
      alternatives: [priced({ id: 'anthropic/claude-opus-4.5', name: 'Claude Opus 4.5' }), priced({ id: 'lab/x', name: 'lab/x' })],
      comparison: { other: priced(), field: 'output', ratio: 1.1 / 25 },
    };
    const out = renderAnswer(answer, 'text');
    expect(out).toContain('Output is 22.7× pricier than MiniMax M2.5 ($1.10 per 1M tokens)');
    expect(out).toContain('End of last week: $15.00 input, $75.00 output');
    expect(out).toContain('Week 2026-W07: not in the rankings');
    expect(out).toContain('Also matching "opus":');
    expect(out).toContain('  - Claude Opus 4.5 (anthropic/claude-opus-4.5)');
    expect(out).toContain('  - lab/x\n');
    expect(renderAnswer(answer, 'slack')).toContain('• Claude Opus 4.5 (anthropic/claude-opus-4.5)');
  });

  it('a model without a listed price says so', () => {
    const answer: Answer = { kind: 'price', ...WEEK, query: 'sky', match: priced({ price: null, contextLength: null }), alternatives: [], comparison: null };
    const out = renderAnswer(answer, 'text');
    expect(out).toContain('Price per 1M tokens: — input, — output');
    expect(out).not.toContain('Context window');
    expect(out).not.toContain('cheaper');
  });
});

describe('no_match', () => {
  it('suggests close models, or explains what to type', () => {
    expect(renderAnswer(of('no_match'), 'text')).toBe(
      'No model matches "xyz".\nTry a model name or id, e.g. "kimi", "glm 5" or "anthropic/claude-opus-4.6".',
    );
    const out = renderAnswer({ kind: 'no_match', query: 'dsv3', suggestions: [priced({ id: 'deepseek/deepseek-v3.2', name: 'DeepSeek V3.2' })] }, 'discord');
    expect(out).toContain('Did you mean:\n- DeepSeek V3.2 (deepseek/deepseek-v3.2)');
  });

  it('a hostile query is escaped on every platform', () => {
    const query = '<!channel> @everyone *x*\n\u001b[2J';
    expect(renderAnswer({ kind: 'no_match', query, suggestions: [] }, 'slack')).toContain('"&lt;!channel&gt; @everyone ∗x∗"');
    const discord = renderAnswer({ kind: 'no_match', query, suggestions: [] }, 'discord');
    expect(discord).not.toMatch(/@everyone|<!/);
    expect(renderAnswer({ kind: 'no_match', query, suggestions: [] }, 'text')).toContain('"<!channel> @everyone *x*"');
  });
});

describe('top', () => {
  it('lists the chart with the market total', () => {
    const out = renderAnswer(of('top'), 'text');
    expect(out).toContain('Top 5 models, week 2026-W07 (all models: 8.00T tokens)');
    expect(out).toMatch(/ 2 {2}▲1 {4}Kimi K2\.5\s+CN\s+1\.05T\s+13\.1%\s+\+31\.3%\s+\$2\.20/);
    expect(renderAnswer(of('top'), 'slack')).toContain('#5 new  *GLM-5* 🇨🇳  800B · 10.0% · new · $2.55');
  });

  it('names the country when filtered', () => {
    const answer: Answer = { kind: 'top', ...WEEK, country: 'CN', totalTokens: 8e12, models: MODELS.filter((m) => m.country === 'CN') };
    expect(renderAnswer(answer, 'text')).toContain('Top 5 CN models, week 2026-W07');
    expect(renderAnswer(answer, 'slack')).toContain('*Top 5 🇨🇳 CN models, week 2026-W07*');
  });
});

describe('compare', () => {
  it('states which model costs how many times the other, per field', () => {
    const out = renderAnswer(of('compare'), 'text');
    expect(out).toContain('MiniMax M2.5 vs Claude Opus 4.6, week 2026-W07');
    expect(out).toContain('Output: Claude Opus 4.6 costs 22.7× MiniMax M2.5');
    expect(out).toContain('Input: Claude Opus 4.6 costs 16.7× MiniMax M2.5');
    expect(out).toContain('Claude Opus 4.6 (anthropic/claude-opus-4.6) [US]: $5.00 input, $25.00 output per 1M tokens; #7 with 520B tokens');
  });

  it('reads the same with the models swapped (ratios are b ÷ a)', () => {
    const swapped: Answer = { kind: 'compare', ...WEEK, a: OPUS, b: priced(), outputRatio: 1.1 / 25, inputRatio: 0.3 / 5 };
    const out = renderAnswer(swapped, 'text');
    expect(out).toContain('Output: Claude Opus 4.6 costs 22.7× MiniMax M2.5');
    expect(out).toContain('Input: Claude Opus 4.6 costs 16.7× MiniMax M2.5');
  });

  it('handles free, equal and unlisted prices', () => {
    const free = priced({ id: 'lab/free', name: 'Free One', price: { input: 0, output: 0, cacheRead: null } });
    const same = priced({ id: 'lab/same', name: 'Same One' });
    const unlisted = priced({ id: 'lab/none', name: 'No Price', price: null });
    const answer = (a: typeof free, b: typeof free, outputRatio: number | null, inputRatio: number | null): Answer => ({ kind: 'compare', ...WEEK, a, b, outputRatio, inputRatio });
    const vsFree = renderAnswer(answer(free, priced(), null, null), 'text');
    expect(vsFree).toContain('Output: Free One is free; MiniMax M2.5 costs $1.10 per 1M tokens');
    expect(renderAnswer(answer(free, free, null, null), 'text')).toContain('Output: both free');
    expect(renderAnswer(answer(same, priced(), 1, 1), 'text')).toContain('Output: same price, $1.10 per 1M tokens');
    const none = renderAnswer(answer(unlisted, priced(), null, null), 'text');
    expect(none).not.toContain('Output:');
    expect(none).toContain('— input, — output');
  });
});

describe('alert', () => {
  it('lists each signal with why it fired', () => {
    const out = renderAnswer(of('alert'), 'text');
    expect(out).toContain('ALERTS, WEEK 2026-W07');
    expect(out).toContain('  - MiniMax M2.5 is the new #1, passing Claude Sonnet 4.5');
    expect(out).toContain("      why: new #1 of the weekly chart (unranked last week), replacing last week's #1");
    expect(renderAnswer(of('alert'), 'slack')).toContain('• Z.ai GLM-5 entered the top 10 at #5');
    expect(renderAnswer(of('alert'), 'discord')).toContain('*why: entered the top 10 at #5 \\(not ranked last week\\)*');
  });

  it('an empty alert says so', () => {
    const answer: Answer = { kind: 'alert', ...WEEK, signals: [], modelNames: {} };
    for (const platform of PLATFORMS) expect(renderAnswer(answer, platform)).toContain('No alerts for week 2026-W07.');
  });

  it('uses the answer\'s model names, escaped', () => {
    const answer: Answer = { kind: 'alert', ...WEEK, signals: SIGNALS.slice(1, 2), modelNames: { ...MODEL_NAMES, 'minimax/minimax-m2.5': '<@123> M2.5' } };
    expect(renderAnswer(answer, 'slack')).toContain('&lt;@123&gt; M2.5 is the new #1');
  });
});

describe('unranked country', () => {
  it('names the countries that are ranked, on every platform', () => {
    const said = 'No FR models ranked in 2026-W07. Countries this week: CN, US, unattributed.';
    expect(renderAnswer(of('unranked_country'), 'text')).toBe(said);
    expect(renderAnswer(of('unranked_country'), 'slack')).toBe(`:warning: ${said}`);
    expect(renderAnswer(of('unranked_country'), 'discord')).toBe(`⚠️ ${said}`);
  });

  it('escapes the country asked for', () => {
    const asked = (country: string): Answer => ({ kind: 'unranked_country', week: '2026-W07', country, ranked: [] });
    expect(renderAnswer(asked('<!here>'), 'slack')).toBe(':warning: No &lt;!here&gt; models ranked in 2026-W07. Countries this week: .');
    expect(renderAnswer(asked('@everyone'), 'discord')).not.toContain('@everyone');
  });
});
