import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/week.js';
import { cli, tempDir } from './harness.js';

// Model names come from third-party data: whatever they contain, no format may ping, link or break layout.

const HOSTILE = '<!channel> @everyone @here <@U123> <https://evil.example|click> [x](https://evil.example) *b* `c`\n# h \u001b[2J';

function recording(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'rankings-daily'));
  mkdirSync(join(dir, 'models'));
  const data = [];
  for (let i = 0; i < 14; i++) {
    const date = addDays('2026-02-02', i);
    data.push(
      { date, model_permaslug: 'evil/model-20260101', total_tokens: String(9e11 + i * 1e10) },
      { date, model_permaslug: 'openai/gpt-5', total_tokens: '500000000000' },
      { date, model_permaslug: 'other', total_tokens: '50000000000' },
    );
  }
  const meta = { as_of: '2026-02-16T02:00:00Z', version: 'v1', start_date: '2026-02-02', end_date: '2026-02-15' };
  writeFileSync(join(dir, 'rankings-daily', 'w.json'), JSON.stringify({ data, meta }));
  const model = (id: string, slug: string, name: string) => ({ id, canonical_slug: slug, name, created: 1767225600, context_length: 1000, pricing: { prompt: '0.000001', completion: '0.000002' } });
  writeFileSync(
    join(dir, 'models', '2026-02-15.json'),
    JSON.stringify({ data: [model('evil/model', 'evil/model-20260101', HOSTILE), model('openai/gpt-5', 'openai/gpt-5', 'OpenAI: GPT-5')] }),
  );
  return `file:${dir}`;
}

describe('hostile model names render inert', () => {
  const source = recording();

  it('slack: control characters escaped, so no <!channel>, user ping or link survives', async () => {
    for (const argv of [['brief', '--week', '2026-W07'], ['price', 'evil'], ['top']]) {
      const run = await cli([...argv, '--source', source, '--format', 'slack']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('&lt;!channel&gt;');
      expect(run.stdout).not.toMatch(/<!channel>|<!here>|<@U123>|<https:\/\/evil/);
      expect(run.stdout).not.toContain('\u001b');
    }
  });

  it('discord: mentions broken, markdown and masked links escaped', async () => {
    for (const argv of [['brief', '--week', '2026-W07'], ['price', 'evil'], ['top']]) {
      const run = await cli([...argv, '--source', source, '--format', 'discord']);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/@everyone|@here|<@U123>/);
      expect(run.stdout).not.toMatch(/(?<!\\)\[x(?<!\\)\]\(/);
      expect(run.stdout).not.toMatch(/https:\/\/evil/);
      expect(run.stdout).not.toContain('\u001b');
    }
  });

  it('text: no terminal escape sequences or injected lines', async () => {
    const run = await cli(['brief', '--week', '2026-W07', '--source', source]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).not.toMatch(/^# h/m);
  });

  it('json keeps the name as data (consumers escape for their own medium)', async () => {
    const run = await cli(['brief', '--week', '2026-W07', '--source', source, '--format', 'json']);
    const brief = JSON.parse(run.stdout) as { models: Array<{ id: string; name: string }> };
    expect(brief.models.find((m) => m.id === 'evil/model')?.name).toBe(HOSTILE);
  });
});
