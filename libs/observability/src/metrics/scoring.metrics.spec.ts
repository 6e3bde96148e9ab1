import { describe, expect, it } from '@jest/globals';
import { MetricsRegistry } from '../metrics-registry';
import { ScoringMetrics } from './scoring.metrics';

describe('ScoringMetrics', () => {
  it('counts evaluations by verdict and datasource, and observes their durations', async () => {
    const registry = new MetricsRegistry();
    const metrics = new ScoringMetrics(registry);
    metrics.declareDatasources(['prometheus'], ['met', 'error']);
    let text = await registry.metrics();
    expect(text).toMatch(/^remediation_evaluations_total\{verdict="met",datasource="prometheus"\} 0$/m);
    expect(text).toMatch(/^remediation_evaluation_duration_seconds_count\{datasource="prometheus"\} 0$/m);

    metrics.recordEvaluation('prometheus', 'met', 0.02);
    metrics.recordEvaluation('prometheus', 'met', 0.3);
    metrics.recordEvaluation('otlp', 'no_data', 0.001);
    text = await registry.metrics();
    expect(text).toMatch(/^remediation_evaluations_total\{verdict="met",datasource="prometheus"\} 2$/m);
    expect(text).toMatch(/^remediation_evaluations_total\{verdict="no_data",datasource="otlp"\} 1$/m);
    expect(text).toMatch(/^remediation_evaluation_duration_seconds_bucket\{le="0.025",datasource="prometheus"\} 1$/m);
    expect(text).toMatch(/^remediation_evaluation_duration_seconds_bucket\{le="0.5",datasource="prometheus"\} 2$/m);
    expect(text).toMatch(/^remediation_evaluation_duration_seconds_sum\{datasource="prometheus"\} 0.32$/m);
  });

  it('counts datasource errors by kind, passes by outcome, and when the last pass ended', async () => {
    const registry = new MetricsRegistry();
    const metrics = new ScoringMetrics(registry);
    metrics.recordDatasourceError('mimir', 'timeout');
    metrics.recordDatasourceError('mimir', 'timeout');
    metrics.recordDatasourceError('mimir', 'bad_query');
    metrics.recordPass(1.5, 'ok', 1_700_000_000_000);
    metrics.recordPass(0.2, 'failed', 1_700_000_060_000);
    const text = await registry.metrics();
    expect(text).toMatch(/^remediation_datasource_errors_total\{datasource="mimir",kind="timeout"\} 2$/m);
    expect(text).toMatch(/^remediation_datasource_errors_total\{datasource="mimir",kind="bad_query"\} 1$/m);
    expect(text).toMatch(/^remediation_scoring_pass_duration_seconds_count\{outcome="ok"\} 1$/m);
    expect(text).toMatch(/^remediation_scoring_pass_duration_seconds_count\{outcome="failed"\} 1$/m);
    expect(text).toMatch(/^remediation_scoring_pass_duration_seconds_bucket\{le="2.5",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^remediation_scoring_pass_duration_seconds_bucket\{le="1",outcome="ok"\} 0$/m);
    expect(text).toMatch(/^remediation_scoring_last_pass_timestamp_seconds 1700000060$/m);
  });

  it("shows each datasource's circuit state at scrape time, one-hot", async () => {
    const registry = new MetricsRegistry();
    const metrics = new ScoringMetrics(registry);
    expect(await registry.metrics()).not.toMatch(/^remediation_datasource_circuit_state\{/m);
    let states: Array<{ datasource: string; state: 'closed' | 'open' | 'half_open' }> = [
      { datasource: 'prometheus', state: 'closed' },
      { datasource: 'mimir', state: 'open' },
    ];
    metrics.watchCircuits(() => states);
    let text = await registry.metrics();
    expect(text).toMatch(/^remediation_datasource_circuit_state\{datasource="prometheus",state="closed"\} 1$/m);
    expect(text).toMatch(/^remediation_datasource_circuit_state\{datasource="prometheus",state="open"\} 0$/m);
    expect(text).toMatch(/^remediation_datasource_circuit_state\{datasource="mimir",state="open"\} 1$/m);
    expect(text).toMatch(/^remediation_datasource_circuit_state\{datasource="mimir",state="half_open"\} 0$/m);
    states = [{ datasource: 'mimir', state: 'half_open' }];
    text = await registry.metrics();
    expect(text).toMatch(/^remediation_datasource_circuit_state\{datasource="mimir",state="half_open"\} 1$/m);
    expect(text).toMatch(/^remediation_datasource_circuit_state\{datasource="mimir",state="open"\} 0$/m);
    expect(text).not.toMatch(/datasource="prometheus",state=/);
  });
});
