import { describe, expect, it } from '@jest/globals';
import {
  describeSelector,
  describeTarget,
  flagLabel,
  formatInstant,
  formatNumber,
  formatProgress,
  formatSpan,
  statusLabel,
} from './report-values';

describe('report values', () => {
  it.each([
    ['2025-01-05T14:02:00Z', '2025-01-05 14:02 UTC'],
    ['2025-01-05T14:02:09.500Z', '2025-01-05 14:02:09 UTC'],
    ['2025-01-05T15:02:00+01:00', '2025-01-05 14:02 UTC'],
  ])('formatInstant(%s) = %s', (iso, text) => {
    expect(formatInstant(new Date(iso))).toBe(text);
  });

  it.each([
    [0, '0 s'],
    [40_000, '40 s'],
    [60_000, '1 min'],
    [8 * 60_000, '8 min'],
    [2 * 3_600_000 + 15 * 60_000, '2 h 15 min'],
    [3_600_000, '1 h'],
    [86_400_000 + 4 * 3_600_000 + 59 * 60_000, '1 d 4 h'],
    [3 * 86_400_000 + 5 * 60_000, '3 d'],
  ])('formatSpan(%d) = %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });

  it.each([
    [250, '250'],
    [0.1 + 0.2, '0.3'],
    [98.5234567, '98.5235'],
    [1234567.89, '1234568'],
    [-0.000123456789, '-0.000123457'],
  ])('formatNumber(%d) = %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it.each([
    [0, '0 %'],
    [0.004, '0 %'],
    [1 / 3, '33 %'],
    [0.5, '50 %'],
    [0.994, '99 %'],
    [0.996, '99 %'],
    [1, '100 %'],
  ])('formatProgress(%d) = %s', (progress, text) => {
    expect(formatProgress(progress)).toBe(text);
  });

  it('spells flag kinds for people', () => {
    expect(flagLabel('no_telemetry')).toBe('no telemetry');
    expect(flagLabel('source_error')).toBe('source error');
    expect(flagLabel('stalled')).toBe('stalled');
    expect(flagLabel('improved_before_fix')).toBe('improved before the fix');
  });

  it('spells statuses for people', () => {
    expect(statusLabel('in_progress')).toBe('in progress');
    expect(statusLabel('wont_fix')).toBe("won't fix");
    expect(statusLabel('verified')).toBe('verified');
  });

  it.each([
    ['decrease', { absolute: 250 }, 'decrease to ≤ 250'],
    ['decrease', { relativePercent: 20 }, 'decrease by ≥ 20 % from the baseline'],
    ['increase', { absolute: 99.9, relativePercent: 1 }, 'increase to ≥ 99.9 and by ≥ 1 % over the baseline'],
  ] as const)('describeTarget(%s, %j)', (direction, target, text) => {
    expect(describeTarget(direction, target)).toBe(text);
  });

  it('writes a selector in one line', () => {
    expect(describeSelector({ metric: 'http.server.duration', statistic: 'p99' })).toBe('p99(http.server.duration)');
    expect(
      describeSelector({
        metric: 'errors',
        attributes: { route: '/pay', code: '5"x' },
        statistic: 'increase',
        denominator: { metric: 'requests', attributes: { route: '/pay' }, statistic: 'increase' },
      }),
    ).toBe('increase(errors{route="/pay", code="5\\"x"}) / increase(requests{route="/pay"})');
  });
});
