/** A point of the ideal burndown: how many actions should remain at `at`. */
export interface IdealPoint {
  at: number;
  remaining: number;
  /** How far the line rose at this point for the actions added in its bucket (0 when none were). */
  stepUp: number;
}

/** One bucket: where it is, when it is read, and the scope it adds. */
export interface IdealSample {
  at: number;
  /** The instant the line is read at: the bucket's end. */
  readAt: number;
  /** Actions opened in the bucket at or after `from`. */
  added: number;
  /** The latest dueAt among those; null when none has one. */
  addedLatestDueAt: number | null;
}

export interface IdealLineInput {
  /** The range's start. */
  from: number;
  /** Actions remaining at `from`. */
  remainingAtFrom: number;
  /** The latest dueAt of the actions remaining at `from`; null when none has one. */
  latestDueAt: number | null;
  samples: ReadonlyArray<IdealSample>;
}

/** The line since its last step: `value` at `at`, falling straight to 0 at `target`. */
interface Segment {
  at: number;
  value: number;
  target: number | null;
}

/**
 * The ideal burndown with scope change (docs/reporting.md, "Ideal line"). The scope starts as the
 * actions remaining at `from`; each bucket's additions join it at the bucket's end, lifting the line
 * by their count and moving its target to their latest due date when that is later. Between steps
 * the line falls straight to 0 at the target, and stays at 0 after it: an addition at or past the
 * target that brings no later due date leaves it at 0. While the scope holds actions but no due date
 * there is no pace to draw: the line keeps its level and those buckets have no point.
 */
export function idealLine({ from, remainingAtFrom, latestDueAt, samples }: IdealLineInput): IdealPoint[] {
  let segment: Segment = { at: from, value: remainingAtFrom, target: remainingAtFrom > 0 ? latestDueAt : null };
  let inScope = remainingAtFrom > 0;
  const points: IdealPoint[] = [];
  for (const { at, readAt, added, addedLatestDueAt } of samples) {
    const before = valueAt(segment, readAt);
    let after = before;
    if (added > 0) {
      const target = latest(segment.target, addedLatestDueAt);
      after = target !== null && readAt >= target ? 0 : before + added;
      segment = { at: readAt, value: after, target };
      inScope = true;
    }
    if (inScope && segment.target === null) continue;
    points.push({ at, remaining: round2(after), stepUp: round2(Math.max(0, after - before)) });
  }
  return points;
}

function valueAt({ at, value, target }: Segment, t: number): number {
  if (target === null || t <= at) return value;
  if (t >= target) return 0;
  return (value * (target - t)) / (target - at);
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

/** Two decimals: a chart needs no more, and a count of actions reads better without float noise. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
