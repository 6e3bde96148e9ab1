import type { SelectorStatistic } from '@app/domain';

export class SelectorTermDto {
  /** The OpenTelemetry metric name, e.g. `http.server.request.duration`. */
  metric: string;
  /** Data points must carry these attribute values (string to string). */
  attributes?: Record<string, string>;
  /** value, rate, increase, mean, p50, p90, p95, p99 or count. */
  statistic: SelectorStatistic;
}
