/** The ideal line at a bucket: read at the bucket's end, like the bucket's `remaining`. */
export class IdealPointDto {
  at: string;
  /** Two decimals. */
  remaining: number;
}
