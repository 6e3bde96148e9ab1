import { describe, expect, it } from '@jest/globals';
import { rowsToSeries, type OtlpWindowRow } from './otlp-window.repository';

const row = (
  series: string,
  atMs: number,
  value: number,
  extra: Partial<Record<keyof OtlpWindowRow, unknown>> = {},
) => ({
  series_id: series,
  kind: 'sum',
  temporality: 'delta',
  monotonic: true,
  at_ms: atMs,
  start_ms: null,
  value,
  bounds: null,
  counts: null,
  hist_sum: null,
  hist_count: null,
  ...extra,
});

describe('rowsToSeries', () => {
  it('turns rows (numbers as strings, bigint arrays as text) into series ordered by time', () => {
    const series = rowsToSeries([
      row('7', 2_000, 0, {
        kind: 'histogram',
        temporality: 'cumulative',
        monotonic: false,
        value: null,
        at_ms: '2000',
        start_ms: '1000',
        bounds: ['0.1', '1'],
        counts: ['1', '2', '3'],
        hist_sum: '4.5',
        hist_count: '6',
      }),
      row('7', 1_500, 0, {
        kind: 'histogram',
        temporality: 'cumulative',
        value: null,
        bounds: [0.1, 1],
        counts: ['0', '0', '0'],
        hist_sum: 0,
        hist_count: '0',
      }),
    ] as never);
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({ kind: 'histogram', temporality: 'cumulative', monotonic: false });
    expect(series[0].points.map((p) => p.at)).toEqual([1_500, 2_000]);
    expect(series[0].points[1]).toEqual({
      at: 2_000,
      startAt: 1_000,
      value: null,
      bounds: [0.1, 1],
      counts: [1, 2, 3],
      sum: 4.5,
      count: 6,
    });
  });
});
