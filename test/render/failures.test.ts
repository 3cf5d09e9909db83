import { describe, expect, it } from 'vitest';
import { failureMessages } from '../../src/render/discord-embeds.js';
import { renderFailure } from '../../src/render/failures.js';

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
