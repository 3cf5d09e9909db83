import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './harness.js';

// Answers that used to say less than the truth: a model that exists but not that week, a — price,
// a bloc title, a model compared with itself.

describe('"No model matches" only when no model matches', () => {
  it('a model listed after the week asked about says it exists and when it was first listed', async () => {
    const run = await cli(['price', 'minimax', 'm2.5', '--week', '2026-W06', '--source', 'sample']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'No model matches "minimax m2.5" in week 2026-W06, but MiniMax M2.5 (minimax/minimax-m2.5) exists: OpenRouter first listed it on 2026-02-13, after that week, so the week has no usage or price for it.\n',
    );
    const json = await cli(['price', 'minimax', 'm2.5', '--week', '2026-W06', '--source', 'sample', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ match: null, listedLater: { id: 'minimax/minimax-m2.5', firstListed: '2026-02-13', week: '2026-W06' } });
  });

  it('compare says the same for either side', async () => {
    const run = await cli(['compare', 'kimi', 'vs', 'minimax m2.5', '--week', '2026-W06', '--source', 'sample', '--format', 'slack']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('MiniMax M2.5 (minimax/minimax-m2.5) exists: OpenRouter first listed it on 2026-02-13');
  });

  it('a name nothing matches in any week still says no match, with suggestions or examples', async () => {
    const run = await cli(['price', 'zzzzqqq', '--source', 'sample']);
    expect(run.stdout).toMatch(/^No model matches "zzzzqqq"\.\nTry a model name or id/);
  });
});

describe('a — price is explained', () => {
  it('price of a stealth model (ranked #3, not in the catalog) says why it has no price', async () => {
    const run = await cli(['price', 'pony', 'alpha', '--week', '2026-W07', '--source', 'sample']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Price per 1M tokens: — input, — output\nNo price (—): OpenRouter\'s model catalog does not list Pony Alpha in week 2026-W07; it appears only in the usage rankings, as stealth models do before their lab is announced.');
    expect(run.stdout).toContain('Week 2026-W07: #3 with 1.04T tokens');
  });

  it.each(['text', 'slack', 'discord'])('top and compare explain — in %s; a priced model gets no such note', async (format) => {
    const top = await cli(['top', '5', '--week', '2026-W07', '--source', 'sample', '--format', format]);
    expect(top.stdout).toContain("—: no price listed; the model is ranked but not in OpenRouter's model catalog (a stealth model).");
    const compare = await cli(['compare', 'pony alpha', 'kimi', '--week', '2026-W07', '--source', 'sample', '--format', format]);
    expect(compare.stdout).toContain("Pony Alpha has no price (—): it is not in OpenRouter's model catalog");
    expect(compare.stdout).not.toContain('Kimi K2.5 has no price');
    const priced = await cli(['price', 'kimi', '--source', 'sample', '--format', format]);
    expect(priced.stdout).not.toContain('No price');
  });
});

describe('smaller', () => {
  it('top --country unattributed titles the bloc by name', async () => {
    const text = await cli(['top', '--country', 'unattributed', '--source', 'sample']);
    expect(text.stdout).toMatch(/^Top 2 unattributed models, week 2026-W10/);
    const slack = await cli(['top', 'unattributed', '--source', 'sample', '--format', 'slack']);
    expect(slack.stdout).toMatch(/^\*Top 2 unattributed models, week 2026-W10\*/);
    const cn = await cli(['top', '3', 'CN', '--source', 'sample', '--format', 'discord']);
    expect(cn.stdout).toMatch(/^\*\*Top 3 🇨🇳 CN models/);
  });

  it('compare of a model with itself says so (exit 1) instead of comparing silently', async () => {
    const run = await cli(['compare', 'kimi', 'kimi', '--source', 'sample']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('"kimi" and "kimi" are both Kimi K2.5 (moonshotai/kimi-k2.5): name two different models.\n');
    const slack = await cli(['compare', 'kimi', 'vs', 'kimi k2.5', '--source', 'sample', '--format', 'slack']);
    expect(slack.stdout).toBe(':warning: "kimi" and "kimi k2.5" are both Kimi K2.5 (moonshotai/kimi-k2.5): name two different models.\n');
    expect(await cli(['compare', 'kimi', 'kimi', '--source', 'sample', '--format', 'json'])).toMatchObject({ code: 1 });
    const other = await cliJson(['compare', 'kimi', 'opus', '--source', 'sample']);
    expect(other).toMatchObject({ a: { id: 'moonshotai/kimi-k2.5' } });
  });
});
