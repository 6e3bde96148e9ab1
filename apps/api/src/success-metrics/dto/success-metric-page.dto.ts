import { SuccessMetricDto } from './success-metric.dto';

export class SuccessMetricPageDto {
  /** Oldest first. */
  items: SuccessMetricDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
