import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import boundaries from DEVELOPERS.md: core is pure; each SDK lives in exactly one adapter.
const SDKS = ['@slack/bolt', '@slack/*', 'discord.js', '@discordjs/*'];
const IO = ['node:fs', 'node:fs/*', 'fs', 'node:http', 'node:https', 'node:net', 'node:child_process', 'pino', 'node-cron'];
const DB = ['better-sqlite3', 'pg'];
const CHAT_ADAPTERS = ['**/adapters/slack/*', '**/adapters/discord/*'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

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
    rules: restrict([...SDKS, ...DB, ...CHAT_ADAPTERS], 'Rendering is platform-neutral code: no SDKs, no database.'),
  },
  {
    files: ['src/commands/**/*.ts', 'src/jobs/**/*.ts'],
    rules: restrict(
      [...SDKS, ...DB, ...CHAT_ADAPTERS, 'handlebars'],
      'Commands and jobs are platform-neutral: reach adapters through their interfaces, templates through src/render.',
    ),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      [...SDKS, ...IO, ...DB, 'handlebars', '../adapters/*', '../commands/*', '../jobs/*', '../render/*', '../cli/*', '../main.js'],
      'src/core is pure domain code: no I/O, no SDKs, no Handlebars, no outer layers.',
    ),
  },
);
