import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './harness.js';

interface BriefJson {
  week: string;
  asOf: string;
  source: string;
  countries: Array<{ country: string; tokens: number; share: number; previousTokens: number }>;
  models: Array<{ rank: number; id: string; name: string; country: string; tokens: number; price: { input: number | null; output: number | null } | null }>;
  signals: Array<{ kind: string; [field: string]: unknown }>;
}

const tokensOf = (brief: BriefJson, country: string) => brief.countries.find((c) => c.country === country)?.tokens ?? 0;
const near = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(0.005);

describe('tokenbrief brief --source sample (the published market figures)', () => {
  it('W07: CN 4.12T passes US 2.94T, and says so with a country_crossover led by CN', async () => {
    const brief = await cliJson<BriefJson>(['brief', '--source', 'sample', '--week', '2026-W07']);
    expect(brief.week).toBe('2026-W07');
    near(tokensOf(brief, 'CN'), 4.12e12);
    near(tokensOf(brief, 'US'), 2.94e12);
    expect(brief.signals).toContainEqual(expect.objectContaining({ kind: 'country_crossover', leader: 'CN', trailer: 'US' }));
    expect(brief.source).toBe('sample');
  });

  it('W08: CN 5.16T, US 2.70T, and the top 5 is four Chinese models (85.7% of it) plus one US model', async () => {
    const brief = await cliJson<BriefJson>(['brief', '--source', 'sample', '--week', '2026-W08']);
    near(tokensOf(brief, 'CN'), 5.16e12);
    near(tokensOf(brief, 'US'), 2.7e12);
    const top5 = brief.models.slice(0, 5);
    expect(top5.slice(0, 4).map((m) => m.id)).toEqual(['minimax/minimax-m2.5', 'moonshotai/kimi-k2.5', 'z-ai/glm-5', 'deepseek/deepseek-v3.2']);
    expect(top5[4]?.country).toBe('US');
    const cn = top5.filter((m) => m.country === 'CN').reduce((sum, m) => sum + m.tokens, 0);
    const all = top5.reduce((sum, m) => sum + m.tokens, 0);
    expect(cn / all).toBeCloseTo(0.857, 3);
  });

  it('W06: CN 2.27T, still behind the US (no crossover yet)', async () => {
    const brief = await cliJson<BriefJson>(['brief', '--source', 'sample', '--week', '2026-W06']);
    near(tokensOf(brief, 'CN'), 2.27e12);
    expect(tokensOf(brief, 'US')).toBeGreaterThan(tokensOf(brief, 'CN'));
    expect(brief.signals.some((s) => s.kind === 'country_crossover')).toBe(false);
  });

  it('the week of the GLM-5 input price hike carries a price_change signal for it', async () => {
    const brief = await cliJson<BriefJson>(['brief', '--source', 'sample', '--week', '2026-W09']);
    expect(brief.signals).toContainEqual(expect.objectContaining({ kind: 'price_change', model: 'z-ai/glm-5', field: 'input', from: 0.3, to: 0.95 }));
  });

  it('defaults to the latest complete week and prints the text brief with the citation footer', async () => {
    const run = await cli(['brief', '--source', 'sample']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Week 2026-W10 (Mar 2–8, 2026)');
    expect(run.stdout).toMatch(/Source: OpenRouter \(openrouter\.ai\/rankings\), as of 2026-03-09T\d\d:\d\d:\d\dZ\./);
  });

  it.each(['slack', 'discord'])('renders the %s format with the footer', async (format) => {
    const run = await cli(['brief', '--source', 'sample', '--week', '2026-W07', '--format', format]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('4.12T');
    expect(run.stdout).toContain('Source: OpenRouter (openrouter.ai/rankings), as of');
  });
});

describe('tokenbrief price / top / compare', () => {
  it('price m2.5 shows MiniMax M2.5 at $0.30 in / $1.10 out', async () => {
    const run = await cli(['price', 'm2.5', '--source', 'sample']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('MiniMax M2.5');
    expect(run.stdout).toContain('$0.30');
    expect(run.stdout).toContain('$1.10');
    const json = await cliJson<{ query: string; match: { id: string; price: { input: number; output: number }; rank: number } }>(['price', 'm2.5', '--source', 'sample']);
    expect(json.query).toBe('m2.5');
    expect(json.match).toMatchObject({ id: 'minimax/minimax-m2.5', price: { input: 0.3, output: 1.1 }, rank: 1 });
  });

  it('price joins several words into one query and answers an unknown model with match null, exit 1', async () => {
    const opus = await cliJson<{ match: { id: string } }>(['price', 'claude', 'opus', '--source', 'sample']);
    expect(opus.match.id).toMatch(/^anthropic\/claude-opus/);
    const none = await cli(['price', 'qqqqq', '--source', 'sample', '--format', 'json']);
    expect(none.code).toBe(1);
    expect((JSON.parse(none.stdout) as { match: null }).match).toBeNull();
  });

  it('top --country CN lists only Chinese models, keeping market-wide ranks', async () => {
    const top = await cliJson<{ models: Array<{ country: string; rank: number }> }>(['top', '--n', '5', '--country', 'cn', '--source', 'sample']);
    expect(top.models).toHaveLength(5);
    expect(top.models.every((m) => m.country === 'CN')).toBe(true);
    expect(top.models[0]?.rank).toBe(1);
  });

  it('compare kimi opus puts the two side by side', async () => {
    const run = await cli(['compare', 'kimi', 'opus', '--source', 'sample']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Kimi K2.5');
    expect(run.stdout).toContain('Claude Opus 4.6');
  });
});

describe('bad usage exits 2 with a one-line reason', () => {
  it.each([
    [['brief', '--week', 'banana', '--source', 'sample'], /--week must be an ISO week like 2026-W07, got 'banana'/],
    [['brief', '--week', '2026-W54', '--source', 'sample'], /--week must be an ISO week/],
    [['brief', '--wek', '2026-W07'], /unknown option --wek: brief takes only --source, --db, --week, --format, --chart\. Usage: tokenbrief brief/],
    [['brief', '--source', 'ftp://x'], /--source must be sample, openrouter or file:DIR, got 'ftp:\/\/x'/],
    [['brief', '--format', 'html', '--source', 'sample'], /--format must be text, slack, discord, json, got 'html'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['top', '--n', '30', '--source', 'sample'], /--n must be a whole number from 1 to 25, got '30'/],
    [['price'], /Which model\? Usage: tokenbrief price <model…>/],
    [['backfill'], /backfill needs --from YYYY-MM-DD\. Usage: tokenbrief backfill --from/],
    [['backfill', '--from', '2026-02-30'], /--from must be a date like 2026-02-09, got '2026-02-30'/],
    [['compare', 'kimi'], /Name two models, separated by "vs"\. Usage: tokenbrief compare <model> vs <model>/],
  ])('%j', async (argv, reason) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('a bad environment lists every problem at once', async () => {
    const run = await cli(['brief', '--source', 'sample'], { OPENROUTER_BASE_URL: 'not a url', LOG_LEVEL: 'loud', TOKENBRIEF_SOURCE: 'ftp' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('OPENROUTER_BASE_URL');
    expect(run.stderr).toContain('LOG_LEVEL');
    expect(run.stderr).toContain('TOKENBRIEF_SOURCE');
  });

  it('a country map file that is not valid is a configuration problem (exit 2)', async () => {
    const run = await cli(['brief', '--source', 'sample'], { TOKENBRIEF_COUNTRY_MAP: '/nonexistent/map.json' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read country map \/nonexistent\/map\.json/);
  });

  it('help prints the usage and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: tokenbrief');
  });
});

describe('runtime failures exit 1 with a readable message and no stack trace', () => {
  it('a week with no data', async () => {
    const run = await cli(['brief', '--source', 'sample', '--week', '2024-W01']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no data for 2024-W01 \(data covers 2025-12-29 to 2026-03-08\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an empty bot database says how to get data', async () => {
    const run = await cli(['brief']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no usage data stored yet/);
  });

  it('a recorded directory that does not exist', async () => {
    const run = await cli(['brief', '--source', 'file:/nonexistent/recordings']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no recorded data in \/nonexistent\/recordings/);
  });
});

describe('answers that cannot be given', () => {
  it('top for a country with no ranked models exits 1 and names the countries there are', async () => {
    const run = await cli(['top', '--country', 'XX', '--source', 'sample']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tokenbrief: No XX models ranked in 2026-W10\. Countries this week: CN, US, .*unattributed/);
    expect(run.stderr).not.toMatch(/\bother\b/);
    expect(run.stdout).toBe('');
  });
});
