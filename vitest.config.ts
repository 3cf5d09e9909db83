import { defineConfig } from 'vitest/config';

/**
 * Tests that start servers (the Slack, Discord and OpenRouter fakes), child processes or the CLI and
 * bot end to end, or lint the repository. Everything else is a unit test: in-process, in-memory,
 * fast. `npm test` runs both projects; `npm run test:unit` / `npm run test:integration` one each.
 */
const INTEGRATION = [
  'test/fakes/**/*.test.ts',
  'test/cli/**/*.test.ts',
  'test/lint/**/*.test.ts',
  'test/main.test.ts',
  'test/env-file.test.ts',
  'test/lifecycle.test.ts',
  'test/scheduled-delivery.test.ts',
  'test/data-trust.test.ts',
  'test/adapters/*/lost-answers.test.ts',
  'test/adapters/*/main.test.ts',
  'test/adapters/discord/{agent,bot,cache,charts,post,post-slots,register,schedule-commands,startup}.test.ts',
  'test/adapters/slack/{admin,cache,charts,commands,post-brief,post-slots,replicas,schedule-commands,slow-store,startup}.test.ts',
  'test/adapters/source/{openrouter,record}.test.ts',
  // The store contract is fast, but the same file forks processes sharing one database.
  'test/adapters/store/sqlite.test.ts',
  // Against the real PostgreSQL server.
  'test/adapters/store/{postgres,database-url}.test.ts',
  'test/replicas.test.ts',
  'test/fanout-replicas.test.ts',
];

export default defineConfig({
  test: {
    setupFiles: ['test/setup/loopback-only.ts'],
    globalSetup: ['test/setup/postgres.ts'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: INTEGRATION } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
    ],
  },
});
