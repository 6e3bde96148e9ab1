/** The median of a span over `count` verified actions. */
export class MedianDurationDto {
  count: number;
  /** null when count is 0. */
  medianSeconds: number | null;
}
