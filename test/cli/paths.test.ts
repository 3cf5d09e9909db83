import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, startMain, tempDir } from './harness.js';

// Every database path problem names the setting, the path and what to do; none hangs the process.

describe('database paths in errors', () => {
  it('a file where a folder should be: exit 2, naming DATABASE_PATH, the file in the way and the fix', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'x');
    const run = await cli(['brief'], { DATABASE_PATH: join(file, 'db') });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tokenbrief: DATABASE_PATH=${file}/db: ${file} is a file, not a folder; set DATABASE_PATH to a file in a folder you can write, or unset it to use the per-user data folder\n`,
    );
  });

  it.runIf(process.platform === 'linux')('a folder the system will not create (/proc) fails at once instead of looping', async () => {
    const run = await cli(['brief'], { DATABASE_PATH: '/proc/x/db' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tokenbrief: DATABASE_PATH=\/proc\/x\/db: the folder \/proc\/x cannot be created \(ENOENT\); set DATABASE_PATH/);
  }, 10_000);

  it('a corrupt database file: exit 1, naming the path and what to do', async () => {
    const db = join(tempDir(), 'broken.db');
    writeFileSync(db, 'this is not a database, just some text long enough to look like a header'.repeat(20));
    const run = await cli(['price', 'kimi'], { DATABASE_PATH: db });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^tokenbrief: DATABASE_PATH=${db}: SQLite says: file is not a database; the file is not a tokenbrief database or is damaged: move it away`));
  });

  it('--db is named as --db', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'x');
    const run = await cli(['brief', '--source', 'sample', '--db', join(file, 'db')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tokenbrief: --db=.*plain-file\/db: .* is a file, not a folder; set --db to/);
  });

  it('npm start with a bad DATABASE_PATH exits 2 with the same line', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'x');
    const main = startMain({ DATABASE_PATH: join(file, 'db') });
    expect(await main.exit).toBe(2);
    expect(main.err()).toMatch(/^tokenbrief: DATABASE_PATH=.*plain-file\/db: .* is a file, not a folder/);
  });
});

describe('where data goes without DATABASE_PATH', () => {
  it('a per-user data folder ($XDG_DATA_HOME/tokenbrief), not the current folder', async () => {
    const xdg = tempDir();
    const run = await cli(['brief'], { DATABASE_PATH: '', XDG_DATA_HOME: xdg });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no usage data stored yet/);
    expect(existsSync(join(xdg, 'tokenbrief', 'sample.db'))).toBe(true);
  });

  it.runIf(process.platform !== 'win32')('~/.local/share/tokenbrief when XDG_DATA_HOME is unset; the demo says where', async () => {
    const home = tempDir();
    const main = startMain({ DATABASE_PATH: '', HOME: home });
    expect(await main.exit).toBe(0);
    const db = join(home, '.local', 'share', 'tokenbrief', 'sample.db');
    expect(existsSync(db)).toBe(true);
    expect(main.out()).toContain(`stored in ${db}`);
  });
});
