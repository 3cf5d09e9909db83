import { LogLevel } from '@slack/bolt';
import { expect, it } from 'vitest';
import { boltLogger } from '../../../src/adapters/slack/logger.js';
import { memoryLogger } from './harness.js';

it("Bolt's log calls become pino lines at the app's level, which Bolt cannot change", () => {
  const { logger, lines } = memoryLogger();
  logger.level = 'warn';
  const bolt = boltLogger(logger);
  bolt.setLevel(LogLevel.DEBUG);
  expect(bolt.getLevel()).toBe(LogLevel.WARN);
  bolt.info('connected');
  bolt.warn('http request failed', 'ECONNRESET', { attempt: 2 });
  bolt.error(new Error('boom'));
  const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string; component: string });
  expect(logged.map((l) => [l.level, l.component])).toEqual([
    [40, 'slack'],
    [50, 'slack'],
  ]);
  expect(logged[0]?.msg).toBe('http request failed ECONNRESET { attempt: 2 }');
  expect(logged[1]?.msg).toMatch(/^Error: boom/);
});
