import { describe, expect, it } from 'vitest';
import { cleanText, escapeDiscord, escapeFor, escapeMessage, escapeSlack, NAME_MAX } from '../../src/render/escape.js';

const HOSTILE = '<!channel> @everyone <https://x|y>';
const ZWSP = '\u200b';

describe('cleanText (every platform)', () => {
  it('collapses line breaks into one line', () => {
    expect(cleanText('Kimi\nK2.5\r\n(free)\u2028x', 80)).toBe('Kimi K2.5 (free) x');
  });

  it('strips ANSI escapes and other control characters', () => {
    expect(cleanText('\u001b[31mRed\u001b[0m Model\u001b[2J\u001b]0;pwned\u0007', 80)).toBe('Red Model');
    expect(cleanText('a\u0000b\u0007c\u007fd\u0090e', 80)).toBe('abcde');
    expect(cleanText('8-bit \u009b31mCSI', 80)).toBe('8-bit CSI');
    expect(cleanText('evil\u202egnp.exe', 80)).toBe('evilgnp.exe');
  });

  it('caps long names with an ellipsis, counting characters', () => {
    const long = 'x'.repeat(2000);
    const capped = cleanText(long, NAME_MAX);
    expect([...capped]).toHaveLength(NAME_MAX + 1);
    expect(capped.endsWith('…')).toBe(true);
    expect(cleanText('🇨🇳'.repeat(100), 10)).toBe(`${'🇨🇳'.repeat(5)}…`);
    expect(cleanText('short', NAME_MAX)).toBe('short');
  });
});

describe('escapeSlack', () => {
  it('escapes exactly &, < and >, which defuses mentions and links', () => {
    const out = escapeSlack(HOSTILE);
    expect(out).toBe(`&lt;!channel&gt; @everyone &lt;https:${ZWSP}//x|y&gt;`);
    expect(out).not.toMatch(/[<>]/);
    expect(escapeSlack('A & B <@U123>')).toBe('A &amp; B &lt;@U123&gt;');
  });

  it('replaces mrkdwn markers with lookalikes so a name cannot open formatting', () => {
    const out = escapeSlack('*bold* _it_ ~strike~ `code`');
    expect(out).not.toMatch(/[*_~`]/);
    expect(out).toBe('∗bold∗ ˍitˍ ∼strike∼ ˋcodeˋ');
  });

  it('breaks bare URLs so a name does not become a link', () => {
    expect(escapeSlack('see https://evil.example')).not.toContain('https://');
  });
});

describe('escapeDiscord', () => {
  it('backslash-escapes markdown and masked links', () => {
    expect(escapeDiscord('*bold* _it_ ~~s~~ `code` ||spoiler||')).toBe('\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\` \\|\\|spoiler\\|\\|');
    expect(escapeDiscord('[click](https://x)')).toBe(`\\[click\\]\\(https:${ZWSP}//x\\)`);
    expect(escapeDiscord('back\\slash')).toBe('back\\\\slash');
  });

  it('escapes line-start markers', () => {
    expect(escapeDiscord('# Heading')).toBe('\\# Heading');
    expect(escapeDiscord('- item')).toBe('\\- item');
    expect(escapeDiscord('> quote')).toBe('\\> quote');
    expect(escapeDiscord('1. first')).toBe('1\\. first');
    expect(escapeDiscord('GLM-5 #1')).toBe('GLM-5 #1');
  });

  it('breaks every mention form with a zero-width space', () => {
    const out = escapeDiscord('@everyone @here <@123> <@&456> <#789>');
    expect(out).not.toMatch(/@(everyone|here)/);
    expect(out).not.toMatch(/<[@#]/);
    expect(out).toContain(`@${ZWSP}everyone`);
    expect(out).toContain(`<${ZWSP}@${ZWSP}&456\\>`);
  });

  it('breaks auto-links', () => {
    expect(escapeDiscord('https://evil.example')).toBe(`https:${ZWSP}//evil.example`);
  });
});

describe('escapeFor', () => {
  it('cleans and caps before escaping, so an escape is never cut in half', () => {
    const name = `${'a'.repeat(79)}&&&`;
    expect(escapeFor('slack', name)).toBe(`${'a'.repeat(79)}&amp;…`);
    expect(escapeFor('text', '\u001b[1mBold\u001b[0m\nName')).toBe('Bold Name');
    expect(escapeFor('discord', 'a\nb*')).toBe('a b\\*');
  });

  it('text keeps markup characters: a terminal does not interpret them', () => {
    expect(escapeFor('text', HOSTILE)).toBe(HOSTILE);
  });
});

describe('escapeMessage', () => {
  it('keeps our `code` spans and escapes the rest', () => {
    expect(escapeMessage('slack', 'Try `price kimi` <!here>')).toBe('Try `price kimi` &lt;!here&gt;');
    expect(escapeMessage('discord', 'Try `price kimi` *now*')).toBe('Try `price kimi` \\*now\\*');
    expect(escapeMessage('text', 'Try `price kimi`.')).toBe('Try `price kimi`.');
  });

  it('a code span cannot smuggle markup out', () => {
    expect(escapeMessage('slack', 'x `<!channel>` y')).toBe('x `!channel` y');
    expect(escapeMessage('discord', 'x `@everyone` y')).toBe(`x \`@${ZWSP}everyone\` y`);
  });
});
