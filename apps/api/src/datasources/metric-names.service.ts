import { Injectable } from '@nestjs/common';
import { DatasourceRegistry } from '@app/datasources';
import { METRIC_NAMES_PAGE, type MetricNamesPage, notFound } from '@app/domain';

/**
 * A datasource's metric names for completion (the PromQL editor, the OpenTelemetry selector
 * builder): whatever its type, one sorted page of the names starting with a prefix. A datasource
 * that fails throws its DatasourceError (a 502); a caller gone ends the call (a 499).
 */
@Injectable()
export class MetricNamesService {
  constructor(private readonly registry: DatasourceRegistry) {}

  list(datasource: string, prefix: string, gone?: AbortSignal): Promise<MetricNamesPage> {
    if (!this.registry.has(datasource)) throw notFound('datasource', JSON.stringify(datasource));
    return this.registry.get(datasource).metricNames({ prefix, limit: METRIC_NAMES_PAGE, signal: gone });
  }
}
