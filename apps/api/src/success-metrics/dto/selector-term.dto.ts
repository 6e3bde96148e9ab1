import type { SelectorStatistic } from '@app/domain';

export class SelectorTermDto {
  /** The OpenTelemetry metric name, e.g. `http.server.request.duration`. */
  metric: string;
  /** Data points must carry these attribute values (string to string). */
  attributes?: Record<string, string>;
  /** How the points of each step become one value (docs/opentelemetry.md, "Selectors"). */
  statistic: SelectorStatistic;
}
