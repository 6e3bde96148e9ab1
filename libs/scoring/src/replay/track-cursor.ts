import { nextMetSince } from '../met-streak';
import { SUCCESSFUL_VERDICTS, type MetricTrack, type Millis, type Verdict } from '../scoring.types';

/** One recorded check of a metric, as the action-level rules read it. */
export interface CheckRecord {
  at: Millis;
  verdict: Verdict;
  progress: number | null;
}

/**
 * A metric's checks older than some time, summarised: all the action-level rules need of checks
 * that are out of every sliding window (the met streak, the last few verdicts, the best progress).
 */
export interface PriorChecks {
  metSince: Millis | null;
  /** Newest first, at most the track depth. */
  recentVerdicts: Verdict[];
  /** Successful checks, newest first, at most the track depth. */
  recentSuccessful: Array<{ at: Millis; verdict: Verdict; progress: number | null }>;
  /** Best progress of the successful checks; null when none. */
  bestProgress: number | null;
  /** The latest successful check's progress; null when none. */
  latestProgress: number | null;
}

export const NO_PRIOR_CHECKS: PriorChecks = {
  metSince: null,
  recentVerdicts: [],
  recentSuccessful: [],
  bestProgress: null,
  latestProgress: null,
};

/** How many verdicts a track keeps: the telemetry flags' 3, or more for regressionChecks. */
export function trackDepth(regressionChecks: number): number {
  return Math.max(3, regressionChecks);
}

/**
 * Summarises checks (oldest first) the way PriorChecks holds them; the database computes the same
 * in one query (EvaluationHistoryRepository.priorChecks).
 */
export function summariseChecks(checks: readonly CheckRecord[], depth: number): PriorChecks {
  const cursor = new TrackCursor('', '', NO_PRIOR_CHECKS, checks, 0, depth);
  const last = checks.at(-1);
  if (!last) return NO_PRIOR_CHECKS;
  const track = cursor.trackAt(last.at);
  return {
    metSince: track.metSince,
    recentVerdicts: track.recentVerdicts,
    recentSuccessful: track.recentSuccessful,
    bestProgress: maxOf(track.bestProgressBefore, track.bestProgressRecent),
    latestProgress: track.latestProgress,
  };
}

/**
 * A metric's track (MetricTrack) as of successive times, from its prior checks and the checks
 * after them (oldest first). Times must not go backwards; each check is read once, so stepping
 * through n checks and m times costs O(n + m · depth). The checks must hold every check in
 * (T − stallAfter, T] for each T asked, so the best recent progress is complete.
 */
export class TrackCursor {
  private next = 0;
  private metSince: Millis | null;
  private recentVerdicts: Verdict[];
  private recentSuccessful: PriorChecks['recentSuccessful'];
  private latestProgress: number | null;
  private bestBefore: number | null;
  /** Successful checks read so far with a progress, oldest first; `settled` of them are older than the stall window. */
  private readonly scored: Array<{ at: Millis; progress: number }> = [];
  private settled = 0;
  /** Indexes into `scored` whose progress is larger than every later one's: the front is the window's best. */
  private readonly best: number[] = [];
  private bestHead = 0;

  constructor(
    readonly metricId: string,
    private readonly name: string,
    prior: PriorChecks,
    private readonly checks: readonly CheckRecord[],
    private readonly stallAfterMs: Millis,
    private readonly depth: number,
  ) {
    this.metSince = prior.metSince;
    this.recentVerdicts = prior.recentVerdicts.slice(0, depth);
    this.recentSuccessful = prior.recentSuccessful.slice(0, depth);
    this.latestProgress = prior.latestProgress;
    this.bestBefore = prior.bestProgress;
  }

  trackAt(at: Millis): MetricTrack {
    while (this.next < this.checks.length && this.checks[this.next].at <= at) this.read(this.checks[this.next++]);
    const windowStart = at - this.stallAfterMs;
    while (this.settled < this.scored.length && this.scored[this.settled].at <= windowStart) {
      this.bestBefore = maxOf(this.bestBefore, this.scored[this.settled].progress);
      this.settled++;
    }
    while (this.bestHead < this.best.length && this.best[this.bestHead] < this.settled) this.bestHead++;
    return {
      metricId: this.metricId,
      name: this.name,
      metSince: this.metSince,
      recentVerdicts: [...this.recentVerdicts],
      recentSuccessful: [...this.recentSuccessful],
      bestProgressRecent: this.bestHead < this.best.length ? this.scored[this.best[this.bestHead]].progress : null,
      bestProgressBefore: this.bestBefore,
      latestProgress: this.latestProgress,
    };
  }

  private read(check: CheckRecord): void {
    this.metSince = nextMetSince(check.verdict, check.at, this.metSince);
    this.recentVerdicts = [check.verdict, ...this.recentVerdicts].slice(0, this.depth);
    if (!SUCCESSFUL_VERDICTS.includes(check.verdict)) return;
    this.recentSuccessful = [{ ...check }, ...this.recentSuccessful].slice(0, this.depth);
    this.latestProgress = check.progress;
    if (check.progress === null) return;
    const index = this.scored.push({ at: check.at, progress: check.progress }) - 1;
    while (this.best.length > this.bestHead && this.scored[this.best[this.best.length - 1]].progress <= check.progress)
      this.best.pop();
    this.best.push(index);
  }
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
