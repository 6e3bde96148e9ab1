/** The ideal line at a bucket: read at the bucket's end, like the bucket's `remaining`. */
export class IdealPointDto {
  at: string;
  /** Two decimals. */
  remaining: number;
  /**
   * How far the line rose here for the actions added to the scope in this bucket (included in
   * `remaining`; 0 when none were): a chart draws the line at `remaining − stepUp` just before.
   */
  stepUp: number;
}
