import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type CircuitSnapshot, DatasourceRegistry } from '@app/datasources';
import { Access } from '../http/access.decorator';
import { DatasourceCircuitDto, DatasourceDto } from './datasource.dto';

@ApiTags('datasources')
@Controller('api/v1/datasources')
export class DatasourcesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: DatasourceRegistry,
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
