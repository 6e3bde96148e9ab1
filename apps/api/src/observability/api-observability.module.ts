import { Module } from '@nestjs/common';
import { ObservabilityModule } from '@app/observability';
import { OtlpModule } from '../otlp/otlp.module';
import { MetricsEndpointController } from './metrics-endpoint.controller';
import { OtlpIngestMetrics } from './otlp-ingest.metrics';

/** The API's /metrics endpoint and the metrics only the API has (the OTLP receiver's). */
@Module({
  imports: [ObservabilityModule, OtlpModule],
  controllers: [MetricsEndpointController],
  providers: [OtlpIngestMetrics],
})
export class ApiObservabilityModule {}
