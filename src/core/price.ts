/**
 * Exact conversion of an OpenRouter per-token price string to USD per 1M tokens.
 * Multiplying floats (0.00000045 × 10^6 = 0.44999999999999996) would print wrong prices, so the
 * decimal point is shifted in the string itself. Returns null for the router's dynamic `-1` price
 * and for anything that is not a non-negative decimal.
 */
export function perMillion(usdPerToken: string): number | null {
  const text = usdPerToken.trim();
  if (!/^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return null;
  const [mantissa = '', exponentText] = text.toLowerCase().split('e');
  const exponent = Number(exponentText ?? 0) + 6;
  const [intPart = '0', fracPart = ''] = mantissa.split('.');
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
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
