import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/format.js';
import { formatCountryAdjective, formatCountryCode, formatFlag, formatRankMove, HELPERS, pad } from '../../src/render/format.js';

describe('small formats', () => {
  it('formatRankMove', () => {
    expect(formatRankMove(1, 3)).toBe('▲2');
    expect(formatRankMove(5, 2)).toBe('▼3');
    expect(formatRankMove(4, 4)).toBe('=');
    expect(formatRankMove(7, null)).toBe('new');
  });

  it('formatFlag and country codes', () => {
    expect(formatFlag('CN')).toBe('🇨🇳');
    expect(formatFlag('US')).toBe('🇺🇸');
    expect(formatFlag('FR')).toBe('🇫🇷');
    expect(formatFlag('de')).toBe('🇩🇪');
    expect(formatFlag('unattributed')).toBe('unattributed');
    expect(formatFlag('other')).toBe('long tail');
    expect(formatFlag('XYZ')).toBe('XYZ');
    expect(formatCountryCode('cn')).toBe('CN');
    expect(formatCountryCode('unattributed')).toBe('—');
    expect(formatCountryCode('other')).toBe('…');
  });

  it('formatCountryAdjective names blocs as readers say them', () => {
    expect(formatCountryAdjective('CN')).toBe('Chinese');
    expect(formatCountryAdjective('US')).toBe('US');
    expect(formatCountryAdjective('FR')).toBe('French');
    expect(formatCountryAdjective('fr')).toBe('French');
    expect(formatCountryAdjective('ZZ')).toBe('ZZ');
  });

  it('pad counts characters, not UTF-16 units', () => {
    expect(pad('▲2', 4)).toBe('▲2  ');
    expect(pad(7, 3, 'right')).toBe('  7');
    expect(pad('toolong', 3)).toBe('toolong');
    expect(pad('🇨🇳', 3)).toBe('🇨🇳 ');
  });

  it('every helper is a format function', () => {
    // Templates and the signals' rules format numbers and dates with the very same functions.
    expect(HELPERS.tokens).toBe(core.formatTokens);
    expect(HELPERS.usd).toBe(core.formatUsd);
    expect(HELPERS.pct).toBe(core.formatChange);
    expect(HELPERS.share).toBe(core.formatShare);
    expect(HELPERS.ratio).toBe(core.formatRatio);
    expect(HELPERS.day).toBe(core.formatDay);
    expect(HELPERS.dates).toBe(core.formatDateRange);
    expect(Object.keys(HELPERS).sort()).toEqual(['arrow', 'bloc', 'cc', 'dates', 'day', 'flag', 'pad', 'pct', 'ratio', 'share', 'signed', 'tokens', 'usd']);
  });
});
