import { describe, expect, it } from '@jest/globals';
import type { DatasourceConfig } from '@app/config';
import { DatasourceRegistry } from './datasource-registry';
import type { MetricSource } from './metric-source';
import { PrometheusSource } from './prometheus/prometheus.source';

const prometheus = (name: string): DatasourceConfig => ({
  name,
  type: 'prometheus',
  url: 'http://127.0.0.1:9/prom',
  headers: {},
  timeoutMs: 1_000,
  maxConcurrency: 2,
  circuitBreaker: { failures: 5, coolDown: '30s' },
});
const otlp: DatasourceConfig = {
  name: 'otlp',
  type: 'otlp',
  headers: {},
  timeoutMs: 1_000,
  maxConcurrency: 2,
  circuitBreaker: { failures: 5, coolDown: '30s' },
};

describe('DatasourceRegistry', () => {
  it('builds one PrometheusSource per prometheus datasource and leaves other types to register()', () => {
    const registry = new DatasourceRegistry([prometheus('main'), otlp, prometheus('thanos')]);
    expect(registry.names()).toEqual(['main', 'thanos']);
    expect(registry.get('main')).toBeInstanceOf(PrometheusSource);
    expect(registry.get('thanos').name).toBe('thanos');
    expect(registry.has('otlp')).toBe(false);
  });

  it('takes other sources by register(), refusing a name twice', () => {
    const registry = new DatasourceRegistry([prometheus('main')]);
    const store: MetricSource = {
      name: 'otlp',
      range: async () => null,
      validate: async () => {},
      metricNames: async () => ({ names: [], truncated: false }),
    };
    registry.register(store);
    expect(registry.get('otlp')).toBe(store);
    expect(() => registry.register({ ...store, name: 'main' })).toThrow('"main" is registered twice');
  });

  it('throws for an unknown name, listing the configured ones', () => {
    const registry = new DatasourceRegistry([prometheus('main')]);
    expect(() => registry.get('nope')).toThrow('unknown datasource "nope" (configured: main)');
  });
});
