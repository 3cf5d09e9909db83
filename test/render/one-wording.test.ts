import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/render/brief.js';
import { briefMessages as discordBrief } from '../../src/render/discord-embeds.js';
import { briefMessages as slackBrief, type SlackBlock } from '../../src/render/slack-blocks.js';
import { loadTemplates, TEMPLATE_DIR } from '../../src/render/templates.js';
import { brief, market } from './fixtures.js';

// The templates are the one place a sentence of the brief is written: change a template and the
// Slack blocks and the Discord embeds say the new words, with no code changed.

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
