import { describe, expect, it } from 'vitest';
import { failureMessages } from '../../src/render/discord-embeds.js';
import { renderFailure, renderNoData } from '../../src/render/failures.js';

// A chat command's failure in the words its user reads (templates/<platform>/failure.hbs).

describe('a command tokenbrief does not have any more', () => {
  const retired = { kind: 'retired_command', command: '/stats' } as const;

  it('asks a Discord member to have the commands registered again', () => {
    const said = '⚠️ tokenbrief has no /stats command any more; ask an admin to run `tokenbrief discord register`.';
    expect(renderFailure('discord', retired)).toBe(said);
    expect(failureMessages(retired)).toEqual([{ content: said, embeds: [] }]);
  });

  it('the command is escaped as typed data', () => {
    expect(renderFailure('discord', { kind: 'retired_command', command: '/old_top' })).toMatch(/^⚠️ tokenbrief has no \/old\\_top command any more;/);
  });

  it('is Discord\'s alone: Slack calls only the commands the app registers, so its template has no line for it', () => {
    expect(() => renderFailure('slack', retired)).toThrow('templates/slack/failure.hbs has no line for retired_command');
  });
});

describe('no data', () => {
  const none = { kind: 'no_usage' } as const;
  const week = { kind: 'no_week', week: '2024-W01', covers: { first: '2025-12-29', last: '2026-03-08' } } as const;
  const NONE = 'no usage data stored yet: run `tokenbrief fetch` or use --source sample';
  const WEEK = 'no data for 2024-W01 (data covers 2025-12-29 to 2026-03-08)';

  it('says what is missing, the same on every platform', () => {
    for (const platform of ['text', 'slack', 'discord'] as const) {
      expect(renderNoData(none, platform), platform).toBe(NONE);
      expect(renderNoData(week, platform), platform).toBe(WEEK);
      expect(renderNoData({ ...week, covers: null }, platform), platform).toBe('no data for 2024-W01');
    }
  });

  it('a chat command that met no data quotes it', () => {
    expect(renderFailure('slack', { kind: 'no_data', missing: none })).toBe(`I have no market data for that yet: ${NONE}.`);
    expect(renderFailure('discord', { kind: 'no_data', missing: week })).toBe(`⚠️ ${WEEK}`);
  });
});
