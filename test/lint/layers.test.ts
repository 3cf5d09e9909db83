import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js, proven on fixture sources linted as if they lived at a path
// in src/ (the file need not exist: ESLint lints the text, the resolver resolves from that folder).

const root = fileURLToPath(new URL('../../', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The rules `source` breaks when it sits at `path`. */
async function broken(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

const layer = expect.stringMatching(/^import-x\/no-restricted-paths: /);

describe('layers, by resolved path', () => {
  it.each([
    ['core → an adapter', 'src/core/fixture.ts', "import { openSqliteStore } from '../adapters/store/sqlite.js';"],
    ['core → an adapter, spelled roundabout', 'src/core/ports/fixture.ts', "import { openSqliteStore } from './../../adapters/store/../store/sqlite.js';"],
    ['core → the logger', 'src/core/fixture.ts', "import { createLogger } from '../log.js';"],
    ['core → the wiring', 'src/core/fixture.ts', "import { openStore } from '../wiring.js';"],
    ['commands → jobs', 'src/commands/fixture.ts', "import { loadMarketWeek } from '../jobs/week.js';"],
    ['render → commands', 'src/render/fixture.ts', "import { runCommand } from '../commands/run.js';"],
    ['jobs → an adapter', 'src/jobs/fixture.ts', "import { createSampleSource } from '../adapters/source/sample.js';"],
    ['an adapter → the wiring', 'src/adapters/slack/fixture.ts', "import { openStore } from '../../wiring.js';"],
    ['Discord → Slack', 'src/adapters/discord/fixture.ts', "import { slackPoster } from '../slack/post-brief.js';"],
  ])('%s fails lint', async (_label, path, source) => {
    expect(await broken(path, `${source}\nexport const used = [${/\{ (\w+) \}/.exec(source)?.[1]}];\n`)).toEqual([layer]);
  });

  it.each([
    ['core → core', 'src/core/fixture.ts', "import { weekRange } from './week.js';"],
    ['commands → core', 'src/commands/fixture.ts', "import { briefFor } from '../core/market-week.js';"],
    ['an adapter → commands and render', 'src/adapters/slack/fixture.ts', "import { runCommand } from '../../commands/run.js';\nimport { renderReply } from '../../render/replies.js';"],
    ['main → anything', 'src/fixture.ts', "import { startSlackApp } from './adapters/slack/app.js';"],
  ])('%s passes', async (_label, path, source) => {
    const names = [...source.matchAll(/\{ (\w+) \}/g)].map((m) => m[1]).join(', ');
    expect(await broken(path, `${source}\nexport const used = [${names}];\n`)).toEqual([]);
  });

  it('the package bans still hold: core may not import pino, nor Slack code the Discord SDK', async () => {
    expect(await broken('src/core/fixture.ts', "import pino from 'pino';\nexport const used = pino;\n")).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
    expect(await broken('src/adapters/slack/fixture.ts', "import { REST } from 'discord.js';\nexport const used = REST;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: /),
    ]);
  });
});
