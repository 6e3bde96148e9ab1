import type { RequestExample } from '../../http/request-examples.decorator';

export const CREATE_KEY_EXAMPLES: Record<string, RequestExample> = {
  dashboard: { summary: 'A read-only key for the dashboard', value: { name: 'sre dashboard', role: 'viewer' } },
  collector: {
    summary: 'A key for an OpenTelemetry Collector',
    value: { name: 'otel-collector eu-west-1', role: 'ingest' },
  },
};
