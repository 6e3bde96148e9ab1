import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@app/observability';
import { OtlpIngestStats } from '../otlp/otlp-ingest.stats';

const POINT_OUTCOMES = ['accepted', 'rejected', 'dropped'] as const;

/**
 * The OTLP receiver's counters on /metrics. The values are not kept twice: each scrape reads
 * OtlpIngestStats.snapshot() in the counters' collect() callbacks.
 */
@Injectable()
export class OtlpIngestMetrics {
  constructor(registry: MetricsRegistry, stats: OtlpIngestStats) {
    new Counter({
      name: 'remediation_otlp_points_total',
      help: 'OTLP data points received, by outcome: accepted (stored), rejected (invalid, reported in partialSuccess), dropped (no selector names the metric).',
      labelNames: ['outcome'],
      registers: [registry.registry],
      collect() {
        const { points } = stats.snapshot();
        this.reset();
        for (const outcome of POINT_OUTCOMES) this.inc({ outcome }, points[outcome]);
      },
    });
    new Counter({
      name: 'remediation_otlp_requests_total',
      help: 'OTLP export requests to POST /v1/metrics, by outcome.',
      labelNames: ['outcome'],
      registers: [registry.registry],
      collect() {
        const { requests } = stats.snapshot();
        this.reset();
        for (const [outcome, count] of Object.entries(requests)) this.inc({ outcome }, count);
      },
    });
  }
}
