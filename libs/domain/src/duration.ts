/** Durations as the API writes them: an integer and a unit, e.g. `30m`, `6h`, `14d`, `2w`. */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const PATTERN = /^(\d{1,9})(ms|s|m|h|d|w)$/;
/** 100 years: far beyond any window, and keeps every sum with a date a valid Date. */
export const MAX_DURATION_MS = 100 * 365 * UNIT_MS.d;

export type DurationUnit = keyof typeof UNIT_MS;

export function isDuration(text: string): boolean {
  const match = PATTERN.exec(text);
  return match !== null && toMs(match) <= MAX_DURATION_MS;
}

/** Milliseconds in `text`; throws on anything that is not a duration. */
export function parseDuration(text: string): number {
  const match = PATTERN.exec(text);
  if (!match) throw new RangeError(`not a duration: "${text}" (expected e.g. 30m, 6h, 14d)`);
  const ms = toMs(match);
  if (ms > MAX_DURATION_MS) throw new RangeError(`duration too long: "${text}" (at most 100 years)`);
  return ms;
}

function toMs(match: RegExpExecArray): number {
  return Number(match[1]) * UNIT_MS[match[2] as DurationUnit];
}

/** The shortest exact spelling of `ms`, in the largest unit that divides it. */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`not a whole, non-negative duration: ${ms}`);
  const units = Object.entries(UNIT_MS).reverse() as Array<[DurationUnit, number]>;
  for (const [unit, size] of units) if (ms % size === 0 && ms >= size) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
