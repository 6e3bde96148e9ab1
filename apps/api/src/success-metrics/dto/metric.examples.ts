import type { RequestExample } from '../../http/request-examples.decorator';

const QUERY_METRIC = {
  name: 'checkout p99 latency',
  datasource: 'prometheus',
  query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))',
  direction: 'decrease',
  target: { relativePercent: 30 },
  evaluationWindow: '7d',
  sustainFor: '7d',
};

export const CREATE_METRIC_EXAMPLES: Record<string, RequestExample> = {
  query: {
    summary: 'PromQL: p99 latency 30% below the baseline',
    value: QUERY_METRIC,
  },
  selector: {
    summary: 'OpenTelemetry selector: the error ratio of checkout under 0.1%',
    value: {
      name: 'checkout error ratio',
      datasource: 'otlp',
      selector: {
        metric: 'http.server.request.duration',
        attributes: { 'service.name': 'checkout', 'http.response.status_code': '500' },
        statistic: 'count',
        denominator: {
          metric: 'http.server.request.duration',
          attributes: { 'service.name': 'checkout' },
          statistic: 'count',
        },
      },
      direction: 'decrease',
      target: { absolute: 0.001 },
      checkEvery: '15m',
    },
  },
};

export const UPDATE_METRIC_EXAMPLES: Record<string, RequestExample> = {
  stricter: {
    summary: 'A stricter goal, held for two weeks',
    value: { target: { relativePercent: 40 }, sustainFor: '14d' },
  },
};

export const PREVIEW_METRIC_EXAMPLES: Record<string, RequestExample> = {
  query: {
    summary: 'How a PromQL metric would judge a fix shipped on 20 November, as of 27 November',
    value: {
      ...QUERY_METRIC,
      baselineEnd: '2026-11-02T14:05:00Z',
      implementedAt: '2026-11-20T10:00:00Z',
      at: '2026-11-27T10:00:00Z',
    },
  },
};
