import { formatChange, formatDateRange, formatDay, formatRatio, formatShare, formatTokenDelta, formatTokens, formatUsd } from '../core/format.js';
import { OTHER, UNATTRIBUTED, type Country } from '../core/types.js';

export { formatChange, formatDateRange, formatDay, formatRatio, formatShare, formatTokenDelta, formatTokens, formatUsd } from '../core/format.js';

// How numbers, countries and dates read in every message: the numbers and dates come from
// core/format.ts (shared with the signals' rules), the rest is about display only. Each function is
// also a Handlebars helper of a short name (see HELPERS).

/** ▲2 (up two places), ▼3, = (unchanged), new (not ranked last week). */
export function formatRankMove(rank: number, previousRank: number | null): string {
  if (previousRank === null) return 'new';
  if (previousRank > rank) return `▲${previousRank - rank}`;
  if (previousRank < rank) return `▼${rank - previousRank}`;
  return '=';
}

/** 🇨🇳 for CN (any ISO alpha-2 code); the two non-countries are spelled out. */
export function formatFlag(country: Country): string {
  if (country === UNATTRIBUTED) return 'unattributed';
  if (country === OTHER) return 'long tail';
  if (!/^[A-Za-z]{2}$/.test(country)) return country;
  return String.fromCodePoint(...[...country.toUpperCase()].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

/** A short column value: CN, US; — for unattributed, … for the long tail. */
export function formatCountryCode(country: Country): string {
  if (country === UNATTRIBUTED) return '—';
  if (country === OTHER) return '…';
  return /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : country;
}

const ADJECTIVES: Readonly<Record<string, string>> = {
  AE: 'Emirati',
  CA: 'Canadian',
  CH: 'Swiss',
  CN: 'Chinese',
  DE: 'German',
  FR: 'French',
  GB: 'British',
  IL: 'Israeli',
  IN: 'Indian',
  JP: 'Japanese',
  KR: 'Korean',
  SG: 'Singaporean',
  US: 'US',
  [UNATTRIBUTED]: 'unattributed',
  [OTHER]: 'long-tail',
};

/** "Chinese" for CN, as in "Chinese models passed US models"; unknown codes stay codes. */
export function formatCountryAdjective(country: Country): string {
  return ADJECTIVES[country] ?? ADJECTIVES[country.toUpperCase()] ?? country;
}

/** Pads to a column width in code points (so ▲, … and — count as one); `right` aligns numbers. */
export function pad(value: unknown, width: number, align?: 'left' | 'right'): string {
  const text = String(value);
  const gap = ' '.repeat(Math.max(0, width - [...text].length));
  return align === 'right' ? gap + text : text + gap;
}

/** Template helper names → the functions above. */
export const HELPERS = {
  tokens: formatTokens,
  signed: formatTokenDelta,
  usd: formatUsd,
  pct: formatChange,
  share: formatShare,
  arrow: formatRankMove,
  flag: formatFlag,
  cc: formatCountryCode,
  bloc: formatCountryAdjective,
  ratio: formatRatio,
  day: formatDay,
  dates: formatDateRange,
  pad,
} as const;
