const WEEK_MS = 7 * 86_400_000;

/** The closing rate is measured over this many weeks before the forecast's instant. */
export const FORECAST_WEEKS = 4;
export const FORECAST_WINDOW_MS = FORECAST_WEEKS * WEEK_MS;

export interface ForecastInput {
  /** The instant forecast from: min(to, now). */
  asOf: number;
  /** Actions remaining at `asOf`. */
  remaining: number;
  /** Actions closed (current closedAt) in [asOf − 4 weeks, asOf). */
  closedInWindow: number;
  /** The latest dueAt of the actions remaining at `asOf`; null when none has one. */
  latestDueAt: number | null;
}

export interface BurndownForecast {
  /** When the remaining count reaches 0 at the recent closing rate; null when nothing closes. */
  zeroAt: number | null;
  closingPerWeek: number;
  /** Done by the latest due date at that rate. */
  onTrack: boolean;
  remaining: number;
  latestDueAt: number | null;
}

/**
 * SPEC §4 `forecast`: the last four weeks' closures per week, extrapolated linearly. Nothing
 * remaining: zero already, on track. Something remaining but nothing closed: never zero, not on
 * track. No due date among what remains: nothing to be late for, so on track whenever it ends.
 */
export function burndownForecast({ asOf, remaining, closedInWindow, latestDueAt }: ForecastInput): BurndownForecast {
  const closingPerWeek = closedInWindow / FORECAST_WEEKS;
  const base = { closingPerWeek, remaining, latestDueAt };
  if (remaining === 0) return { ...base, zeroAt: asOf, onTrack: true };
  if (closingPerWeek === 0) return { ...base, zeroAt: null, onTrack: false };
  const zeroAt = asOf + Math.round((remaining / closingPerWeek) * WEEK_MS);
  return { ...base, zeroAt, onTrack: latestDueAt === null || zeroAt <= latestDueAt };
}
