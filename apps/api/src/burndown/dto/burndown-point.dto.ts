/** One bucket: events inside it, and the state at its end. */
export class BurndownPointDto {
  /** The bucket's start: local midnight (of a day, or of the week's Monday) in `tz`, as UTC ISO-8601. */
  at: string;
  /** Actions open at the bucket's end (opened before it, not closed before it). */
  remaining: number;
  /** Actions whose openedAt falls in the bucket. */
  opened: number;
  /** Actions whose closedAt (verified or wont_fix) falls in the bucket. */
  closed: number;
  /** Of those closed, the ones verified. */
  verified: number;
  /** Remaining at the bucket's end and past their dueAt by then. */
  overdue: number;
  /** Remaining at the bucket's end with a stalled flag active then. */
  stalled: number;
}
