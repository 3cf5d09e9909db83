import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { main } from '../src/main.js';
import { parseEnvFile } from '../src/env-file.js';
import { tempDir } from './cli/harness.js';

function envFile(text: string): string {
  const path = join(tempDir(), '.env');
  writeFileSync(path, text);
  return path;
}

async function start(file: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    env: { DATABASE_PATH: join(tempDir(), 'bot.db'), ...env },
    envFile: file,
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
    now: () => new Date('2026-03-10T09:00:00Z'),
  };
  const code = await main(io);
  return { code, stdout, stderr };
}

describe('.env at start-up', () => {
  it('a prose line stops start-up with its line number instead of swallowing the next variable', async () => {
    const run = await start(envFile('Slack tokens from api.slack.com\nSLACK_BOT_TOKEN=xoxb-x\n'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 1: "Slack tokens from api.slack.com" is not a setting; write NAME=value, or start a comment with #');
    expect(run.stdout).toBe('');
  });

  it('every malformed line is listed, and the CLI stops the same way', async () => {
    const file = envFile('# fine\nOPENROUTER_API_KEY=\nnot a setting\nexport LOG_LEVEL=warn\nSLACK BOT TOKEN=x\n');
    let stderr = '';
    const code = await runCli(['top', '--source', 'sample'], { env: {}, envFile: file, stdout: () => {}, stderr: (t) => void (stderr += t), now: () => new Date() });
    expect(code).toBe(2);
    expect(stderr).toMatch(/line 3: "not a setting"/);
    expect(stderr).toMatch(/line 5: "SLACK BOT TOKEN=x"/);
  });

  it('settings are read (variables already set win), comments, export and multi-line quotes are fine', async () => {
    const file = envFile('# comment\nexport LOG_LEVEL=loud\nTOKENBRIEF_ADMINS="U1,\nU2"\n');
    const run = await start(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/LOG_LEVEL/);
    const overridden = await start(file, { LOG_LEVEL: 'silent' });
    expect(overridden.code).toBe(0);
  });

  it('an unclosed quote is reported', () => {
    expect(parseEnvFile('A="x\nB=2\n', '.env')).toEqual({ ok: false, problems: ['.env line 1: the value opens a " quote that is never closed'] });
  });
});
