import { describe, expect, it } from 'vitest';
import type { Signal } from '../../src/core/signals.types.js';
import type { Brief } from '../../src/core/types.js';
import { briefToJson, renderBrief } from '../../src/render/brief.js';
import { briefView, LIST_MAX, MOVERS_MAX } from '../../src/render/brief-view.js';
import type { Platform } from '../../src/render/escape.js';
import { brief, market, MODELS, SIGNALS } from './fixtures.js';

const PLATFORMS: Platform[] = ['text', 'slack', 'discord'];
const FOOTER = 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-02-16T02:00:00Z.';

const firstLine = (text: string) => text.split('\n')[0] ?? '';
const headline = (b: Brief) => briefView(b, 'text').headline;
const signal = <K extends Signal['kind']>(kind: K) => SIGNALS.find((s): s is Extract<Signal, { kind: K }> => s.kind === kind)!;

describe('headline', () => {
  it('leads with the most notable signal: a country crossover in bloc words', () => {
    const expected = 'Chinese models passed US models: 4.12T vs 2.94T tokens';
    expect(firstLine(renderBrief(brief(), 'text'))).toBe(expected);
    expect(firstLine(renderBrief(brief(), 'slack'))).toBe(`*${expected}*`);
    expect(firstLine(renderBrief(brief(), 'discord'))).toBe(`**${expected}**`);
  });

  it('an overtake names the new #1 and whom it passed', () => {
    expect(headline(brief({ signals: [signal('overtake')] }))).toBe('MiniMax M2.5 is the new #1, passing Claude Sonnet 4.5');
  });

  it('picks by notability, not by list order: a big price hike on a top-10 model beats an entry at #5', () => {
    const b = brief({ signals: [signal('new_entry'), signal('rank_move'), signal('price_change')] });
    const view = briefView(b, 'text');
    expect(view.headline).toBe('Price hike: Z.ai GLM-5 input $0.30 → $0.95 (+217%)');
    expect(view.prices?.items ?? []).not.toContain('Z.ai GLM-5 input $0.30 → $0.95 (+217%)');
    expect(view.movers?.items).toEqual(['Z.ai GLM-5 entered the top 10 at #5', 'Claude Sonnet 4.5 fell from #1 to #3']);
  });

  it('tells a brand-new #1 once: its overtake and its entry at #1 fold into one line', () => {
    const entry: Signal = { kind: 'new_entry', model: 'minimax/minimax-m2.5', rank: 1, rule: 'r', threshold: { topN: 10 } };
    const alone = briefView(brief({ signals: [entry, signal('overtake')] }), 'text');
    expect(alone.headline).toBe('MiniMax M2.5 entered at #1, passing Claude Sonnet 4.5');
    expect(alone.movers).toBeNull();
    const out = renderBrief(brief({ signals: [...SIGNALS, entry] }), 'text');
    expect(out).toContain('- MiniMax M2.5 entered at #1, passing Claude Sonnet 4.5');
    expect(out).not.toContain('MiniMax M2.5 entered the top 10');
    expect(out).not.toContain('MiniMax M2.5 is the new #1');
  });

  it('every other kind reads as a sentence', () => {
    const cases: Array<[Signal, string]> = [
      [signal('new_entry'), 'Z.ai GLM-5 entered the top 10 at #5'],
      [signal('rank_move'), 'Claude Sonnet 4.5 fell from #1 to #3'],
      [{ ...signal('rank_move'), from: 6, to: 2 }, 'Claude Sonnet 4.5 climbed from #6 to #2'],
      [signal('surge'), 'Sonoma Sky surged +200% to 300B tokens (from 100B)'],
      [signal('slump'), 'DeepSeek V3.2 slumped −32.7% to 370B tokens (from 550B)'],
      [signal('price_change'), 'Price hike: Z.ai GLM-5 input $0.30 → $0.95 (+217%)'],
      [{ ...signal('price_change'), from: 0.95, to: 0.3, changePct: -68.4 }, 'Price cut: Z.ai GLM-5 input $0.95 → $0.30 (−68.4%)'],
      [{ ...signal('price_change'), from: 0, to: 0.3, changePct: null }, 'Price hike: Z.ai GLM-5 input free → $0.30'],
      [signal('exit'), 'Qwen3 Max left the top 10 (was #8)'],
      [signal('new_model'), 'New model: Qwen3.5 397B A17B, $0.39 in / $2.34 out per 1M tokens'],
      [{ ...signal('new_model'), price: null }, 'New model: Qwen3.5 397B A17B, price not listed'],
      [{ ...signal('new_model'), model: 'openrouter/free', price: { input: 0, output: 0 } }, 'New model: openrouter/free (router, price varies)'],
      [{ ...signal('new_model'), price: { input: null, output: null } }, 'New model: Qwen3.5 397B A17B (router, price varies)'],
    ];
    for (const [s, text] of cases) expect(headline(brief({ signals: [s] }))).toBe(text);
  });

  it('falls back to the identity key when a name is missing', () => {
    expect(headline(brief({ signals: [{ ...signal('overtake'), model: 'lab/unknown-model' }], modelNames: {} }))).toBe(
      'lab/unknown-model is the new #1, passing anthropic/claude-sonnet-4.5',
    );
  });

  it('the first week of data and a week so far say where things stand, not that nothing moved', () => {
    expect(headline(brief({ signals: [], market: market({ previousRanking: [], previousTotalTokens: 0 }) }))).toBe(
      'First week of data: 8.00T tokens; MiniMax M2.5 leads with 23.8%',
    );
    const partial = market({ coverage: { daysPresent: 2, complete: false, reasons: ['5 of 7 days missing'] } });
    expect(headline(brief({ signals: [], market: partial }))).toBe('Week so far (2 of 7 days): 8.00T tokens; MiniMax M2.5 leads with 23.8%');
  });

  it('a week without signals is a quiet week that still says where things stand', () => {
    expect(headline(brief({ signals: [] }))).toBe('A quiet week: 8.00T tokens (+25% week over week); MiniMax M2.5 leads with 23.8%');
    const steady = market({ models: [{ ...MODELS[0]!, previousRank: 1 }] });
    expect(headline(brief({ signals: [], market: steady }))).toContain('MiniMax M2.5 still leads');
    expect(headline(brief({ signals: [], market: market({ models: [], totalTokens: 0 }) }))).toBe('A quiet week: no usage recorded');
  });
});

describe('week and coverage', () => {
  it('names the ISO week and its dates', () => {
    for (const platform of PLATFORMS) expect(renderBrief(brief(), platform)).toContain('Week 2026-W07 (Feb 9–15, 2026)');
  });

  it('says prominently when the week is incomplete, with the reasons', () => {
    const partial = brief({
      market: market({ coverage: { daysPresent: 5, complete: false, reasons: ['2 of 7 days missing (Feb 14, Feb 15)', 'data as of 2026-02-14T02:00Z, before the week ended'] } }),
    });
    for (const platform of PLATFORMS) {
      const out = renderBrief(partial, platform);
      expect(out).toMatch(/incomplete week/i);
      expect(out).toContain('5 of 7 days');
      // Discord shows "\(" as "(".
      expect(out).toMatch(/2 of 7 days missing \\?\(Feb 14, Feb 15\\?\)/);
      expect(out).toContain('before the week ended');
      // Before the market figures, not buried under them.
      expect(out.search(/incomplete week/i)).toBeLessThan(out.search(/market/i));
    }
    expect(renderBrief(brief(), 'text')).not.toMatch(/incomplete/i);
  });
});

describe('market', () => {
  it('shows the total with its week-over-week change and every bloc', () => {
    const text = renderBrief(brief(), 'text');
    expect(text).toMatch(/all models\s+8\.00T\s+100%\s+\+25%/);
    expect(text).toMatch(/CN\s+4\.12T\s+51\.5%\s+\+81\.5%/);
    expect(text).toMatch(/US\s+2\.94T\s+36\.8%\s+−5\.2%/);
    expect(text).toMatch(/unattributed\s+300B\s+3\.8%\s+\+200%/);
    expect(text).toMatch(/long tail\s+440B\s+5\.5%\s+−12%/);
    const slack = renderBrief(brief(), 'slack');
    expect(slack).toContain('8.00T tokens, +25% week over week');
    expect(slack).toContain('🇨🇳 CN  4.12T · 51.5% · +81.5%');
    expect(slack).toContain('Unattributed  300B');
    expect(slack).toContain('Long tail  440B');
  });

  it('a bloc with no tokens last week is new, not infinite', () => {
    const view = briefView(brief({ market: market({ countries: [{ country: 'KR', tokens: 5e9, share: 0.001, previousTokens: 0 }] }) }), 'text');
    expect(view.countries[0]?.changePct).toBeNull();
    expect(view.unattributed).toBeNull();
    expect(view.longTail).toBeNull();
  });
});

describe('top 10', () => {
  it('lists ten models with rank, move, name, country, tokens, share, change and output price', () => {
    const text = renderBrief(brief(), 'text');
    expect(text).toMatch(/ 1 {2}new {3}MiniMax M2\.5\s+CN\s+1\.90T\s+23\.8%\s+new\s+\$1\.10/);
    expect(text).toMatch(/ 3 {2}▼2 {4}Claude Sonnet 4\.5\s+US\s+1\.00T\s+12\.5%\s+−16\.7%\s+\$15\.00/);
    expect(text).toMatch(/ 8 {2}▲1 {4}Sonoma Sky\s+—\s+300B\s+3\.8%\s+\+200%\s+—/);
    expect(text).toMatch(/10 {2}= {5}Mistral Large/);
    expect(briefView(brief(), 'text').top).toHaveLength(10);
    const slack = renderBrief(brief(), 'slack');
    expect(slack).toContain('#1 new  *MiniMax M2.5* 🇨🇳  1.90T · 23.8% · new · $1.10');
    expect(slack).toContain('#8 ▲1  *Sonoma Sky* unattributed');
    expect(renderBrief(brief(), 'discord')).toContain('#2 ▲1 **Kimi K2.5** 🇨🇳  1.05T · 13.1% · +31.3% · $2.20');
    // #11 is not in the table (it appears only as a mover).
    expect(slack).not.toMatch(/#11 /);
  });

  it('aligns the plain-text columns', () => {
    const lines = renderBrief(brief(), 'text').split('\n');
    const header = lines.findIndex((l) => /^\s+# {2}move/.test(l));
    const rows = lines.slice(header, header + 11);
    expect(new Set(rows.map((l) => [...l].length)).size).toBe(1);
    // Where a column ends, in characters: headers end where their right-aligned values end.
    const endOf = (line: string, part: string) => [...line.slice(0, line.indexOf(part) + part.length)].length;
    expect(endOf(rows[0]!, 'tokens')).toBe(endOf(rows[1]!, '1.90T'));
    expect(endOf(rows[0]!, 'WoW')).toBe(endOf(rows[4]!, '+5.9%'));
    const startOf = (line: string, part: string) => [...line.slice(0, line.indexOf(part))].length;
    expect(startOf(rows[0]!, 'model')).toBe(startOf(rows[2]!, 'Kimi'));
    expect(startOf(rows[0]!, 'cc')).toBe(startOf(rows[2]!, 'CN'));
  });

  it('an empty week has no table', () => {
    const out = renderBrief(brief({ signals: [], market: market({ models: [] }) }), 'text');
    expect(out).not.toContain('TOP');
    expect(out).toContain(FOOTER);
  });
});

describe('movers, prices, new models, revisions', () => {
  it('lists movers by name, without repeating the headline', () => {
    const out = renderBrief(brief(), 'slack');
    expect(out).toContain('• MiniMax M2.5 is the new #1, passing Claude Sonnet 4.5');
    expect(out).toContain('• Claude Sonnet 4.5 fell from #1 to #3');
    expect(out).toContain('• Sonoma Sky surged +200% to 300B tokens (from 100B)');
    expect(out).toContain('• Qwen3 Max left the top 10 (was #8)');
    expect(out.split('Chinese models passed US models')).toHaveLength(2);
  });

  it('lists up to MOVERS_MAX movers, the biggest first', () => {
    // The top 10 each climbing two places, given smallest first, plus three small surges.
    const climbs: Signal[] = MODELS.slice(0, 10)
      .map((m): Signal => ({ kind: 'rank_move', model: m.id, from: m.rank + 2, to: m.rank, rule: 'r', threshold: {} }))
      .reverse();
    const surges: Signal[] = ['stealth/sonoma-sky', 'qwen/qwen3-max', 'openai/gpt-5'].map((model) => ({
      kind: 'surge',
      model,
      tokens: 2e9,
      previousTokens: 1e9,
      changePct: 100,
      rule: 'r',
      threshold: {},
    }));
    const view = briefView(brief({ signals: [signal('country_crossover'), ...surges, ...climbs] }), 'text');
    expect(MOVERS_MAX).toBeGreaterThan(LIST_MAX);
    expect(view.movers?.items).toHaveLength(MOVERS_MAX);
    expect(view.movers?.more).toBe(13 - MOVERS_MAX);
    // Equal climbs: the model with the most tokens leads; the surges of +1B trail.
    expect(view.movers?.items.slice(0, 2)).toEqual(['MiniMax M2.5 climbed from #3 to #1', 'Kimi K2.5 climbed from #4 to #2']);
    expect(view.movers?.items.at(-1)).toMatch(/surged/);
  });

  it('reports price moves and the price ratio between the priciest top model and the #1', () => {
    const out = renderBrief(brief(), 'text');
    expect(out).toContain('Z.ai GLM-5 input $0.30 → $0.95 (+217%)');
    expect(out).toContain('DeepSeek V3.2 output $0.42 → $0.40 (−4.8%)');
    expect(out).toContain('Claude Opus 4.6 output costs 22.7× MiniMax M2.5 ($25.00 vs $1.10 per 1M tokens)');
  });

  it('leaves the ratio out under 1.5× or when the #1 has no price', () => {
    const cheapTop = MODELS.slice(0, 2).map((m) => ({ ...m, price: { input: 1, output: 1.4, cacheRead: null } }));
    cheapTop[0]!.price = { input: 1, output: 1, cacheRead: null };
    expect(briefView(brief({ signals: [], market: market({ models: cheapTop }) }), 'text').prices).toBeNull();
    const unpriced = [{ ...MODELS[0]!, price: null }, ...MODELS.slice(1)];
    expect(briefView(brief({ signals: [], market: market({ models: unpriced }) }), 'text').prices).toBeNull();
  });

  it('lists a router among new models without a price: it costs whatever model it routes to', () => {
    const router: Signal = { kind: 'new_model', model: 'openrouter/free', price: { input: 0, output: 0 }, rule: 'r', threshold: {} };
    const dynamic: Signal = { kind: 'new_model', model: 'openrouter/auto', price: { input: null, output: null }, rule: 'r', threshold: {} };
    const names = { ...brief().modelNames, 'openrouter/free': 'Free Models Router', 'openrouter/auto': 'Auto Router' };
    const view = briefView(brief({ signals: [signal('country_crossover'), router, dynamic, signal('new_model')], modelNames: names }), 'text');
    expect(view.newModels?.items).toEqual([
      'Free Models Router (router, price varies)',
      'Auto Router (router, price varies)',
      'Qwen3.5 397B A17B: $0.39 in / $2.34 out per 1M tokens',
    ]);
  });

  it('lists new models with prices, capped with "and N more"', () => {
    const many: Signal[] = Array.from({ length: 11 }, (_, i) => ({
      kind: 'new_model',
      model: `lab/model-${i}`,
      price: { input: 0.1, output: 0.2 },
      rule: 'listed',
      threshold: {},
    }));
    const b = brief({ signals: [signal('country_crossover'), ...many] });
    const view = briefView(b, 'text');
    expect(view.newModels?.items).toHaveLength(LIST_MAX);
    expect(view.newModels?.more).toBe(11 - LIST_MAX);
    const out = renderBrief(b, 'text');
    expect(out).toContain('lab/model-0: $0.10 in / $0.20 out per 1M tokens');
    expect(out).toContain('... and 3 more');
    expect(renderBrief(b, 'slack')).toContain('…and 3 more');
  });

  it('summarises restatements per day', () => {
    expect(renderBrief(brief(), 'text')).toContain('Figures for Feb 14 revised: +1.60B tokens (2 models)');
    const twice = brief({
      restatements: [
        { date: '2026-02-10', permaslug: 'a', fromTokens: 100, toTokens: 90, fromAsOf: '1', toAsOf: '2' },
        { date: '2026-02-10', permaslug: 'a', fromTokens: 90, toTokens: 80, fromAsOf: '2', toAsOf: '3' },
        { date: '2026-02-03', permaslug: 'b', fromTokens: 0, toTokens: 5e9, fromAsOf: '1', toAsOf: '2' },
        { date: '2026-02-03', permaslug: 'other', fromTokens: 1e9, toTokens: 2e9, fromAsOf: '1', toAsOf: '2' },
      ],
    });
    const out = renderBrief(twice, 'text');
    expect(out).toContain('Figures for Feb 10 revised: −20 tokens (1 model)');
    expect(out).toContain('Figures for Feb 3 revised: +6.00B tokens (1 model and the long tail)');
    expect(out.indexOf('Feb 3 revised')).toBeLessThan(out.indexOf('Feb 10 revised'));
    expect(renderBrief(brief({ restatements: [] }), 'text')).not.toContain('REVISIONS');
  });
});

describe('footer and source', () => {
  it('ends every format with the exact attribution', () => {
    for (const platform of PLATFORMS) {
      const lines = renderBrief(brief(), platform).split('\n');
      expect(lines.at(-1), platform).toBe(FOOTER);
    }
    const json = JSON.parse(renderBrief(brief(), 'json')) as { asOf: string; source: string };
    expect(json.asOf).toBe('2026-02-16T02:00:00Z');
    expect(json.source).toBe('openrouter');
  });

  it('says "unknown" when the week has no as_of', () => {
    expect(renderBrief(brief({ market: market({ asOf: null }) }), 'text')).toContain('Source: OpenRouter (openrouter.ai/rankings), as of unknown.');
  });

  it('says when the figures are not live OpenRouter data', () => {
    expect(renderBrief(brief({ source: 'sample' }), 'text')).toContain('Sample data bundled with tokenbrief, not live figures.');
    expect(renderBrief(brief({ source: 'file:/data/rec' }), 'slack')).toContain('Data read from file:/data/rec.');
    expect(renderBrief(brief(), 'text')).not.toContain('Sample data');
  });
});

describe('hostile model names', () => {
  const evil = [
    '<!channel> @everyone <https://x|y>',
    '*bold* _it_ ~s~',
    '`code` ```block```',
    'line one\nline two\r\n# heading',
    `\u001b[2J\u001b[31mred\u001b[0m ${'A'.repeat(2000)}`,
  ];
  const hostileBrief = (): Brief => {
    const models = MODELS.map((m, i) => ({ ...m, name: evil[i % evil.length]! }));
    const modelNames = Object.fromEntries(SIGNALS.flatMap((s) => ('model' in s ? [[s.model, evil[0]!]] : [])));
    modelNames['anthropic/claude-sonnet-4.5'] = evil[3]!;
    return brief({ market: market({ models }), modelNames, signals: SIGNALS.slice(1) });
  };
  const normalLines = (platform: Platform) => renderBrief(brief({ signals: SIGNALS.slice(1) }), platform).split('\n').length;

  it('slack: no mention, link or formatting from data gets through', () => {
    const out = renderBrief(hostileBrief(), 'slack');
    expect(out).not.toContain('<!channel>');
    expect(out).not.toContain('<https');
    expect(out).not.toContain('`');
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).not.toMatch(/\*bold\*/);
  });

  it('discord: no mention, masked link or markdown from data gets through', () => {
    const out = renderBrief(hostileBrief(), 'discord');
    expect(out).not.toMatch(/@(everyone|here)/);
    expect(out).not.toMatch(/<[@#]/);
    expect(out).not.toContain('https://');
    expect(out).toContain('\\*bold\\*');
    expect(out).toContain('\\`code\\`');
    // Rows start with "#1", never a heading ("# x") made from data.
    expect(out).not.toMatch(/^#{1,3} /m);
  });

  it('text: no terminal escapes', () => {
    const out = renderBrief(hostileBrief(), 'text');
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('every platform: names stay on one line and are capped', () => {
    for (const platform of PLATFORMS) {
      const out = renderBrief(hostileBrief(), platform);
      expect(out.split('\n'), platform).toHaveLength(normalLines(platform));
      expect(out).not.toContain('A'.repeat(81));
      expect(out).toContain(`${'A'.repeat(20)}…`);
    }
  });
});

describe('briefToJson', () => {
  it('keeps the contract field names', () => {
    const json = briefToJson(brief());
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['week', 'start', 'end', 'asOf', 'source', 'totalTokens', 'countries', 'models', 'signals', 'coverage', 'restatements']),
    );
    expect(Object.keys(json.countries[0]!).sort()).toEqual(['country', 'previousTokens', 'share', 'tokens']);
    expect(Object.keys(json.models[0]!).sort()).toEqual(['country', 'id', 'name', 'previousRank', 'previousTokens', 'price', 'rank', 'share', 'tokens']);
    expect(json.models[0]!.price).toEqual({ input: 0.3, output: 1.1 });
    expect(Object.keys(json.coverage).sort()).toEqual(['complete', 'daysPresent', 'reasons']);
    expect(Object.keys(json.signals[0]!).slice(0, 3)).toEqual(['kind', 'rule', 'threshold']);
    expect(json.signals[0]).toMatchObject({ kind: 'country_crossover', leader: 'CN', trailer: 'US', threshold: { minTokens: 100e9 } });
    expect(Object.keys(json.restatements[0]!).sort()).toEqual(['date', 'fromAsOf', 'fromTokens', 'permaslug', 'toAsOf', 'toTokens']);
  });

  it('lists all ranked models, not just the top 10, with raw numbers', () => {
    const json = briefToJson(brief());
    expect(json.models).toHaveLength(MODELS.length);
    expect(json.models[7]).toMatchObject({ id: 'stealth/sonoma-sky', price: null, previousRank: 9 });
    expect(json.totalTokens).toBe(8e12);
    expect(json.week).toBe('2026-W07');
  });

  it('renderBrief json is that object, parseable, with the licence', () => {
    const parsed = JSON.parse(renderBrief(brief(), 'json')) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(briefToJson(brief()))));
    expect(parsed['license']).toBe('CC BY 4.0');
  });
});
