import type { Day } from './types.js';

// How numbers and dates read, wherever they are written: a signal's `rule`, a template, a chat
// layout. One function per quantity, so "1.44T" or "Feb 9–15, 2026" can never be spelled two ways.
// Fixed to en-US and UTC: output must not depend on the machine's locale or time zone.

const MINUS = '\u2212';

/** Three significant digits with K/M/B/T; Intl also promotes 999.96B to 1.00T. */
const COMPACT = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  minimumSignificantDigits: 3,
  maximumSignificantDigits: 3,
  useGrouping: false,
  signDisplay: 'never',
});
/** From here on, whole trillions: there is no larger unit to switch to. */
const WHOLE_TRILLIONS = 999.5e12;

/** 5.44T, 820B, 12.3M, 950K, 757B (never 0.757T); counts under 1000 as whole numbers. */
export function formatTokens(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  const text = abs < 999.5 ? String(Math.round(abs)) : abs >= WHOLE_TRILLIONS ? `${Math.round(abs / 1e12)}T` : COMPACT.format(abs);
  return `${n < 0 && text !== '0' ? MINUS : ''}${text}`;
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

/** 22.7×, 6.8×; whole numbers from 100×. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${ratio >= 99.95 ? Math.round(ratio) : ratio.toFixed(1)}×`;
}

const MONTH = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });

function parts(day: Day): { year: string; month: string; date: number } {
  const at = new Date(`${day}T00:00:00Z`);
  const month = Number.isNaN(at.getTime()) ? day.slice(5, 7) : MONTH.format(at);
  return { year: day.slice(0, 4), month, date: Number(day.slice(8, 10)) };
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
