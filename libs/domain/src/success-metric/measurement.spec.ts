import { describe, expect, it } from '@jest/globals';
import type { MetricSelector } from '../types';
import { measurementOf } from './measurement';

const RATE: MetricSelector = {
  metric: 'http.server.requests',
  attributes: { 'service.name': 'checkout' },
  statistic: 'rate',
};
const RATE_PROMQL = 'sum(rate(http_server_requests_total{service_name="checkout"}[$__window]))';
const RATE_JSON = '{"metric":"http.server.requests","attributes":{"service.name":"checkout"},"statistic":"rate"}';

describe('measurementOf', () => {
  it.each([['prometheus'], ['otlp'], [null]] as const)('runs a query as written on a %s datasource', (kind) => {
    expect(measurementOf({ query: 'up', selector: null }, kind)).toEqual({ query: 'up', translatedQuery: null });
  });

  it('translates a selector for a prometheus datasource, and says so', () => {
    expect(measurementOf({ query: null, selector: RATE }, 'prometheus')).toEqual({
      query: RATE_PROMQL,
      translatedQuery: RATE_PROMQL,
    });
  });

  it('sends the OTLP store the canonical JSON of a selector', () => {
    expect(measurementOf({ query: null, selector: RATE }, 'otlp')).toEqual({ query: RATE_JSON, translatedQuery: null });
  });

  it('translates a ratio term by term', () => {
    const ratio: MetricSelector = {
      metric: 'errors',
      statistic: 'increase',
      denominator: { metric: 'requests', statistic: 'increase' },
    };
    expect(measurementOf({ query: null, selector: ratio }, 'prometheus')?.query).toBe(
      '(sum(increase(errors_total[$__window]))) / (sum(increase(requests_total[$__window])))',
    );
  });

  it.each([
    ['a selector on a datasource that takes only PromQL', { query: null, selector: RATE }, null],
    ['neither query nor selector', { query: null, selector: null }, 'prometheus'],
    ['no selector at all', { query: null }, 'otlp'],
  ] as const)('has nothing to run for %s', (_, metric, kind) => {
    expect(measurementOf(metric, kind)).toBeNull();
  });

  it('throws when a selector names nothing Prometheus can hold', () => {
    expect(() => measurementOf({ query: null, selector: { metric: '...', statistic: 'value' } }, 'prometheus')).toThrow(
      /no characters a Prometheus name can keep/,
    );
  });
});
