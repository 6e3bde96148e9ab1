import { describe, expect, it } from '@jest/globals';
import { MetricsRegistry } from '@app/observability';
import { OtlpIngestStats } from '../otlp/otlp-ingest.stats';
import { OtlpIngestMetrics } from './otlp-ingest.metrics';

describe('OtlpIngestMetrics', () => {
  it('reads the counters from the stats at every scrape, every outcome present', async () => {
    const registry = new MetricsRegistry();
    const stats = new OtlpIngestStats();
    new OtlpIngestMetrics(registry, stats);
    expect(await registry.metrics()).toMatch(/^remediation_otlp_points_total\{outcome="dropped"\} 0$/m);

    stats.recordExport({ received: 6, accepted: 3, rejected: 1, dropped: 2 });
    stats.recordFailure(401);
    const first = await registry.metrics();
    expect(first).toMatch(/^remediation_otlp_points_total\{outcome="accepted"\} 3$/m);
    expect(first).toMatch(/^remediation_otlp_points_total\{outcome="rejected"\} 1$/m);
    expect(first).toMatch(/^remediation_otlp_points_total\{outcome="dropped"\} 2$/m);
    expect(first).toMatch(/^remediation_otlp_requests_total\{outcome="partial"\} 1$/m);
    expect(first).toMatch(/^remediation_otlp_requests_total\{outcome="unauthorized"\} 1$/m);
    expect(first).toMatch(/^remediation_otlp_requests_total\{outcome="accepted"\} 0$/m);

    // Not added twice: a second scrape shows the stats, not the sum of scrapes.
    stats.recordExport({ received: 1, accepted: 1, rejected: 0, dropped: 0 });
    const second = await registry.metrics();
    expect(second).toMatch(/^remediation_otlp_points_total\{outcome="accepted"\} 4$/m);
    expect(second).toMatch(/^remediation_otlp_requests_total\{outcome="accepted"\} 1$/m);
  });

  it('keeps the registries of two instances apart (no global registry)', async () => {
    const a = new MetricsRegistry();
    const b = new MetricsRegistry();
    new OtlpIngestMetrics(a, new OtlpIngestStats());
    expect(await a.metrics()).toContain('remediation_otlp_points_total');
    expect(await b.metrics()).not.toContain('remediation_otlp_points_total');
    expect(await b.metrics()).toContain('process_cpu_user_seconds_total');
  });
});
