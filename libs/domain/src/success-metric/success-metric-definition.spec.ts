import { describe, expect, it } from '@jest/globals';
import { checkSuccessMetric, draftFromInput } from './success-metric.rules';
import {
  definitionOf,
  DURATION_FIELDS,
  MEASUREMENT_FIELDS,
  SUCCESS_METRIC_DEFAULTS,
  SUCCESS_METRIC_FIELDS,
  sustainSpanMs,
  verificationDeadline,
  type SuccessMetricDefinition,
} from './success-metric-definition';

const DAY = 86_400_000;

const DEFINITION: SuccessMetricDefinition = {
  name: 'checkout p99 latency',
  datasource: 'prometheus',
  query: 'up',
  selector: null,
  direction: 'decrease',
  target: { relativePercent: 30 },
  aggregation: 'p95',
  baselineWindow: '14d',
  baselineEnd: null,
  baseline: null,
  evaluationWindow: '7d',
  sustainFor: '7d',
  verifyWithin: '30d',
  checkEvery: '1h',
  step: null,
  confidence: null,
  seasonality: 'none',
  timeZone: 'UTC',
};

describe('the field lists', () => {
  it('name every field of a definition once', () => {
    expect([...SUCCESS_METRIC_FIELDS].sort()).toEqual(Object.keys(DEFINITION).sort());
    expect(new Set(SUCCESS_METRIC_FIELDS).size).toBe(SUCCESS_METRIC_FIELDS.length);
  });

  it('take the durations and the measurement fields from the definition', () => {
    for (const field of [...DURATION_FIELDS, ...MEASUREMENT_FIELDS]) expect(SUCCESS_METRIC_FIELDS).toContain(field);
  });

  it('default only fields a request may leave out, and the defaults pass the rules', () => {
    for (const field of ['name', 'datasource', 'direction', 'target'])
      expect(Object.keys(SUCCESS_METRIC_DEFAULTS)).not.toContain(field);
    const draft = draftFromInput({
      name: 'n',
      datasource: 'p',
      query: 'up',
      direction: 'increase',
      target: { absolute: 1 },
    });
    expect(checkSuccessMetric(draft, [{ name: 'p', type: 'prometheus' }])).toEqual({
      ...SUCCESS_METRIC_DEFAULTS,
      name: 'n',
      datasource: 'p',
      query: 'up',
      direction: 'increase',
      target: { absolute: 1 },
    });
  });
});

describe('definitionOf', () => {
  it('keeps the definition and drops what a stored metric carries besides', () => {
    const stored = { ...DEFINITION, id: 'm1', actionId: 'a1', baselineValue: 3, metSince: new Date(0) };
    expect(definitionOf(stored)).toEqual(DEFINITION);
    expect(Object.keys(definitionOf(stored))).toEqual([...SUCCESS_METRIC_FIELDS]);
  });
});

describe('sustainSpanMs', () => {
  it.each([
    ['7d', 7 * DAY],
    ['0s', 0],
    ['90m', 90 * 60_000],
  ])('%s is %d ms', (sustainFor, ms) => {
    expect(sustainSpanMs({ sustainFor })).toBe(ms);
  });
});

describe('verificationDeadline', () => {
  it.each([
    ['30d', 0, 30 * DAY],
    ['1h', 1_000, 3_601_000],
    ['2w', DAY, 15 * DAY],
  ])('verifyWithin %s after %d is %d', (verifyWithin, implementedAt, deadline) => {
    expect(verificationDeadline({ verifyWithin }, implementedAt)).toBe(deadline);
  });

  it('refuses what is not a duration', () => {
    expect(() => verificationDeadline({ verifyWithin: 'soon' }, 0)).toThrow(RangeError);
  });
});
