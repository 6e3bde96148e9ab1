const WEEK_MS = 7 * 86_400_000;

/** The closing rate is measured over this many weeks before the forecast's instant. */
export const FORECAST_WEEKS = 4;
export const FORECAST_WINDOW_MS = FORECAST_WEEKS * WEEK_MS;

/**
 * `done`: nothing remains. `closing`: something closed in the last four weeks, so there is a rate to
 * extrapolate. `none`: something remains and nothing closed in those weeks: no trend yet.
 */
export type ForecastTrend = 'done' | 'closing' | 'none';

export const FORECAST_TRENDS: readonly ForecastTrend[] = ['done', 'closing', 'none'];

export interface ForecastInput {
  /** The instant forecast from: min(to, now). */
  asOf: number;
  /** Actions remaining at `asOf`. */
  remaining: number;
  /** Of those, the ones past their dueAt at `asOf`. */
  overdue: number;
  /** Actions closed (current closedAt) in [asOf − 4 weeks, asOf). */
  closedInWindow: number;
  /** The latest dueAt of the actions remaining at `asOf`; null when none has one. */
  latestDueAt: number | null;
}

export interface BurndownForecast {
  trend: ForecastTrend;
  /** When the remaining count reaches 0 at the recent closing rate; null when nothing closes. */
  zeroAt: number | null;
  closingPerWeek: number;
  /** Done by the latest due date at that rate; null when there is no rate and nothing is overdue yet. */
  onTrack: boolean | null;
  remaining: number;
  overdue: number;
  latestDueAt: number | null;
}

/**
 * The last four weeks' closures per week, extrapolated linearly (docs/reporting.md, "Forecast").
 * Nothing remaining: zero already, on track. Something remaining but nothing closed: no trend, which
 * is no verdict on a fresh incident unless something is already overdue (then behind). No due date
 * among what remains: nothing to be late for, so on track whenever it ends.
 */
export function burndownForecast({
  asOf,
  remaining,
  overdue,
  closedInWindow,
  latestDueAt,
}: ForecastInput): BurndownForecast {
  const closingPerWeek = closedInWindow / FORECAST_WEEKS;
  const base = { closingPerWeek, remaining, overdue, latestDueAt };
  if (remaining === 0) return { ...base, trend: 'done', zeroAt: asOf, onTrack: true };
  if (closingPerWeek === 0) return { ...base, trend: 'none', zeroAt: null, onTrack: overdue > 0 ? false : null };
  const zeroAt = asOf + Math.round((remaining / closingPerWeek) * WEEK_MS);
  return { ...base, trend: 'closing', zeroAt, onTrack: latestDueAt === null || zeroAt <= latestDueAt };
}
