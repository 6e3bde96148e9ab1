/**
 * Whether `text` writes `x` as a number: some decimal in it is `x` rounded at its last significant
 * place (the zeros ending a whole number are not significant: "1230" may stand for 1234.5), with
 * enough digits to tell it within 1% — so "0.50" stands neither for 0.4937 nor for a goal of 0.495:
 * a reader must be able to tell a value from a goal 1% away.
 */
export function mentionsNumber(text: string, x: number): boolean {
  const tokens = text.replace(/(\d),(\d{3})/g, '$1$2').match(/\d+(?:\.\d+)?/g) ?? [];
  return tokens.some((token) => {
    const error = Math.abs(Number(token) - Math.abs(x));
    return error <= 0.5 * 10 ** lastSignificantPlace(token) + 1e-9 && error <= 0.01 * Math.abs(x) + 1e-9;
  });
}

/** The power of ten of a decimal's last significant digit: "0.494" → −3, "380" → 1, "1230" → 1, "300" → 2, "0" → 0. */
function lastSignificantPlace(token: string): number {
  const [whole, fraction] = token.split('.');
  if (fraction) return -fraction.length;
  if (/^0+$/.test(whole)) return 0;
  return whole.length - whole.replace(/0+$/, '').length;
}

/** Fails with the sentence in the message, which says more than "expected true". */
export function expectMentioned(text: string, x: number): void {
  if (!mentionsNumber(text, x)) throw new Error(`the reason does not give ${x} as a number: "${text}"`);
}
