import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rejectionOf } from '@app/testing/rejection';
import { DatasourceError } from '../metric-source';
import { PrometheusClient } from './prometheus.client';
import { PrometheusSource } from './prometheus.source';
import type { PrometheusHttpResponse, PrometheusTransport } from './prometheus.transport';

const fixture = (name: string) =>
  readFileSync(join(process.cwd(), 'libs/datasources/src/prometheus/__fixtures__', name), 'utf8');

/** Answers every request with the next body of the script; a request beyond it fails the test. */
class ScriptedTransport implements PrometheusTransport {
  readonly calls: Array<{ path: string; form: Record<string, string> }> = [];
  readonly methods: string[] = [];
  constructor(private readonly script: Array<[number, string]>) {}
  post(path: string, form: URLSearchParams): Promise<PrometheusHttpResponse> {
    return this.answer('POST', path, form);
  }
  get(path: string, params: URLSearchParams): Promise<PrometheusHttpResponse> {
    return this.answer('GET', path, params);
  }
  private async answer(method: string, path: string, form: URLSearchParams): Promise<PrometheusHttpResponse> {
    this.methods.push(method);
    this.calls.push({ path, form: Object.fromEntries(form) });
    const step = this.script.shift();
    if (!step) throw new Error(`unexpected request to ${path}`);
    return { status: step[0], statusText: '', body: step[1] };
  }
}

const NOW = 1_764_150_000_000;

function sourceWith(script: Array<[number, string]>) {
  const transport = new ScriptedTransport(script);
  const client = new PrometheusClient(transport, {
    datasource: 'prom',
    maxConcurrency: 1,
    retry: { sleep: async () => {} },
  });
  return { source: new PrometheusSource('prom', client, { now: () => NOW }), transport };
}

const failure = (promise: Promise<unknown>): Promise<DatasourceError> => rejectionOf(promise, DatasourceError);

const REQUEST = { query: 'up', start: 1_435_781_430_781, end: 1_435_781_460_781, stepMs: 15_000 };

describe('PrometheusSource.range', () => {
  it('returns the one series with its samples and warnings', async () => {
    const { source, transport } = sourceWith([[200, fixture('matrix-one-series.json')]]);
    const series = await source.range(REQUEST);
    expect(series).toEqual({
      labels: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' },
      samples: [
        { at: 1_435_781_430_781, value: 1 },
        { at: 1_435_781_445_781, value: 0.5 },
        { at: 1_435_781_460_781, value: 0.001 },
      ],
      warnings: [],
    });
    expect(transport.calls[0].form).toEqual({
      query: 'up',
      start: '1435781430.781',
      end: '1435781460.781',
      step: '15',
    });
  });

  it('returns null when the query matched no series', async () => {
    const { source } = sourceWith([[200, fixture('matrix-empty.json')]]);
    await expect(source.range(REQUEST)).resolves.toBeNull();
  });

  it('refuses two series, naming the labels of each', async () => {
    const { source } = sourceWith([[200, fixture('matrix-two-series.json')]]);
    const error = await failure(source.range(REQUEST));
    expect(error.kind).toBe('too_many_series');
    expect(error.message).toBe(
      'the query returned 2 series, it must return one: up{instance="localhost:9090", job="prometheus"}, up{instance="localhost:9091", job="node"}',
    );
  });

  it('refuses an answer that is not a matrix', async () => {
    const { source } = sourceWith([[200, fixture('vector.json')]]);
    const error = await failure(source.range(REQUEST));
    expect([error.kind, error.message]).toEqual(['bad_response', 'query_range answered a vector, not a matrix']);
  });
});

describe('PrometheusSource.validate', () => {
  it('evaluates the query once, now, and accepts an empty result', async () => {
    const { source, transport } = sourceWith([
      [200, '{"status":"success","data":{"resultType":"vector","result":[]}}'],
    ]);
    await expect(source.validate('rate(nothing_yet_total[5m])')).resolves.toBeUndefined();
    expect(transport.calls).toEqual([
      { path: '/api/v1/query', form: { query: 'rate(nothing_yet_total[5m])', time: '1764150000' } },
    ]);
  });

  it('accepts a scalar', async () => {
    const { source } = sourceWith([[200, fixture('scalar.json')]]);
    await expect(source.validate('1 + 1')).resolves.toBeUndefined();
  });

  it('turns a parse error into bad_query with Prometheus’s message', async () => {
    const { source } = sourceWith([[400, fixture('error-bad-data.json')]]);
    const error = await failure(source.validate('sum(up'));
    expect([error.kind, error.message]).toEqual([
      'bad_query',
      'invalid parameter "query": 1:10: parse error: unexpected end of input in aggregation',
    ]);
  });

  it('accepts one series', async () => {
    const { source } = sourceWith([[200, instantVector(1)]]);
    await expect(source.validate('up{job="node"}')).resolves.toBeUndefined();
  });

  it('refuses several series as too_many_series, with how many and the label sets', async () => {
    const { source } = sourceWith([[200, instantVector(2)]]);
    const error = await failure(source.validate('up'));
    expect([error.kind, error.message]).toEqual([
      'too_many_series',
      'the query returns 2 series, it must return one: up{instance="node-1:9100", job="node"}, up{instance="node-2:9100", job="node"}',
    ]);
  });

  it('names three label sets of many and counts the rest', async () => {
    const { source } = sourceWith([[200, instantVector(250)]]);
    const error = await failure(source.validate('up'));
    expect(error.message).toBe(
      'the query returns 250 series, it must return one: up{instance="node-1:9100", job="node"}, up{instance="node-2:9100", job="node"}, up{instance="node-3:9100", job="node"} and 247 more',
    );
  });

  it('refuses a range vector, which a range query could never evaluate', async () => {
    const { source } = sourceWith([[200, fixture('matrix-one-series.json')]]);
    const error = await failure(source.validate('up[5m]'));
    expect(error.kind).toBe('bad_query');
    expect(error.message).toContain('range vector');
  });
});

/** An instant-query answer holding `count` series of `up` on nodes 1..count. */
function instantVector(count: number): string {
  const result = Array.from({ length: count }, (_, i) => ({
    metric: { __name__: 'up', job: 'node', instance: `node-${i + 1}:9100` },
    value: [NOW / 1000, '1'],
  }));
  return JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
}

describe('PrometheusSource.metricNames', () => {
  const values = (names: string[]) => JSON.stringify({ status: 'success', data: names });

  it('GETs the __name__ values matching the prefix, one past the page, and filters them again', async () => {
    // A backend that ignored the selector: its other names are filtered out here.
    const { source, transport } = sourceWith([[200, values(['http_a', 'httpXb', 'http_b', 'up'])]]);
    expect(await source.metricNames({ prefix: 'http_', limit: 5 })).toEqual({
      names: ['http_a', 'http_b'],
      truncated: false,
    });
    expect(transport.methods).toEqual(['GET']);
    expect(transport.calls).toEqual([
      { path: '/api/v1/label/__name__/values', form: { 'match[]': '{__name__=~"http_.*"}', limit: '6' } },
    ]);
  });

  it('sends no selector for an empty prefix, and says the page is truncated when the backend sent more', async () => {
    const { source, transport } = sourceWith([[200, values(['c', 'a', 'b'])]]);
    expect(await source.metricNames({ prefix: '', limit: 2 })).toEqual({ names: ['a', 'b'], truncated: true });
    expect(transport.calls[0].form).toEqual({ limit: '3' });
  });
});
