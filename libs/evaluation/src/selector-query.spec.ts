import { describe, expect, it } from '@jest/globals';
import { PrometheusSource, type MetricSource, type PrometheusClient, type RangeRequest } from '@app/datasources';
import type { MetricSelector } from '@app/domain';
import { scoredQuery, withStepWindow } from './selector-query';

/** A source that records what it is asked and answers nothing. */
function recording(): MetricSource & { ranges: RangeRequest[]; validated: string[] } {
  const ranges: RangeRequest[] = [];
  const validated: string[] = [];
  return {
    name: 'prom',
    ranges,
    validated,
    range: async (request) => {
      ranges.push(request);
      return null;
    },
    validate: async (query) => {
      validated.push(query);
    },
    metricNames: async () => ({ names: [], truncated: false }),
  };
}

const prometheus = new PrometheusSource('prom', {} as PrometheusClient);
const RATE: MetricSelector = {
  metric: 'http.server.requests',
  attributes: { 'service.name': 'checkout' },
  statistic: 'rate',
};

describe('scoredQuery', () => {
  it('sends a query metric as written, with no translation', () => {
    const source = recording();
    expect(scoredQuery({ query: 'up', selector: null }, source, prometheus)).toEqual({
      query: 'up',
      source,
      translatedQuery: null,
    });
  });

  it('translates a selector on a Prometheus source and binds the window per fetch', async () => {
    const source = recording();
    const measured = scoredQuery({ query: null, selector: RATE }, source, prometheus)!;
    const translated = 'sum(rate(http_server_requests_total{service_name="checkout"}[$__window]))';
    expect(measured.query).toBe(translated);
    expect(measured.translatedQuery).toBe(translated);
    await measured.source.range({ query: measured.query, start: 0, end: 3_600_000, stepMs: 300_000 });
    await measured.source.range({ query: measured.query, start: 0, end: 3_600_000, stepMs: 15_000 });
    expect(source.ranges.map((r) => r.query)).toEqual([
      'sum(rate(http_server_requests_total{service_name="checkout"}[300s]))',
      'sum(rate(http_server_requests_total{service_name="checkout"}[60s]))',
    ]);
    await measured.source.validate(measured.query);
    expect(source.validated).toEqual(['sum(rate(http_server_requests_total{service_name="checkout"}[60s]))']);
  });

  it('has nothing to send for a selector on a source that is not PromQL nor the OTLP store', () => {
    const source = recording();
    expect(scoredQuery({ query: null, selector: RATE }, source)).toBeNull();
  });
});

describe('withStepWindow', () => {
  it('keeps the name and passes the range through', async () => {
    const source = recording();
    const wrapped = withStepWindow(source);
    expect(wrapped.name).toBe('prom');
    await wrapped.range({ query: 'sum(x)', start: 1, end: 2, stepMs: 120_000 });
    expect(source.ranges).toEqual([{ query: 'sum(x)', start: 1, end: 2, stepMs: 120_000 }]);
  });
});
