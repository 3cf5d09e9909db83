import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import type { Brief, MarketModel } from '../../src/core/types.js';
import {
  BRIEF_COLOURS,
  DISCORD_LIMITS,
  briefMessages,
  capText,
  chunkLines,
  discordMessages,
  splitContent,
  type DiscordMessage,
} from '../../src/render/discord-embeds.js';
import { EMPTY_CHANNEL_SETTINGS } from '../../src/core/thresholds.js';
import { MODELS, brief, market } from './fixtures.js';

const chars = (text: string | undefined): number => [...(text ?? '')].length;

/** Every limit Discord checks on a message, as the problems found (none = Discord accepts it). */
function problems(message: DiscordMessage): string[] {
  const found: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || found.push(what));
  check(chars(message.content) <= DISCORD_LIMITS.content, 'content');
  check(message.content !== '' || message.embeds.length > 0, 'empty');
  check(message.embeds.length <= DISCORD_LIMITS.embedsPerMessage, 'embeds');
  let total = 0;
  for (const embed of message.embeds) {
    check(chars(embed.title) <= DISCORD_LIMITS.title, 'title');
    check(chars(embed.description) <= DISCORD_LIMITS.description, 'description');
    check(chars(embed.footer?.text) <= DISCORD_LIMITS.footer, 'footer');
    check(embed.fields.length <= DISCORD_LIMITS.fields, 'fields');
    check(embed.color >= 0 && embed.color <= 0xffffff, 'color');
    check(embed.description !== undefined || embed.fields.length > 0, 'empty embed');
    for (const field of embed.fields) {
      check(chars(field.name) >= 1 && chars(field.name) <= DISCORD_LIMITS.fieldName, 'field name');
      check(chars(field.value) >= 1 && chars(field.value) <= DISCORD_LIMITS.fieldValue, 'field value');
      total += chars(field.name) + chars(field.value);
    }
    total += chars(embed.title) + chars(embed.description) + chars(embed.footer?.text);
  }
  check(total <= DISCORD_LIMITS.embedTotal, 'embed total');
  return found;
}

function bigModel(i: number, name: string): MarketModel {
  return { ...(MODELS[0] as MarketModel), rank: i + 1, id: `lab${i}/m-${i}`, modelId: `lab${i}/m-${i}`, name, previousRank: 60 - i, changePct: 50 };
}

/** 60 ranked models with names made of markdown characters, every one of them a mover, 60 countries. */
function hugeBrief(): Brief {
  const names = Array.from({ length: 60 }, (_, i) => `${i} ${'@everyone *_~`|>[]()'.repeat(30)}`);
  const models = names.map((name, i) => bigModel(i, name));
  const modelNames = Object.fromEntries(models.map((m) => [m.id, m.name]));
  const signals = models.flatMap((m) => [
    { kind: 'rank_move' as const, model: m.id, from: 60 - m.rank, to: m.rank, rule: 'r', threshold: {} },
    { kind: 'price_change' as const, model: m.id, field: 'output' as const, from: 1, to: 2, changePct: 100, rule: 'r', threshold: {} },
    { kind: 'new_model' as const, model: m.id, price: { input: 1, output: 2 }, rule: 'r', threshold: {} },
  ]);
  const countries = Array.from({ length: 300 }, (_, i) => ({ country: `Q${i}`, tokens: 1e9, share: 0.001, previousTokens: 1e9 }));
  return brief({
    market: market({ models, countries, coverage: { daysPresent: 3, complete: false, reasons: Array.from({ length: 40 }, () => 'x'.repeat(400)) } }),
    signals,
    modelNames,
    restatements: Array.from({ length: 40 }, (_, i) => ({ date: `2026-02-${String((i % 28) + 1).padStart(2, '0')}`, permaslug: `p${i}`, fromTokens: 1, toTokens: 2, fromAsOf: 'a', toAsOf: 'b' })),
  });
}

describe('briefMessages', () => {
  it('lays the brief out as one embed: title, headline, market, top 10, lists, and the source line as footer', () => {
    const [message, ...more] = briefMessages(brief());

    expect(more).toEqual([]);
    expect(message?.content).toBe('');
    const [embed] = message?.embeds ?? [];
    expect(embed?.title).toBe('Weekly brief · week 2026-W07 (Feb 9–15, 2026)');
    expect(embed?.description).toBe('**Chinese models passed US models: 4.12T vs 2.94T tokens**');
    expect(embed?.color).toBe(BRIEF_COLOURS.country_crossover);
    expect(embed?.footer).toEqual({ text: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-02-16T02:00:00Z.' });
    expect(embed?.fields.map((f) => f.name)).toEqual([
      'Market: 8.00T tokens, +25% week over week',
      'Top 10 (tokens · share · week over week · output per 1M)',
      'Movers',
      'Prices',
      'New models',
      'Revisions',
    ]);
    const field = (name: string) => embed?.fields.find((f) => f.name.startsWith(name))?.value ?? '';
    expect(field('Market').split('\n')).toEqual([
      '🇨🇳 CN  4.12T · 51.5% · +81.5%',
      '🇺🇸 US  2.94T · 36.8% · −5.2%',
      '🇫🇷 FR  200B · 2.5% · +5.3%',
      'Unattributed  300B · 3.8% · +200%',
      'Long tail  440B · 5.5% · −12%',
    ]);
    expect(field('Top').split('\n')).toHaveLength(10);
    expect(field('Top').split('\n')[0]).toBe('#1 new **MiniMax M2.5** 🇨🇳  1.90T · 23.8% · new · $1.10');
    expect(field('Movers')).toContain('- MiniMax M2.5 is the new #1, passing Claude Sonnet 4.5');
    expect(field('Prices')).toContain('- Z.ai GLM-5 input $0.30 → $0.95 (+217%)');
    expect(problems(message as DiscordMessage)).toEqual([]);
  });

  it('colours a week without signals grey and says where things stand; notes the sample source and an incomplete week', () => {
    const [message] = briefMessages(
      brief({ signals: [], source: 'sample', market: market({ coverage: { daysPresent: 5, complete: false, reasons: ['2 days missing'] } }) }),
    );
    const embed = message?.embeds[0];

    expect(embed?.color).toBe(BRIEF_COLOURS.quiet);
    // An incomplete week fires no comparisons: it is "so far", not "quiet".
    expect(embed?.description).toContain('**Week so far (5 of 7 days): 8.00T tokens; MiniMax M2.5 leads with 23.8%**');
    expect(embed?.fields[0]).toEqual({ name: '⚠️ Incomplete week: data for 5 of 7 days. These figures will change.', value: '- 2 days missing' });
    // The sample note stands with the source line in the footer of every message that shows figures.
    expect(embed?.footer?.text).toBe('Sample data bundled with tokenbrief, not live figures.\nSource: OpenRouter (openrouter.ai/rankings), as of 2026-02-16T02:00:00Z.');
  });

  it('a note goes above the embeds as content', () => {
    expect(briefMessages(brief(), { note: '*A note*' })[0]?.content).toBe('*A note*');
  });

  it('splits a brief of any size across fields, embeds and messages, every one within Discord\'s limits, dropping nothing', () => {
    const huge = hugeBrief();
    const messages = briefMessages(huge);

    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(problems(message)).toEqual([]);
      expect(message.embeds.at(-1)?.footer?.text).toMatch(/^Source: OpenRouter/);
    }
    const fields = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields));
    expect(fields.filter((f) => /^Market: .* \(continued\)$/.test(f.name)).length).toBeGreaterThan(1);
    const market = fields.filter((f) => f.name.startsWith('Market')).flatMap((f) => f.value.split('\n'));
    expect(market).toHaveLength(300);
    const top = fields.filter((f) => f.name.startsWith('Top 10')).flatMap((f) => f.value.split('\n'));
    expect(top).toHaveLength(10);
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Movers', 'Prices', 'New models', 'Revisions']));
    expect(fields.filter((f) => f.name.startsWith('⚠️ Incomplete week')).flatMap((f) => f.value.split('\n'))).toHaveLength(40);
    // Data is escaped: no mention survives, no markdown character is left bare in a name.
    const text = JSON.stringify(messages);
    expect(text).not.toMatch(/@everyone/);
    expect(top[0]).toMatch(/^#1 ▲59 \*\*0 @\u200beveryone \\\*\\_\\~\\`\\\|\\>\\\[\\\]\\\(\\\)/);
  });
});

describe('discordMessages', () => {
  it("a preview carries the channel's settings above the brief, its watchlist escaped", () => {
    const settings = { thresholds: { topN: 5 }, watchlist: ['moonshotai/kimi-k2.5', '@everyone'] };
    const [message] = discordMessages({ kind: 'brief_preview', brief: brief(), settings, defaultSignals: 1, visibility: 'asker' });
    expect(message?.content.split('\n').slice(1)).toEqual([
      `${brief().signals.length} signals fire under this channel's settings (${brief().signals.length - 1} more than the defaults).`,
      'Thresholds changed here: topN 5 (default 10).',
      'Watching: moonshotai/kimi-k2.5, @\u200beveryone.',
    ]);
    expect(problems(message as DiscordMessage)).toEqual([]);
  });

  it('renders answers as markdown content, split between lines at 2000 characters', () => {
    const models = Array.from({ length: 25 }, (_, i) => bigModel(i, `${'Long*Name '.repeat(8)}${i}`));
    const reply: Reply = {
      kind: 'answer',
      answer: { kind: 'top', week: '2026-W07', asOf: '2026-02-16T02:00:00Z', country: null, totalTokens: 8e12, models },
      visibility: 'channel',
    };

    const messages = discordMessages(reply);

    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(problems(message)).toEqual([]);
      expect(message.embeds).toEqual([]);
      expect((message.content.match(/\*\*/g) ?? []).length % 2).toBe(0);
    }
    expect(messages.at(-1)?.content).toMatch(/Source: OpenRouter/);
  });

  it('gives the brief preview its embeds', () => {
    const preview: Reply = { kind: 'brief_preview', brief: brief(), settings: EMPTY_CHANNEL_SETTINGS, defaultSignals: 0, visibility: 'asker' };

    expect(discordMessages(preview)[0]).toMatchObject({
      content: expect.stringMatching(/^\*Preview \(only you can see this\): .*\*\n\d+ signals? fires? under this channel's settings/),
      embeds: [{ title: expect.stringContaining('Weekly brief') }],
    });
    expect(discordMessages({ kind: 'forbidden', action: 'post_brief', visibility: 'asker' })).toEqual([
      { content: 'Only members with the Manage Server permission can post the brief.', embeds: [] },
    ]);
  });
});

describe('capText and chunkLines', () => {
  it('cuts at a code-point count, never leaving a backslash to escape the ellipsis', () => {
    expect(capText('abcdef', 6)).toBe('abcdef');
    expect(capText('abcdef', 4)).toBe('abc…');
    expect(capText('ab\\*cd', 4)).toBe('ab…');
    expect(capText('🚀🚀🚀', 2)).toBe('🚀…');
  });

  it('packs whole lines into chunks, cutting only a line that alone is too long', () => {
    expect(chunkLines(['aaa', 'bbb', 'ccc'], 7)).toEqual(['aaa\nbbb', 'ccc']);
    expect(chunkLines(['x'.repeat(10), 'y'], 5)).toEqual(['xxxx…', 'y']);
    expect(chunkLines([], 5)).toEqual([]);
    expect(splitContent('')).toEqual([]);
  });
});
