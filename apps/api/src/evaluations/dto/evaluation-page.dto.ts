import { MetricEvaluationDto } from '../../success-metrics/dto/metric-evaluation.dto';

export class EvaluationPageDto {
  /** Newest first. */
  items: MetricEvaluationDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
