import { describe, expect, it } from '@jest/globals';
import type { OtlpPoint } from '../decode/otlp-metric.model';
import {
  checkOrder,
  checkPoint,
  ClassifyClock,
  describeRejections,
  memoizedMicrosToIso,
  microsToIso,
  nanosToMicros,
} from './point-classification';

const NOW_US = 1_764_150_000_000_000n;
const clock: ClassifyClock = { nowUs: NOW_US, retentionUs: 3_600_000_000n, futureToleranceUs: 600_000_000n };
const nanos = (us: bigint): string => (us * 1000n + 789n).toString();

function point(overrides: Partial<OtlpPoint> = {}): OtlpPoint {
  return {
    metric: 'm',
    kind: 'gauge',
    temporality: 'unspecified',
    monotonic: false,
    unit: '',
    attributes: {},
    timeUnixNano: nanos(NOW_US),
    startTimeUnixNano: '0',
    flags: 0,
    value: 1,
    histogram: null,
    ...overrides,
  };
}

const histogram = (bounds: number[], counts: string[], sum: number | null = 1) => ({ bounds, counts, sum, count: '1' });

describe('checkPoint', () => {
  it.each([
    ['a plain value', point(), { atUs: NOW_US }],
    ['a negative value', point({ value: -3 }), { atUs: NOW_US }],
    ['NaN', point({ value: NaN }), { reject: 'not_finite' }],
    ['Infinity', point({ value: Infinity }), { reject: 'not_finite' }],
    ['no value', point({ value: null }), { reject: 'no_value' }],
    ['the no-recorded-value flag', point({ flags: 1 }), { reject: 'no_value' }],
    ['no timestamp', point({ timeUnixNano: '0' }), { reject: 'no_timestamp' }],
    ['older than retention', point({ timeUnixNano: nanos(NOW_US - 3_600_000_001n) }), { reject: 'too_old' }],
    [
      'exactly at retention',
      point({ timeUnixNano: nanos(NOW_US - 3_600_000_000n) }),
      { atUs: NOW_US - 3_600_000_000n },
    ],
    [
      'within the future tolerance',
      point({ timeUnixNano: nanos(NOW_US + 600_000_000n) }),
      { atUs: NOW_US + 600_000_000n },
    ],
    ['beyond the future tolerance', point({ timeUnixNano: nanos(NOW_US + 600_000_001n) }), { reject: 'in_future' }],
    [
      'a histogram',
      point({ kind: 'histogram', value: null, histogram: histogram([0.1, 1], ['1', '0', '0']) }),
      { atUs: NOW_US },
    ],
    [
      'a histogram without sum',
      point({ kind: 'histogram', value: null, histogram: histogram([], ['1'], null) }),
      { atUs: NOW_US },
    ],
    [
      'a histogram with a NaN sum',
      point({ kind: 'histogram', value: null, histogram: histogram([1], ['1', '0'], NaN) }),
      { reject: 'not_finite' },
    ],
    [
      'a histogram with too few counts',
      point({ kind: 'histogram', value: null, histogram: histogram([0.1, 1], ['1', '0']) }),
      { reject: 'bad_histogram' },
    ],
    [
      'a histogram with unsorted bounds',
      point({ kind: 'histogram', value: null, histogram: histogram([1, 0.1], ['1', '0', '0']) }),
      { reject: 'bad_histogram' },
    ],
    [
      'a histogram count beyond bigint',
      point({ kind: 'histogram', value: null, histogram: histogram([], ['9223372036854775808']) }),
      { reject: 'bad_histogram' },
    ],
    [
      'a negative bucket count',
      point({ kind: 'histogram', value: null, histogram: histogram([1], ['2', '-1']) }),
      { reject: 'negative_count' },
    ],
    [
      'bucket counts that do not add up to count',
      point({ kind: 'histogram', value: null, histogram: { ...histogram([1], ['1', '2']), count: '4' } }),
      { reject: 'count_mismatch' },
    ],
    [
      'a histogram with a repeated bound',
      point({ kind: 'histogram', value: null, histogram: histogram([1, 1], ['1', '0', '0']) }),
      { reject: 'bad_histogram' },
    ],
    [
      'a histogram with a NaN bound',
      point({ kind: 'histogram', value: null, histogram: histogram([0.1, NaN], ['1', '0', '0']) }),
      { reject: 'bad_histogram' },
    ],
    [
      'a histogram with an infinite bound',
      point({ kind: 'histogram', value: null, histogram: histogram([Infinity], ['1', '0']) }),
      { reject: 'bad_histogram' },
    ],
  ])('%s', (_name, p, expected) => {
    expect(checkPoint(p, clock)).toEqual(expected);
  });
});

describe('checkOrder', () => {
  it.each([
    [10n, null, 'new'],
    [11n, 10n, 'new'],
    [10n, 10n, 'duplicate'],
    [9n, 10n, 'out_of_order'],
  ] as const)('%s after %s is %s', (at, last, expected) => {
    expect(checkOrder(at, last)).toBe(expected);
  });
});

describe('time conversion', () => {
  it('keeps microseconds exact', () => {
    expect(nanosToMicros('1764150000123456789')).toBe(1_764_150_000_123_456n);
    expect(microsToIso(1_764_150_000_123_456n)).toBe('2025-11-26T09:40:00.123456Z');
    expect(microsToIso(1_764_150_000_000_007n)).toBe('2025-11-26T09:40:00.000007Z');
  });

  it('formats the same with a memo, a repeated time as the first time', () => {
    const iso = memoizedMicrosToIso();
    for (const us of [1_764_150_000_123_456n, 1_764_150_000_000_007n, 1_764_150_000_123_456n]) {
      expect(iso(us)).toBe(microsToIso(us));
    }
  });
});

describe('describeRejections', () => {
  const limits = { maxSeriesPerMetric: 1000, maxSeries: 100_000 };

  it('says how many points and why, naming limited metrics', () => {
    const text = describeRejections(
      new Map([
        ['not_finite', 1],
        ['series_limit', 5],
        ['out_of_order', 0],
      ]),
      ['http.requests'],
      limits,
    );
    expect(text).toBe(
      '1 point have a NaN or infinite value; 5 points would create series beyond the per-metric series limit (1000 series per metric; at the limit: http.requests)',
    );
  });

  it('names the overall series budget and its key', () => {
    const text = describeRejections(new Map([['series_budget', 3]]), [], limits);
    expect(text).toBe(
      '3 points would create series beyond the overall series budget (otlp.maxSeries: 100000 series across all metrics)',
    );
  });

  it('says nothing when nothing was refused', () => {
    expect(describeRejections(new Map([['too_old', 0]]), [], limits)).toBe('');
  });
});
