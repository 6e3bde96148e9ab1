import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@app/observability';
import { OtlpIngestStats } from '../otlp/otlp-ingest.stats';

/**
 * The OTLP receiver's counters on /metrics. The values are not kept twice: each scrape reads
 * OtlpIngestStats.snapshot() in the counters' collect() callbacks.
 */
@Injectable()
export class OtlpIngestMetrics {
  constructor(registry: MetricsRegistry, stats: OtlpIngestStats) {
    new Counter({
      name: 'remediation_otlp_points_total',
      help: 'OTLP data points received, by outcome and reason: accepted (stored), rejected (invalid or over a series budget, reported in partialSuccess), dropped (left out by otlp.keep).',
      labelNames: ['outcome', 'reason'],
      registers: [registry.registry],
      collect() {
        const { points } = stats.snapshot();
        this.reset();
        this.inc({ outcome: 'accepted' }, points.accepted);
        for (const [reason, n] of Object.entries(points.rejected)) this.inc({ outcome: 'rejected', reason }, n);
        for (const [reason, n] of Object.entries(points.dropped)) this.inc({ outcome: 'dropped', reason }, n);
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
