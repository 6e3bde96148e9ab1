import { describe, expect, it } from '@jest/globals';
import { MetricsRegistry } from '@app/observability';
import { OtlpIngestStats } from '../otlp/otlp-ingest.stats';
import { OtlpIngestMetrics } from './otlp-ingest.metrics';

describe('OtlpIngestMetrics', () => {
  it('reads the counters from the stats at every scrape, every outcome and reason present', async () => {
    const registry = new MetricsRegistry();
    const stats = new OtlpIngestStats();
    new OtlpIngestMetrics(registry, stats);
    const empty = await registry.metrics();
    expect(empty).toMatch(/^remediation_otlp_points_total\{outcome="dropped",reason="not_kept"\} 0$/m);
    expect(empty).toMatch(/^remediation_otlp_points_total\{outcome="rejected",reason="series_budget"\} 0$/m);

    stats.recordExport({
      received: 7,
      accepted: 3,
      rejected: new Map([
        ['not_finite', 1],
        ['series_budget', 1],
      ]),
      dropped: new Map([['not_kept', 2]]),
    });
    stats.recordFailure(401);
    const first = await registry.metrics();
    expect(first).toMatch(/^remediation_otlp_points_total\{outcome="accepted"\} 3$/m);
    expect(first).toMatch(/^remediation_otlp_points_total\{outcome="rejected",reason="not_finite"\} 1$/m);
    expect(first).toMatch(/^remediation_otlp_points_total\{outcome="rejected",reason="series_budget"\} 1$/m);
    expect(first).toMatch(/^remediation_otlp_points_total\{outcome="rejected",reason="series_limit"\} 0$/m);
    expect(first).toMatch(/^remediation_otlp_points_total\{outcome="dropped",reason="not_kept"\} 2$/m);
    expect(first).toMatch(/^remediation_otlp_requests_total\{outcome="partial"\} 1$/m);
    expect(first).toMatch(/^remediation_otlp_requests_total\{outcome="unauthorized"\} 1$/m);
    expect(first).toMatch(/^remediation_otlp_requests_total\{outcome="accepted"\} 0$/m);

    // Not added twice: a second scrape shows the stats, not the sum of scrapes.
    stats.recordExport({ received: 1, accepted: 1, rejected: new Map(), dropped: new Map() });
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
