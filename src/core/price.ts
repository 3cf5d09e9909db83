/** Beyond this many places the shifted value is 0 at six decimals, or astronomically high. */
const MAX_SHIFT = 400;

/**
 * Exact conversion of an OpenRouter per-token price string to USD per 1M tokens.
 * Multiplying floats (0.00000045 × 10^6 = 0.44999999999999996) would print wrong prices, so the
 * decimal point is shifted in the string itself. Returns null for the router's dynamic `-1` price
 * and for anything that is not a non-negative decimal. Never throws: an absurd exponent gives
 * Infinity (or 0), which callers must treat as implausible.
 */
export function perMillion(usdPerToken: string): number | null {
  const text = usdPerToken.trim();
  if (!/^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return null;
  const [mantissa = '', exponentText] = text.toLowerCase().split('e');
  const exponent = Number(exponentText ?? 0) + 6;
  const [intPart = '0', fracPart = ''] = mantissa.split('.');
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  // Shifting by a hostile exponent (`1e999999999`) would build a gigabyte string: far out, the
  // answer is known without it (and the plausibility gate refuses an infinite price).
  if (/^0*$/.test(digits) || point < -MAX_SHIFT) return 0;
  if (point > MAX_SHIFT) return Number.POSITIVE_INFINITY;
  const shifted =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return Math.round(Number(shifted) * 1e6) / 1e6;
}

/** Percent change from one price to another; null when the old price is zero (a free → paid flip). */
export function priceChangePct(from: number, to: number): number | null {
  if (from === 0) return null;
  return ((to - from) / from) * 100;
}
