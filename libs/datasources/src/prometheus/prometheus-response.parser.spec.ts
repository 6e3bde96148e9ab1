import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MalformedResponseError } from './prometheus-response.errors';
import { formatLabels, parseEnvelope, parseSampleValue, secondsToMillis } from './prometheus-response.parser';

// jest runs from the repository root; ESM specs have no __dirname.
const fixture = (name: string) =>
  readFileSync(join(process.cwd(), 'libs/datasources/src/prometheus/__fixtures__', name), 'utf8');

describe('parseEnvelope', () => {
  it('decodes a matrix: labels, string values as numbers, float seconds as epoch ms', () => {
    expect(parseEnvelope(fixture('matrix-one-series.json'))).toEqual({
      status: 'success',
      warnings: [],
      data: {
        resultType: 'matrix',
        series: [
          {
            labels: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' },
            samples: [
              { at: 1435781430781, value: 1 },
              { at: 1435781445781, value: 0.5 },
              { at: 1435781460781, value: 0.001 },
            ],
          },
        ],
      },
    });
  });

  it('keeps every series of a matrix, in order', () => {
    const envelope = parseEnvelope(fixture('matrix-two-series.json'));
    if (envelope.status !== 'success' || envelope.data.resultType !== 'matrix') throw new Error('expected a matrix');
    expect(envelope.data.series.map((s) => s.labels.job)).toEqual(['prometheus', 'node']);
    expect(envelope.data.series[1].samples.map((s) => s.value)).toEqual([0, 0, 1]);
  });

  it('decodes an empty matrix as no series', () => {
    expect(parseEnvelope(fixture('matrix-empty.json'))).toEqual({
      status: 'success',
      warnings: [],
      data: { resultType: 'matrix', series: [] },
    });
  });

  it('turns "NaN", "+Inf" and "-Inf" into the numbers they name', () => {
    const envelope = parseEnvelope(fixture('matrix-nan-inf.json'));
    if (envelope.status !== 'success' || envelope.data.resultType !== 'matrix') throw new Error('expected a matrix');
    const values = envelope.data.series[0].samples.map((s) => s.value);
    expect(values[0]).toBeNaN();
    expect(values.slice(1)).toEqual([Infinity, -Infinity, 0.25]);
    expect(envelope.data.series[0].samples.map((s) => s.at)).toEqual([
      1700000000000, 1700000060000, 1700000120000, 1700000180000,
    ]);
  });

  it('decodes a vector as one sample per series', () => {
    expect(parseEnvelope(fixture('vector.json'))).toEqual({
      status: 'success',
      warnings: [],
      data: {
        resultType: 'vector',
        series: [
          {
            labels: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' },
            samples: [{ at: 1435781451781, value: 1 }],
          },
          {
            labels: { __name__: 'up', job: 'node', instance: 'localhost:9100' },
            samples: [{ at: 1435781451781, value: 0 }],
          },
        ],
      },
    });
  });

  it('decodes a scalar and a string', () => {
    expect(parseEnvelope(fixture('scalar.json'))).toEqual({
      status: 'success',
      warnings: [],
      data: { resultType: 'scalar', sample: { at: 1435781451781, value: 2 } },
    });
    expect(parseEnvelope(fixture('string.json'))).toEqual({
      status: 'success',
      warnings: [],
      data: { resultType: 'string', at: 1435781451781, value: 'hello' },
    });
  });

  it('returns warnings beside the result', () => {
    const envelope = parseEnvelope(fixture('warnings.json'));
    expect(envelope.status).toBe('success');
    expect(envelope.warnings).toEqual([expect.stringContaining('might not be a counter')]);
  });

  it('ignores fields other backends add (stats, isPartial, infos)', () => {
    expect(parseEnvelope(fixture('extra-fields.json'))).toEqual({
      status: 'success',
      warnings: [],
      data: { resultType: 'vector', series: [{ labels: {}, samples: [{ at: 1700000000500, value: 42 }] }] },
    });
  });

  it.each([
    ['error-bad-data.json', 'bad_data', 'parse error: unexpected end of input'],
    ['error-execution.json', 'execution', 'many-to-many matching not allowed'],
    ['error-timeout.json', 'timeout', 'query timed out'],
  ])('decodes the error envelope %s with its errorType and message', (name, errorType, message) => {
    const envelope = parseEnvelope(fixture(name));
    expect(envelope).toEqual({ status: 'error', errorType, error: expect.stringContaining(message), warnings: [] });
  });

  it.each([
    ['not JSON', '<html><body>502 Bad Gateway</body></html>', /not JSON: <html>/],
    ['an empty body', '', /not JSON: \(empty body\)/],
    ['a JSON array', '[1, 2]', /not a Prometheus API envelope/],
    ['an unknown status', '{"status": "pending"}', /status is "pending"/],
    ['no data', '{"status": "success"}', /no data object/],
    ['an unknown resultType', fixture('unknown-result-type.json'), /unexpected resultType "histogram"/],
    ['a value that is no number', fixture('bad-value.json'), /"fast" is not a number/],
    [
      'a sample that is no pair',
      '{"status":"success","data":{"resultType":"scalar","result":[1]}}',
      /not a \[time, value\] pair/,
    ],
    [
      'a non-string label',
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":1},"value":[1,"1"]}]}}',
      /label a is not a string/,
    ],
    [
      'a result that is no array',
      '{"status":"success","data":{"resultType":"matrix","result":{}}}',
      /matrix result is not an array/,
    ],
  ])('refuses %s', (_case, body, message) => {
    expect(() => parseEnvelope(body)).toThrow(MalformedResponseError);
    expect(() => parseEnvelope(body)).toThrow(message);
  });
});

describe('parseSampleValue', () => {
  it.each([
    ['1', 1],
    ['-0.5', -0.5],
    ['1e+06', 1_000_000],
    ['+Inf', Infinity],
    ['Inf', Infinity],
    ['-Inf', -Infinity],
  ])('reads %s as %d', (raw, value) => expect(parseSampleValue(raw)).toBe(value));

  it('reads "NaN" as NaN', () => expect(parseSampleValue('NaN')).toBeNaN());

  it.each([[''], [' '], ['abc'], [null]])('refuses %j', (raw) =>
    expect(() => parseSampleValue(raw)).toThrow(MalformedResponseError),
  );
});

describe('secondsToMillis', () => {
  it('rounds away binary float error', () => expect(secondsToMillis(1435781451.781)).toBe(1435781451781));
  it('accepts seconds sent as a string', () => expect(secondsToMillis('1700000000.5')).toBe(1700000000500));
  it('refuses what is not a finite number', () =>
    expect(() => secondsToMillis('soon')).toThrow(MalformedResponseError));
});

describe('formatLabels', () => {
  it.each([
    [{ job: 'a' }, '{job="a"}'],
    [{ job: 'b', instance: 'x:1' }, '{instance="x:1", job="b"}'],
    [{ __name__: 'up', job: 'a' }, 'up{job="a"}'],
    [{}, '{}'],
    [{ path: 'say "hi"' }, '{path="say \\"hi\\""}'],
  ])('prints %j as %s', (labels, text) => expect(formatLabels(labels)).toBe(text));
});
