import { describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/render/brief.js';
import type { Reply } from '../../src/core/reply.js';
import type { ChannelSettings } from '../../src/core/thresholds.js';
import { briefMessages, briefPreviewMessages, shortenedNote, SLACK_LIMITS, textMessages, type SlackBlock, type SlackMessage } from '../../src/render/slack-blocks.js';
import { bigBrief, HOSTILE_NAME } from '../adapters/slack/briefs.js';
import { brief, market } from './fixtures.js';

const chars = (text: string) => [...text].length;

function texts(blocks: readonly SlackBlock[] = []): string[] {
  return blocks.flatMap((b) => (b.type === 'context' ? b.elements.map((e) => e.text) : [b.text.text]));
}

/** Every limit Slack enforces on a message, plus: data text escaped, entities never cut. */
function expectWithinLimits(message: SlackMessage): void {
  const blocks = message.blocks ?? [];
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(chars(message.text)).toBeGreaterThan(0);
  expect(chars(message.text)).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  for (const block of blocks) {
    if (block.type === 'header') {
      expect(block.text.type).toBe('plain_text');
      expect(chars(block.text.text)).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    } else if (block.type === 'section') {
      expect(chars(block.text.text)).toBeGreaterThan(0);
      expect(chars(block.text.text)).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    } else {
      expect(block.elements.length).toBeGreaterThan(0);
      expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
    }
  }
  expect(texts(blocks).reduce((sum, t) => sum + chars(t), 0)).toBeLessThanOrEqual(SLACK_LIMITS.blockText);
  for (const text of [message.text, ...texts(blocks)]) {
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  }
}

describe('briefMessages', () => {
  it('lays the brief out as a header, one section per part, and the source line in a context footer', () => {
    const [message, ...more] = briefMessages(brief());
    expect(more).toEqual([]);
    if (!message) throw new Error('no message');
    expectWithinLimits(message);
    const blocks = message.blocks ?? [];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'AI model market · week 2026-W07 (Feb 9–15, 2026)', emoji: true } });
    expect(blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Chinese models passed US models: 4.12T vs 2.94T tokens*' } });
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-02-16T02:00:00Z.' }] });
    const sections = texts(blocks.filter((b) => b.type === 'section'));
    expect(sections.map((t) => t.split('\n')[0])).toEqual([
      '*Chinese models passed US models: 4.12T vs 2.94T tokens*',
      '*Market:* 8.00T tokens, +25% week over week',
      '*Top 10* (tokens · share · week over week · output per 1M)',
      '*Movers*',
      '*Prices*',
      '*New models*',
      '*Revisions*',
    ]);
    expect(message.text).toBe('Week 2026-W07: Chinese models passed US models: 4.12T vs 2.94T tokens');
  });

  it('says what the mrkdwn brief says, line for line (the week line becomes the header)', () => {
    const mrkdwn = renderBrief(brief(), 'slack')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('Week 2026-W07'));
    const blockLines = briefMessages(brief()).flatMap((m) => texts(m.blocks).flatMap((t) => t.split('\n')));
    expect(blockLines.slice(1)).toEqual(mrkdwn);
  });

  it('warns about an incomplete week, and names the bundled sample as the source', () => {
    const incomplete = brief({
      source: 'sample',
      market: market({ coverage: { daysPresent: 5, complete: false, reasons: ['2 of 7 days missing (Sat, Sun)'] } }),
    });
    const [message] = briefMessages(incomplete);
    const all = texts(message?.blocks);
    expect(all).toContain(':warning: *Incomplete week: data for 5 of 7 days.* These figures will change.\n• 2 of 7 days missing (Sat, Sun)');
    expect(message?.blocks?.at(-1)).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Sample data bundled with tokenbrief, not live figures.' },
        { type: 'mrkdwn', text: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-02-16T02:00:00Z.' },
      ],
    });
  });

  it('a quiet week with no models still makes a valid message', () => {
    const quiet = brief({ signals: [], restatements: [], market: market({ models: [], countries: [], previousRanking: [], totalTokens: 0 }) });
    const messages = briefMessages(quiet);
    expect(messages).toHaveLength(1);
    messages.forEach(expectWithinLimits);
    expect(texts(messages[0]?.blocks)).toContain('*A quiet week: no usage recorded*');
  });

  it(`a model named ${HOSTILE_NAME} renders inert`, () => {
    const hostile = bigBrief(12, (i) => `${HOSTILE_NAME} ${i}`);
    const messages = briefMessages(hostile);
    messages.forEach(expectWithinLimits);
    const all = messages.flatMap((m) => [m.text, ...texts(m.blocks)]).join('\n');
    expect(all).toContain('&lt;!channel&gt; @everyone &lt;https:\u200b//x|y&gt;');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<https://');
  });

  it.each([
    ['2000-character names', (i: number) => `Model ${i} ${'x'.repeat(2000)}`],
    ['names made of characters that escape five-fold', (i: number) => `${i} ${'&'.repeat(2000)}`],
    ['names full of markup', (i: number) => `${HOSTILE_NAME} *_~\` ${'<&>'.repeat(700)} ${i}`],
  ])('60 models with %s: every message fits Slack, split into continuations when needed', (_label, name) => {
    const messages = briefMessages(bigBrief(60, name));
    messages.forEach(expectWithinLimits);
    const blocks = messages.flatMap((m) => m.blocks ?? []);
    expect(blocks.filter((b) => b.type === 'header')).toHaveLength(1);
    expect(messages[0]?.blocks?.[0]?.type).toBe('header');
    expect(messages.at(-1)?.blocks?.at(-1)?.type).toBe('context');
    messages.slice(1).forEach((m, i) => expect(m.text).toMatch(new RegExp(`\\(continued, ${i + 2}/${messages.length}\\)$`)));
    // Nothing dropped: the brief's ten rows, and each list's items, are all there.
    const all = texts(blocks).join('\n');
    expect(all.match(/^#\d+ /gm)).toHaveLength(10);
    expect(all).toContain('*Revisions*');
  });

  it('splits the five-fold-escaping brief over two messages', () => {
    expect(briefMessages(bigBrief(60, (i) => `${i} ${'&'.repeat(2000)}`)).length).toBeGreaterThan(1);
  });
});

describe('briefPreviewMessages', () => {
  const preview = (settings: ChannelSettings, defaultSignals: number): Extract<Reply, { kind: 'brief_preview' }> => ({
    kind: 'brief_preview',
    brief: brief(),
    settings,
    defaultSignals,
    visibility: 'asker',
  });
  const signals = brief().signals.length;

  it('leads with a note: the defaults apply, and as many signals fire as under them', () => {
    const [message] = briefPreviewMessages(preview({ thresholds: {}, watchlist: [] }, signals));
    expect(message?.blocks?.[0]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: "_Preview (only you can see this): this week's brief with this channel's alert settings._" },
        { type: 'mrkdwn', text: `${signals} signals fire under this channel's settings (as many as the defaults).` },
        { type: 'mrkdwn', text: 'Thresholds: the defaults (`/alerts` shows them).' },
      ],
    });
    expect(message?.blocks?.[1]?.type).toBe('header');
    expect(message?.text).toBe('Preview of week 2026-W07: Chinese models passed US models: 4.12T vs 2.94T tokens');
  });

  it("names the channel's overrides against the defaults, and its watchlist (escaped)", () => {
    const [message] = briefPreviewMessages(
      preview({ thresholds: { surgePct: 25, minTokens: 1e9 }, watchlist: ['moonshotai/kimi-k2.5', HOSTILE_NAME] }, signals - 1),
    );
    if (!message) throw new Error('no message');
    expectWithinLimits(message);
    expect(texts(message.blocks).slice(1, 4)).toEqual([
      `${signals} signals fire under this channel's settings (1 more than the defaults).`,
      'Thresholds changed here: surgePct 25 (default 50) · minTokens 1.00B (default 100B).',
      'Watching: moonshotai/kimi-k2.5, &lt;!channel&gt; @everyone &lt;https:\u200b//x|y&gt;.',
    ]);
  });

  it('names at most ten watched models and counts the rest', () => {
    const watchlist = Array.from({ length: 14 }, (_, i) => `lab/model-${i}`);
    const [message] = briefPreviewMessages(preview({ thresholds: {}, watchlist }, signals + 3));
    const lines = texts(message?.blocks);
    expect(lines[1]).toBe(`${signals} signals fire under this channel's settings (3 fewer than the defaults).`);
    expect(lines[3]).toBe(`Watching: ${watchlist.slice(0, 10).join(', ')} and 4 more.`);
  });
});

describe('textMessages', () => {
  it('a short reply stays one plain message', () => {
    expect(textMessages('*Kimi K2.5* costs $2.20')).toEqual([{ text: '*Kimi K2.5* costs $2.20' }]);
  });

  it('a long reply becomes sections split at line breaks, nothing lost', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `#${i} ${'row '.repeat(10)}`);
    const messages = textMessages(lines.join('\n'));
    messages.forEach(expectWithinLimits);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.flatMap((m) => texts(m.blocks)).join('\n')).toBe(lines.join('\n'));
    expect(messages[0]?.text).toBe(lines[0]);
  });

  it('a single line longer than a section is cut between entities, never inside one', () => {
    const line = `start ${'&amp;'.repeat(2000)} end`;
    const messages = textMessages(line);
    messages.forEach(expectWithinLimits);
    expect(messages.flatMap((m) => texts(m.blocks)).join('')).toBe(line);
  });
});

describe('shortenedNote', () => {
  // Slack alone has a response_url that takes five posts: its template alone words the note.
  it('counts the parts left out, and points a brief preview at where it is whole', () => {
    expect(shortenedNote(1, null)).toBe('… (shortened: 1 more part)');
    expect(shortenedNote(3, null)).toBe('… (shortened: 3 more parts)');
    expect(shortenedNote(2, 'brief')).toBe('… (shortened: 2 more parts; use /brief post or the CLI for the whole brief)');
  });
});
