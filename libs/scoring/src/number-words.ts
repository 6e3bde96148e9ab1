/** Reasons show numbers to this many significant digits unless more are needed to tell them apart. */
export const DEFAULT_SIGNIFICANT_DIGITS = 3;

/** The most significant digits a double holds: every two different doubles differ at this precision. */
const MAX_SIGNIFICANT_DIGITS = 17;

/**
 * Numbers a reader compares, each to the same number of significant digits: `digits`, or more when fewer would make
 * two different numbers read alike (a value of 506.9 just short of a goal of 506.88 must not both read "507").
 * Trailing zeros are dropped: 0.8 reads "0.8", 1234.5 reads "1230".
 */
export function numbersInWords(values: readonly number[], digits: number = DEFAULT_SIGNIFICANT_DIGITS): string[] {
  for (let precision = digits; ; precision++) {
    const texts = values.map((value) => atPrecision(value, precision));
    if (precision >= MAX_SIGNIFICANT_DIGITS || tellsApart(values, texts)) return texts;
  }
}

/** One number to `digits` significant digits (see numbersInWords). */
export function numberInWords(value: number, digits: number = DEFAULT_SIGNIFICANT_DIGITS): string {
  return atPrecision(value, digits);
}

function atPrecision(value: number, precision: number): string {
  // Number() drops the trailing zeros toPrecision keeps and its exponent form for mid-sized numbers; +0 turns −0 into 0.
  return String(Number(value.toPrecision(precision)) + 0);
}

function tellsApart(values: readonly number[], texts: readonly string[]): boolean {
  return values.every((a, i) => values.every((b, j) => a === b || texts[i] !== texts[j]));
}
