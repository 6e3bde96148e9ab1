import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ObservabilityModule } from '@app/observability';
import { PersistenceModule } from '@app/persistence';
import { OtlpModule } from '../otlp/otlp.module';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { HttpRequestMetrics } from './http-request.metrics';
import { MetricsEndpointController } from './metrics-endpoint.controller';
import { OtlpIngestMetrics } from './otlp-ingest.metrics';
import { RemediationStateMetrics } from './remediation-state.metrics';

/**
 * The API's /metrics endpoint and the metrics only the API has: the OTLP receiver's counters, the
 * HTTP request durations, and the remediation state read from the database.
 */
@Module({
  imports: [ObservabilityModule, OtlpModule, PersistenceModule],
  controllers: [MetricsEndpointController],
  providers: [OtlpIngestMetrics, HttpRequestMetrics, RemediationStateMetrics],
})
export class ServiceTelemetryModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every path, matched by a route or not, so 404s are counted too.
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
