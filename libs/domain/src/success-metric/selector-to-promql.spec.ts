import { describe, expect, it } from '@jest/globals';
import type { MetricSelector } from '../types';
import {
  bindStepWindow,
  counterName,
  otelAttributeToLabelName,
  otelMetricNameToPrometheus,
  promqlString,
  selectorToPromql,
} from './selector-to-promql';

describe('otelMetricNameToPrometheus', () => {
  it.each([
    ['http.server.requests', 'http_server_requests'],
    ['http.server.request.duration.seconds', 'http_server_request_duration_seconds'],
    ['http_server_request_duration_seconds', 'http_server_request_duration_seconds'],
    ['queue-depth/partition', 'queue_depth_partition'],
    ['a..b__c.-/d', 'a_b_c_d'],
    ['.leading.and.trailing.', 'leading_and_trailing'],
    ['ns:rule.metric', 'ns:rule_metric'],
    ['2xx.responses', '_2xx_responses'],
    ['Mixed.Case', 'Mixed_Case'],
  ])('%s → %s', (name, expected) => {
    expect(otelMetricNameToPrometheus(name)).toBe(expected);
  });

  it('refuses a name with nothing left', () => {
    expect(() => otelMetricNameToPrometheus('.-/')).toThrow('no characters');
  });
});

describe('counterName', () => {
  it.each([
    ['http.server.requests', 'http_server_requests_total'],
    ['http_server_requests_total', 'http_server_requests_total'],
    ['jobs.total', 'jobs_total'],
    ['total.jobs.done', 'jobs_done_total'],
    ['totals', 'totals_total'],
  ])('%s → %s', (name, expected) => {
    expect(counterName(name)).toBe(expected);
  });
});

describe('otelAttributeToLabelName', () => {
  it.each([
    ['service.name', 'service_name'],
    ['http.response.status_code', 'http_response_status_code'],
    ['k8s.pod-name', 'k8s_pod_name'],
    ['a..b', 'a_b'],
    ['2xx', 'key_2xx'],
    ['_private', '_private'],
    ['__meta.x__', '__meta_x__'],
  ])('%s → %s', (key, expected) => {
    expect(otelAttributeToLabelName(key)).toBe(expected);
  });

  it('refuses a key made only of separators', () => {
    expect(() => otelAttributeToLabelName('..')).toThrow('no characters');
  });
});

describe('promqlString', () => {
  it.each([
    ['checkout', '"checkout"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\path', '"C:\\\\path"'],
    ['two\nlines\r\tend', '"two\\nlines\\r\\tend"'],
    ["it's ünïcode", '"it\'s ünïcode"'],
    ['', '""'],
  ])('%j → %s', (value, expected) => {
    expect(promqlString(value)).toBe(expected);
  });
});

const W = '$__window';
const M = '{service_name="checkout"}';

describe('selectorToPromql', () => {
  it.each<[string, MetricSelector, string]>([
    ['value: a gauge, summed', { metric: 'queue.depth', statistic: 'value' }, 'sum(queue_depth)'],
    [
      'rate: a counter',
      { metric: 'http.server.requests', statistic: 'rate' },
      `sum(rate(http_server_requests_total[${W}]))`,
    ],
    [
      'increase: a counter',
      { metric: 'http.server.requests', statistic: 'increase' },
      `sum(increase(http_server_requests_total[${W}]))`,
    ],
    [
      'mean: a histogram sum over count',
      { metric: 'http.server.request.duration_seconds', statistic: 'mean' },
      `sum(rate(http_server_request_duration_seconds_sum[${W}])) / sum(rate(http_server_request_duration_seconds_count[${W}]))`,
    ],
    [
      'count: a histogram count',
      { metric: 'rpc.server.duration', statistic: 'count' },
      `sum(increase(rpc_server_duration_count[${W}]))`,
    ],
    ...(['p50', 'p90', 'p95', 'p99'] as const).map((p): [string, MetricSelector, string] => [
      `${p}: a histogram quantile`,
      { metric: 'http.server.request.duration.seconds', statistic: p },
      `histogram_quantile(0.${p.slice(1).replace(/0$/, '')}, sum by (le) (rate(http_server_request_duration_seconds_bucket[${W}])))`,
    ]),
    [
      'attributes: label matchers',
      { metric: 'queue.depth', attributes: { 'service.name': 'checkout' }, statistic: 'value' },
      `sum(queue_depth${M})`,
    ],
    [
      'attributes: sorted by key, sanitised, values escaped',
      {
        metric: 'http.server.requests',
        attributes: { 'url.path': '/a"b\\c', 'http.response.status_code': '500' },
        statistic: 'rate',
      },
      `sum(rate(http_server_requests_total{http_response_status_code="500", url_path="/a\\"b\\\\c"}[${W}]))`,
    ],
    [
      'denominator: an error ratio',
      {
        metric: 'http.server.requests',
        attributes: { 'service.name': 'checkout', 'http.response.status_code': '500' },
        statistic: 'rate',
        denominator: { metric: 'http.server.requests', attributes: { 'service.name': 'checkout' }, statistic: 'rate' },
      },
      `(sum(rate(http_server_requests_total{http_response_status_code="500", service_name="checkout"}[${W}]))) / (sum(rate(http_server_requests_total${M}[${W}])))`,
    ],
    [
      'denominator: mixed statistics',
      { metric: 'jobs.failed', statistic: 'increase', denominator: { metric: 'jobs.started', statistic: 'count' } },
      `(sum(increase(jobs_failed_total[${W}]))) / (sum(increase(jobs_started_count[${W}])))`,
    ],
    ['an empty attribute map adds no matchers', { metric: 'up', attributes: {}, statistic: 'value' }, 'sum(up)'],
  ])('%s', (_, selector, expected) => {
    expect(selectorToPromql(selector)).toBe(expected);
  });

  it('refuses an unknown statistic', () => {
    expect(() => selectorToPromql({ metric: 'x', statistic: 'median' as never })).toThrow(
      'unknown selector statistic "median"',
    );
  });
});

describe('bindStepWindow', () => {
  const query = `sum(rate(x_total[${W}])) / sum(rate(y_total[${W}]))`;

  it.each([
    [15_000, 'sum(rate(x_total[60s])) / sum(rate(y_total[60s]))'],
    [60_000, 'sum(rate(x_total[60s])) / sum(rate(y_total[60s]))'],
    [900_000, 'sum(rate(x_total[900s])) / sum(rate(y_total[900s]))'],
    [90_500, 'sum(rate(x_total[90500ms])) / sum(rate(y_total[90500ms]))'],
  ])('step %d ms', (stepMs, expected) => {
    expect(bindStepWindow(query, stepMs)).toBe(expected);
  });

  it('leaves a query without the placeholder alone', () => {
    expect(bindStepWindow('sum(queue_depth)', 600_000)).toBe('sum(queue_depth)');
  });
});
