import { Global, Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics-registry';

/** Provides the one MetricsRegistry of the process; global so any module can add metrics to it. */
@Global()
@Module({
  providers: [MetricsRegistry],
  exports: [MetricsRegistry],
})
export class ObservabilityModule {}
