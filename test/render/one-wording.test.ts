import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { renderBrief } from '../../src/render/brief.js';
import { briefMessages as discordBrief, discordMessages, failureMessages } from '../../src/render/discord-embeds.js';
import { renderFailure } from '../../src/render/failures.js';
import { renderReply } from '../../src/render/replies.js';
import { briefMessages as slackBrief, briefPreviewMessages, textMessages, type SlackBlock } from '../../src/render/slack-blocks.js';
import { loadTemplates, TEMPLATE_DIR, type Templates } from '../../src/render/templates.js';
import { answers, brief, market } from './fixtures.js';

// The templates are the one place a sentence of a brief or a reply is written: change a template
// and the Slack messages and the Discord messages say the new words, with no code changed.

const copy = mkdtempSync(join(tmpdir(), 'templates-'));
cpSync(TEMPLATE_DIR, copy, { recursive: true });
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function rewrite(file: string, from: string, to: string): void {
  const path = join(copy, file);
  const text = readFileSync(path, 'utf8');
  expect(text, file).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

rewrite('slack/brief-movers.hbs', '*Movers*', '*Who moved*');
rewrite('discord/brief-movers.hbs', '**Movers**', '**Who moved**');
rewrite('slack/brief-market.hbs', 'week over week', 'vs last week');
rewrite('discord/brief-market.hbs', 'week over week', 'vs last week');
rewrite('slack/brief-footer.hbs', '{{{footer}}}', 'Figures: {{{footer}}}');
rewrite('discord/brief-footer.hbs', '{{{footer}}}', 'Figures: {{{footer}}}');
rewrite('slack/brief-title.hbs', 'AI model market', 'Token market');
rewrite('discord/brief-title.hbs', 'Weekly brief', 'Token market');
rewrite('slack/brief-incomplete.hbs', 'These figures will change.', 'Expect revisions.');
rewrite('discord/brief-incomplete.hbs', 'These figures will change.', 'Expect revisions.');
for (const platform of ['slack', 'discord']) {
  rewrite(`${platform}/sentence.hbs`, 'is the new #1, passing', 'took #1 from');
  rewrite(`${platform}/sentence.hbs`, 'Source: OpenRouter (openrouter.ai/rankings)', 'Data: OpenRouter');
  rewrite(`${platform}/sentence.hbs`, '{{#if cheaper}}cheaper{{else}}pricier{{/if}} than', '{{#if cheaper}}less{{else}}more{{/if}} than');
  rewrite(`${platform}/price.hbs`, 'Price per 1M tokens:', 'Cost per 1M tokens:');
  rewrite(`${platform}/preview.hbs`, "under this channel's settings", 'with this channel as set up');
  rewrite(`${platform}/preview.hbs`, 'Thresholds: the defaults', 'Thresholds: unchanged');
  rewrite(`${platform}/settings.hbs`, '{{{name}}} set to {{{value}}}', '{{{name}}} is now {{{value}}}');
  rewrite(`${platform}/settings.hbs`, 'that counts as a surge', 'that makes a surge');
  rewrite(`${platform}/forbidden.hbs`, 'can {{> action}}', 'may {{> action}}');
  rewrite(`${platform}/failure.hbs`, "I couldn't save that change", 'That change was not saved');
}
const changed = loadTemplates(pathToFileURL(`${copy}/`));

const texts = (blocks: readonly SlackBlock[] = []): string[] =>
  blocks.flatMap((b) => (b.type === 'context' ? b.elements.map((e) => e.text) : [b.text.text]));

describe('a sentence changed in a template', () => {
  const incomplete = brief({ market: market({ coverage: { daysPresent: 5, complete: false, reasons: ['2 days missing'] } }) });

  it('changes what the Slack post shows', () => {
    const before = slackBrief(incomplete).flatMap((m) => texts(m.blocks)).join('\n');
    const after = slackBrief(incomplete, changed).flatMap((m) => texts(m.blocks)).join('\n');
    expect(before).toContain('*Movers*');
    expect(after).not.toContain('*Movers*');
    expect(after).toContain('*Who moved*');
    expect(after).toContain('tokens, +25% vs last week');
    expect(after).toContain('Expect revisions.');
    expect(after).toMatch(/^Figures: Data: OpenRouter, as of /m);
    expect(before).toContain('MiniMax M2.5 is the new #1, passing Claude Sonnet 4.5');
    expect(after).toContain('MiniMax M2.5 took #1 from Claude Sonnet 4.5');
    expect(after).not.toContain('is the new #1');
    expect(slackBrief(incomplete, changed)[0]?.blocks?.[0]).toMatchObject({ type: 'header', text: { text: 'Token market · week 2026-W07 (Feb 9–15, 2026)' } });
  });

  it('changes what the Discord embeds show', () => {
    const [embed] = discordBrief(incomplete, { templates: changed })[0]?.embeds ?? [];
    expect(embed?.title).toBe('Token market · week 2026-W07 (Feb 9–15, 2026)');
    expect(embed?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Who moved', 'Market: 8.00T tokens, +25% vs last week']));
    expect(embed?.fields.map((f) => f.name)).not.toContain('Movers');
    expect(embed?.fields[0]?.name).toBe('⚠️ Incomplete week: data for 5 of 7 days. Expect revisions.');
    expect(embed?.footer?.text).toMatch(/^Figures: Data: OpenRouter, as of /);
    expect(embed?.fields.find((f) => f.name === 'Who moved')?.value).toContain('- MiniMax M2.5 took #1 from Claude Sonnet 4.5');
  });

  it('the chat layouts hold exactly the lines the plain rendering has, nothing written twice in code', () => {
    const plainLines = (text: string) => text.split('\n').filter((line) => line !== '');
    const slackPost = slackBrief(incomplete).flatMap((m) => texts(m.blocks)).flatMap(plainLines);
    // The Slack header is the title; the brief's "Week …" line is the one line only the plain rendering has.
    const slackText = plainLines(renderBrief(incomplete, 'slack')).filter((line) => !line.startsWith('Week 2026-W07'));
    expect(slackPost.slice(1)).toEqual(slackText);

    const [embed] = discordBrief(incomplete)[0]?.embeds ?? [];
    const discordText = plainLines(renderBrief(incomplete, 'discord')).map((line) => line.replace(/\*\*/g, ''));
    const embedLines = [embed?.description ?? '', ...(embed?.fields ?? []).flatMap((f) => [f.name, f.value]), embed?.footer?.text ?? '']
      .flatMap(plainLines)
      .map((line) => line.replace(/\*\*/g, ''));
    expect(embedLines.sort()).toEqual(discordText.filter((line) => !line.startsWith('Week 2026-W07')).sort());
  });
});

describe('a sentence changed in a reply template', () => {
  const price: Reply = { kind: 'answer', answer: answers()[0]!, visibility: 'channel' };
  const preview: Reply = { kind: 'brief_preview', brief: brief(), settings: { thresholds: {}, watchlist: [] }, defaultSignals: brief().signals.length, visibility: 'asker' };
  const settings: Reply = {
    kind: 'settings',
    thresholds: { rankMovePlaces: 2, topN: 10, surgePct: 40, slumpPct: 30, minTokens: 1e11, priceChangePct: 5 },
    settings: { thresholds: { surgePct: 40 }, watchlist: [] },
    change: { action: 'set', name: 'surgePct', value: 40 },
    visibility: 'asker',
  };
  const forbidden: Reply = { kind: 'forbidden', action: 'post_brief', visibility: 'asker' };

  const slack = (reply: Reply, templates?: Templates) =>
    (reply.kind === 'brief_preview' ? briefPreviewMessages(reply, templates) : textMessages(renderReply(reply, 'slack', templates), templates))
      .flatMap((m) => [m.text, ...texts(m.blocks)])
      .join('\n');
  const discord = (reply: Reply, templates?: Templates) =>
    discordMessages(reply, templates)
      .flatMap((m) => [m.content, ...m.embeds.flatMap((e) => [e.description ?? '', ...e.fields.flatMap((f) => [f.name, f.value])])])
      .join('\n');

  it.each([
    ['an answer', price, 'Price per 1M tokens:', 'Cost per 1M tokens:'],
    ['a sentence of an answer', price, 'Output is 22.7× cheaper than', 'Output is 22.7× less than'],
    ['a preview line', preview, "signals fire under this channel's settings", 'signals fire with this channel as set up'],
    ['a second preview line', preview, 'Thresholds: the defaults', 'Thresholds: unchanged'],
    ['a settings change', settings, 'Done: surgePct set to 40.', 'Done: surgePct is now 40.'],
    ["a threshold's meaning", settings, 'week-over-week growth (%) that counts as a surge', 'week-over-week growth (%) that makes a surge'],
    ['a refusal', forbidden, 'can post the brief.', 'may post the brief.'],
  ] as const)('%s changes on Slack and on Discord', (_, reply, before, after) => {
    for (const [platform, render] of [['slack', slack], ['discord', discord]] as const) {
      expect(render(reply), platform).toContain(before);
      expect(render(reply, changed), platform).toContain(after);
      expect(render(reply, changed), platform).not.toContain(before);
    }
  });

  it('a failure text changes on Slack and on Discord', () => {
    const failure = { kind: 'not_saved' } as const;
    expect(renderFailure('slack', failure)).toMatch(/^I couldn't save that change: /);
    expect(renderFailure('slack', failure, { templates: changed })).toMatch(/^That change was not saved: /);
    expect(failureMessages(failure)[0]?.content).toMatch(/^⚠️ I couldn't save that change: /);
    expect(failureMessages(failure, changed)[0]?.content).toMatch(/^⚠️ That change was not saved: /);
  });
});
