import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Import boundaries (README, "Architecture"). Packages are banned by name: core is pure; each SDK
// lives in exactly one adapter. Our own layers are checked on the RESOLVED path of every import, so
// no spelling of a path (`../log.js`, `./../adapters/x.js`) gets past them: dependencies point inward.
const SDKS = ['@slack/bolt', '@slack/*', 'discord.js', '@discordjs/*'];
const IO = ['node:fs', 'node:fs/*', 'fs', 'node:http', 'node:https', 'node:net', 'node:child_process', 'pino', 'node-cron'];
const DB = ['better-sqlite3', 'pg'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

/** The entry points and process wiring at the top of src/: only main.ts and the CLI may use them. */
const TOP = './src/{main,wiring,replicas,log,env-file}.ts';
const RING = ['commands', 'jobs', 'render'];
/** core → nothing outside core; commands, jobs, render → core only (never each other); adapters → never the entry points. */
const LAYER_ZONES = [
  { target: './src/core', from: ['./src/adapters', './src/cli', ...RING.map((d) => `./src/${d}`)], message: 'src/core depends on nothing outside src/core.' },
  { target: './src/core', from: './src/*.ts', message: 'src/core depends on nothing outside src/core (no config, logger or wiring).' },
  ...RING.flatMap((layer) => [
    {
      target: `./src/${layer}`,
      from: ['./src/adapters', './src/cli', ...RING.filter((d) => d !== layer).map((d) => `./src/${d}`)],
      message: `src/${layer} depends on src/core only: shared types and functions belong in core, adapters are reached through the ports.`,
    },
    { target: `./src/${layer}`, from: './src/*.ts', message: `src/${layer} depends on src/core only (no config, logger or wiring).` },
  ]),
  { target: './src/adapters', from: ['./src/cli', './src/jobs'], message: 'Adapters implement ports and serve commands; they do not run jobs or the CLI.' },
  { target: './src/adapters', from: TOP, message: 'Adapters are wired by main.ts, not the other way round.' },
  { target: './src/adapters/slack', from: './src/adapters/discord', message: 'One chat platform never reaches into the other.' },
  { target: './src/adapters/discord', from: './src/adapters/slack', message: 'One chat platform never reaches into the other.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }] },
  },
  // Flat config replaces (not merges) a rule per file, so each area lists its whole ban.
  { files: ['src/**/*.ts'], rules: restrict([...SDKS, 'handlebars'], 'SDKs live in their adapter; Handlebars in src/render.') },
  {
    files: ['src/adapters/slack/**/*.ts'],
    rules: restrict(['discord.js', '@discordjs/*', 'handlebars'], 'Only src/adapters/discord may import discord.js.'),
  },
  {
    files: ['src/adapters/discord/**/*.ts'],
    rules: restrict(['@slack/*', 'handlebars'], 'Only src/adapters/slack may import the Slack SDK.'),
  },
  {
    files: ['src/render/**/*.ts'],
    rules: restrict([...SDKS, ...DB], 'Rendering is platform-neutral code: no SDKs, no database.'),
  },
  {
    files: ['src/commands/**/*.ts', 'src/jobs/**/*.ts'],
    rules: restrict([...SDKS, ...DB, 'handlebars'], 'Commands and jobs are platform-neutral: adapters through the ports, templates through src/render.'),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([...SDKS, ...IO, ...DB, 'handlebars'], 'src/core is pure domain code: no I/O, no SDKs, no Handlebars.'),
  },
);
