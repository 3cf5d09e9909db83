import { OTHER, UNATTRIBUTED, type Country, type Day } from '../core/types.js';

// How numbers, countries and dates read in every message. Each function is also a Handlebars
// helper of the same short name (see HELPERS), so templates and code-built sentences agree.

const MINUS = '\u2212';
const TOKEN_UNITS = [
  { size: 1, suffix: '' },
  { size: 1e3, suffix: 'K' },
  { size: 1e6, suffix: 'M' },
  { size: 1e9, suffix: 'B' },
  { size: 1e12, suffix: 'T' },
] as const;

/** Three significant digits, never exponent notation, whole numbers from 100 up. */
function significant(value: number): string {
  return value >= 100 ? String(Math.round(value)) : value.toPrecision(3);
}

/** 5.44T, 820B, 12.3M, 950K, 757B (never 0.757T). */
export function formatTokens(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  let unit = TOKEN_UNITS.length - 1;
  while (unit > 0 && abs < (TOKEN_UNITS[unit]?.size ?? 1)) unit--;
  const render = (i: number) => {
    const { size, suffix } = TOKEN_UNITS[i] ?? TOKEN_UNITS[0];
    return `${i === 0 ? String(Math.round(abs)) : significant(abs / size)}${suffix}`;
  };
  let text = render(unit);
  // 999.96B rounds up to "1000B": that is 1.00T.
  if (Number.parseFloat(text) >= 1000 && unit < TOKEN_UNITS.length - 1) text = render(++unit);
  return `${n < 0 ? MINUS : ''}${text}`;
}

/** Tokens with an explicit sign, for deltas: +1.44T, −820B. */
export function formatTokenDelta(n: number): string {
  return n > 0 ? `+${formatTokens(n)}` : formatTokens(n);
}

/**
 * USD per 1M tokens: "free" for 0, "—" when not listed. At least two decimals ($2.50, $25.00) and,
 * under $1, three significant digits ($0.295) so cheap models stay distinguishable.
 */
export function formatUsd(perMillion: number | null): string {
  if (perMillion === null || !Number.isFinite(perMillion) || perMillion < 0) return '—';
  if (perMillion === 0) return 'free';
  if (perMillion >= 1) return `$${perMillion.toFixed(2)}`;
  const decimals = Math.min(20, Math.max(2, 2 - Math.floor(Math.log10(perMillion))));
  return `$${perMillion.toFixed(decimals).replace(/(\.\d{2}\d*?)0+$/, '$1')}`;
}

/** +127%, −12.5%, 0%; "new" when there is nothing to compare with. */
export function formatChange(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return 'new';
  const abs = Math.abs(pct);
  const text = abs >= 99.95 ? String(Math.round(abs)) : abs.toFixed(1).replace(/\.0$/, '');
  if (text === '0') return '0%';
  return `${pct > 0 ? '+' : MINUS}${text}%`;
}

/** A 0..1 share as a percentage with one decimal: 34.2%. */
export function formatShare(share: number): string {
  const pct = share * 100;
  if (pct > 0 && pct < 0.05) return '<0.1%';
  return `${pct.toFixed(1)}%`;
}

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

/** 22.7×, 6.8×; whole numbers from 100×. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${ratio >= 99.95 ? Math.round(ratio) : ratio.toFixed(1)}×`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(day: Day): { year: string; month: string; date: number } {
  return { year: day.slice(0, 4), month: MONTHS[Number(day.slice(5, 7)) - 1] ?? day.slice(5, 7), date: Number(day.slice(8, 10)) };
}

/** Feb 14. */
export function formatDay(day: Day): string {
  const { month, date } = parts(day);
  return `${month} ${date}`;
}

/** Feb 9–15, 2026 · Jan 26 – Feb 1, 2026 · Dec 29, 2025 – Jan 4, 2026. */
export function formatDateRange(start: Day, end: Day): string {
  const a = parts(start);
  const b = parts(end);
  if (a.year !== b.year) return `${a.month} ${a.date}, ${a.year} – ${b.month} ${b.date}, ${b.year}`;
  if (a.month !== b.month) return `${a.month} ${a.date} – ${b.month} ${b.date}, ${b.year}`;
  return `${a.month} ${a.date}–${b.date}, ${b.year}`;
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
