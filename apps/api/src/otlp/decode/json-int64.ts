/**
 * Wraps integer literals too long for a double (more than 15 digits) in quotes, outside strings,
 * so JSON.parse keeps them exact: OTLP JSON may send int64/fixed64 fields (timeUnixNano) as
 * numbers, and a nanosecond timestamp exceeds 2^53.
 */
export function quoteLongIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i += 1;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i += 2;
        else if (s === 0x22) break;
        else i += 1;
      }
      i += 1;
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      if (c === 0x2d) i += 1;
      const digitsFrom = i;
      while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i += 1;
      const next = text[i];
      const integer = next !== '.' && next !== 'e' && next !== 'E';
      if (integer && i - digitsFrom > 15) {
        out += text.slice(last, start) + '"' + text.slice(start, i) + '"';
        last = i;
      } else {
        while (i < n && /[0-9.eE+-]/.test(text[i])) i += 1;
      }
      continue;
    }
    i += 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Why a JSON 64-bit integer field refuses its point (docs/operation.md, "OTLP receiver limits"). */
export const INTEGER_REJECT_REASONS = ['bad_integer', 'negative_count'] as const;
export type IntegerRejectReason = (typeof INTEGER_REJECT_REASONS)[number];

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;
// Longer than any 64-bit decimal with a sign and a few leading zeros: not parsed at all.
const MAX_DIGITS = 32;

/**
 * The whole number a JSON int64/fixed64 field carries (a decimal string, or a number with a whole
 * value), or null for anything else ("12.5", "abc", "0x10", " 5"): the protobuf JSON reader would
 * truncate or zero those, and wrap values past 64 bits, without a word.
 */
export function jsonInteger(value: unknown): bigint | null {
  if (typeof value === 'string') {
    return value.length <= MAX_DIGITS && /^-?[0-9]+$/.test(value) ? BigInt(value) : null;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : null;
  return null;
}

// Up to 18 digits is below 2^63, up to 19 below 2^64: in range, no BigInt needed (the common case).
const SHORT_INT64 = /^[0-9]{1,18}$/;
const SHORT_UINT64 = /^[0-9]{1,19}$/;

/** An int64 field (asInt, an int attribute): null when absent or in range. */
export function signedProblem(value: unknown): IntegerRejectReason | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' ? Number.isSafeInteger(value) : SHORT_INT64.test(value as string)) return null;
  const n = jsonInteger(value);
  return n !== null && n >= MIN_INT64 && n <= MAX_INT64 ? null : 'bad_integer';
}

/**
 * A fixed64 field: null when absent or in range. `count` marks a histogram count, whose negative
 * values get their own reason.
 */
export function unsignedProblem(value: unknown, count = false): IntegerRejectReason | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' ? Number.isSafeInteger(value) && value >= 0 : SHORT_UINT64.test(value as string))
    return null;
  const n = jsonInteger(value);
  if (n === null || n > MAX_UINT64) return 'bad_integer';
  if (n < 0n) return count ? 'negative_count' : 'bad_integer';
  return null;
}
