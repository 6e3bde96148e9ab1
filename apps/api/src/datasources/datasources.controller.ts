import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type CircuitSnapshot, DatasourceRegistry } from '@app/datasources';
import { Access } from '../http/access.decorator';
import { ClientGone } from '../http/client-gone.decorator';
import { DatasourceCircuitDto, DatasourceDto } from './datasource.dto';
import { MetricNamesDto, MetricNamesQueryDto } from './metric-names.dto';
import { MetricNamesService } from './metric-names.service';

@ApiTags('datasources')
@Controller('api/v1/datasources')
export class DatasourcesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: DatasourceRegistry,
    private readonly metricNames: MetricNamesService,
  ) {}

  /**
   * The configured datasources a success metric may name, with the state of each one's circuit
   * breaker in this process. Headers and URL credentials are never shown.
   */
  @Get()
  @Access('viewer')
  list(): DatasourceDto[] {
    const circuits = new Map(this.registry.circuits().map(({ datasource, circuit }) => [datasource, circuit]));
    return this.config.datasources.map((ds) => ({
      name: ds.name,
      type: ds.type,
      url: ds.url ? withoutCredentials(ds.url) : null,
      timeoutMs: ds.timeoutMs,
      maxConcurrency: ds.maxConcurrency,
      circuitBreaker: ds.circuitBreaker,
      circuit: circuitDto(circuits.get(ds.name)),
    }));
  }

  /**
   * The datasource's metric names starting with `prefix`, sorted, at most 1,000 (`truncated` when
   * more matched): Prometheus' `__name__` values, or the names the OTLP receiver stored. A client
   * that closes its connection ends the call to the datasource.
   */
  @Get(':name/metric-names')
  @Access('viewer')
  @ApiNotFoundResponse({ description: 'no datasource of that name is configured' })
  @ApiBadGatewayResponse({ description: 'the datasource failed (unreachable, timeout, a bad answer), in its words' })
  listMetricNames(
    @Param('name') name: string,
    @Query() query: MetricNamesQueryDto,
    @ClientGone() gone: AbortSignal,
  ): Promise<MetricNamesDto> {
    return this.metricNames.list(name, query.prefix ?? '', gone);
  }
}

function circuitDto(circuit: CircuitSnapshot | undefined): DatasourceCircuitDto | null {
  if (!circuit) return null;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { ...circuit, openSince: iso(circuit.openSince), retryAt: iso(circuit.retryAt) };
}

function withoutCredentials(raw: string): string {
  const url = new URL(raw);
  if (!url.username && !url.password) return raw;
  url.username = '';
  url.password = '';
  return url.toString();
}
