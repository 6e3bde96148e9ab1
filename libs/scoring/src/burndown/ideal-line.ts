/** A point of the ideal burndown: how many actions should remain at `at`. */
export interface IdealPoint {
  at: number;
  remaining: number;
}

export interface IdealLineInput {
  /** The range's start. */
  from: number;
  /** Actions remaining at `from`. */
  remainingAtFrom: number;
  /** The latest dueAt of the actions remaining at `from`; null when none has one. */
  latestDueAt: number | null;
  /** Where to sample: each point's `at`, and the instant the line is read at (the bucket's end). */
  samples: ReadonlyArray<{ at: number; readAt: number }>;
}

/**
 * SPEC §4 `ideal`: a straight line from the count remaining at `from` down to 0 at the latest due
 * date of those actions, flat at 0 after it. It is read at the same instant as the bucket's
 * `remaining` (the end of the bucket), so the two can be compared point by point; before `from` it
 * holds the starting count. Nothing remaining: flat at 0. Something remaining but no due date among
 * it: no line to draw, so no points.
 */
export function idealLine({ from, remainingAtFrom, latestDueAt, samples }: IdealLineInput): IdealPoint[] {
  if (remainingAtFrom === 0) return samples.map(({ at }) => ({ at, remaining: 0 }));
  if (latestDueAt === null) return [];
  return samples.map(({ at, readAt }) => ({ at, remaining: idealAt(readAt, from, remainingAtFrom, latestDueAt) }));
}

function idealAt(t: number, from: number, start: number, due: number): number {
  if (t >= due) return 0;
  if (t <= from) return start;
  return round2((start * (due - t)) / (due - from));
}

/** Two decimals: a chart needs no more, and a count of actions reads better without float noise. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
