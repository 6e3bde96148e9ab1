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
