import { Global, Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics-registry';
import { ScoringMetrics } from './metrics/scoring.metrics';
import { TracingLifecycle } from './tracing/tracing.lifecycle';

/**
 * The one MetricsRegistry of the process and the metrics every scoring process has; global so
 * any module can add metrics to it. Also flushes the spans at shutdown.
 */
@Global()
@Module({
  providers: [MetricsRegistry, ScoringMetrics, TracingLifecycle],
  exports: [MetricsRegistry, ScoringMetrics],
})
export class ObservabilityModule {}
