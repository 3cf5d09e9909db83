import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/commands/parse.js';
import { renderProblem } from '../../src/render/problems.js';
import { renderReply } from '../../src/render/replies.js';
import { cli, cliJson } from './harness.js';

// What a newcomer types first: the chat syntax the README teaches, flags with mistakes, and the exit
// codes scripts rely on (README: 0 ok, 1 runtime failure, 2 bad usage or configuration).

describe('the CLI takes the chat syntax through the chat parser', () => {
  it('compare kimi vs opus, as taught for /compare', async () => {
    const run = await cli(['compare', 'kimi', 'vs', 'opus', '--source', 'sample']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Kimi K2\.5 vs Claude Opus 4\.6, week 2026-W10/);
  });

  it('compare with two shell-quoted names and compare a vs b give the same answer', async () => {
    const quoted = await cliJson(['compare', 'kimi', 'claude opus', '--source', 'sample']);
    const vs = await cliJson(['compare', 'kimi', 'vs', 'claude', 'opus', '--source', 'sample']);
    expect(quoted).toEqual(vs);
  });

  it('top 5 CN, as taught for /top, equals top --n 5 --country CN', async () => {
    const chat = await cliJson<{ models: Array<{ country: string }> }>(['top', '5', 'CN', '--source', 'sample']);
    const flags = await cliJson(['top', '--n', '5', '--country', 'CN', '--source', 'sample']);
    expect(chat.models).toHaveLength(5);
    expect(chat.models.every((m) => m.country === 'CN')).toBe(true);
    expect(chat).toEqual(flags);
  });

  it('a chat-parser problem is the same sentence as in chat, followed by the CLI form', async () => {
    const chat = parseCommandText('top', '5 6');
    if (chat.ok) throw new Error('5 6 parsed');
    const run = await cli(['top', '5', '6', '--source', 'sample']);
    expect(run.code).toBe(2);
    expect(renderReply({ kind: 'usage', ...chat.error, visibility: 'asker' }, 'slack')).toMatch(/^:warning: Give one number, not 5 and 6\.\n/);
    expect(run.stderr).toBe(`tokenbrief: ${renderProblem(chat.error.problem, 'text')} Usage: tokenbrief top [n] [country] [options] — e.g. tokenbrief top 5 CN, tokenbrief top --n 5 --country CN (n from 1 to 25)\n`);
  });

  it('brief post stays in chat', async () => {
    const run = await cli(['brief', 'post', '--source', 'sample']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/posting the brief is done from Slack or Discord/);
  });
});

describe('flag errors: one line in our words, naming the flag and what it takes', () => {
  it.each([
    [['brief', '--bogus'], "tokenbrief: unknown option --bogus: brief takes only --source, --db, --week, --format, --chart. Usage: tokenbrief brief [--week 2026-W07] [--chart FILE.png] [options]\n"],
    [['top', '--n', '-3'], /^tokenbrief: --n must be a whole number from 1 to 25, got '-3'\. Usage: tokenbrief top /],
    [['top', '--n', 'abc'], /^tokenbrief: --n must be a whole number from 1 to 25, got 'abc'\. Usage: tokenbrief top /],
    [['top', '--country', 'Narnia'], /^tokenbrief: --country must be a two-letter country code \(CN, US, FR…\) or unattributed, got 'Narnia'\./],
    [['brief', '--week'], /^tokenbrief: --week needs a value: an ISO week like 2026-W07\. /],
    [['brief', '--help=yes'], /^tokenbrief: --help takes no value\. /],
    [['fetch', 'now'], /^tokenbrief: fetch takes no arguments, got 'now'\. Usage: tokenbrief fetch /],
    [['discord', 'register', '--guild', '12'], /^tokenbrief: --guild must be a server id \(17 to 20 digits\), got '12'\. /],
    [['chart', 'share', '--out', 'x.png', '--weeks', 'many'], /^tokenbrief: --weeks must be a whole number from 2 to 52, got many\. Usage: tokenbrief chart /],
    [['chart', 'share', '--out', 'x.png', '--format', 'json'], /^tokenbrief: unknown option --format: chart takes only --source, --db, --week, --weeks, --out\. /],
    [['migrate-store', '--from'], /^tokenbrief: --from needs a value: a SQLite database file\. Usage: tokenbrief migrate-store /],
  ])('%j', async (argv, expected) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    if (typeof expected === 'string') expect(run.stderr).toBe(expected);
    else expect(run.stderr).toMatch(expected);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    // Node's own wording never reaches the user.
    expect(run.stderr).not.toMatch(/ambiguous|NaN|To specify a positional/);
  });

  it.each(['brief', 'chart', 'price', 'top', 'compare', 'fetch', 'backfill', 'discord register', 'migrate-store'])('%s --help and -h print that command\'s usage, exit 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const run = await cli([...command.split(' '), flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: tokenbrief ${command}`));
    }
  });

  it('--version prints the package version, alone or after a command', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    for (const argv of [['--version'], ['top', '--version']]) {
      const run = await cli(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`tokenbrief ${version}\n`);
    }
  });
});

describe('exit codes follow the README: 0 ok, 1 runtime, 2 usage or configuration', () => {
  it('1: price of a model that does not exist (the answer is still printed)', async () => {
    const run = await cli(['price', 'zzzzqqq', '--source', 'sample']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/No model matches "zzzzqqq"/);
  });

  it('2: the live source without OPENROUTER_API_KEY, for fetch, backfill and --source openrouter', async () => {
    for (const argv of [['fetch'], ['backfill', '--from', '2026-01-01'], ['brief', '--source', 'openrouter']]) {
      const run = await cli(argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^tokenbrief: OPENROUTER_API_KEY is not set/);
    }
  });

  it('2: discord register without DISCORD_TOKEN', async () => {
    const run = await cli(['discord', 'register']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/needs DISCORD_TOKEN/);
  });

  it('2: an invalid TOKENBRIEF_COUNTRY_MAP', async () => {
    const run = await cli(['top', '--source', 'sample'], { TOKENBRIEF_COUNTRY_MAP: '/nonexistent/map.json' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/TOKENBRIEF_COUNTRY_MAP|country map/);
  });

  it('2: backfill from a day in the future says which day is the newest', async () => {
    const run = await cli(['backfill', '--from', '2027-01-01'], { OPENROUTER_API_KEY: 'sk-or-x', OPENROUTER_BASE_URL: 'http://127.0.0.1:9' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tokenbrief: --from 2027-01-01 is in the future: the newest complete day is 2026-03-09 (UTC)\n');
  });

  it('2: TOKENBRIEF_SOURCE=openrouter without a key is a configuration problem', async () => {
    const run = await cli(['brief'], { TOKENBRIEF_SOURCE: 'openrouter' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/TOKENBRIEF_SOURCE: openrouter needs OPENROUTER_API_KEY/);
  });
});
