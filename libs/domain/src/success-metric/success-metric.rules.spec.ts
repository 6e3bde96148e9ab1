import { describe, expect, it } from '@jest/globals';
import { DomainError, DomainErrorCode } from '../domain.errors';
import {
  checkSuccessMetric,
  draftFromInput,
  mergeDraft,
  type DatasourceRef,
  type SuccessMetricInput,
} from './success-metric.rules';

const DATASOURCES: DatasourceRef[] = [
  { name: 'prometheus', type: 'prometheus' },
  { name: 'otlp', type: 'otlp' },
];

const PROMQL: SuccessMetricInput = {
  name: 'checkout p99',
  datasource: 'prometheus',
  query: 'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket[5m])) by (le))',
  direction: 'decrease',
  target: { relativePercent: 30 },
};

const OTEL: SuccessMetricInput = {
  name: 'error ratio',
  datasource: 'otlp',
  selector: {
    metric: 'http.server.request.count',
    attributes: { 'http.response.status_code': '500' },
    statistic: 'rate',
    denominator: { metric: 'http.server.request.count', statistic: 'rate' },
  },
  direction: 'decrease',
  target: { absolute: 0.01 },
};

function check(input: SuccessMetricInput) {
  return checkSuccessMetric(draftFromInput(input), DATASOURCES);
}

function refusal(input: SuccessMetricInput): string {
  try {
    check(input);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(DomainErrorCode.InvalidInput);
    return (err as DomainError).message;
  }
  throw new Error('was accepted');
}

describe('draftFromInput', () => {
  it('fills the defaults', () => {
    expect(check(PROMQL)).toMatchObject({
      aggregation: 'avg',
      baselineWindow: '14d',
      evaluationWindow: '7d',
      sustainFor: '7d',
      verifyWithin: '30d',
      checkEvery: '1h',
      baselineEnd: null,
      baseline: null,
      step: null,
      confidence: null,
      selector: null,
    });
  });

  it('takes null for "not given" and leaves out fields that are not the definition\'s', () => {
    const draft = draftFromInput({
      ...PROMQL,
      aggregation: null,
      checkEvery: null,
      step: null,
      implementedAt: '2025-01-01T00:00:00Z',
    } as SuccessMetricInput);
    expect(draft).toMatchObject({ aggregation: 'avg', checkEvery: '1h', step: null });
    expect(draft).not.toHaveProperty('implementedAt');
  });

  it('reads baselineEnd as an instant', () => {
    expect(check({ ...PROMQL, baselineEnd: '2025-01-01T00:00:00Z' }).baselineEnd).toEqual(
      new Date('2025-01-01T00:00:00Z'),
    );
  });
});

describe('checkSuccessMetric', () => {
  it('accepts a PromQL metric and an OpenTelemetry ratio', () => {
    expect(check(PROMQL).query).toBe(PROMQL.query);
    expect(check(OTEL).selector).toEqual(OTEL.selector);
  });

  it('accepts a selector on a prometheus datasource', () => {
    expect(check({ ...OTEL, datasource: 'prometheus' }).selector).not.toBeNull();
  });

  it.each<[string, SuccessMetricInput, RegExp]>([
    [
      'an unknown datasource',
      { ...PROMQL, datasource: 'thanos' },
      /^datasource: unknown datasource "thanos"; configured: prometheus, otlp$/,
    ],
    ['neither query nor selector', { ...PROMQL, query: null }, /^query: /],
    ['both query and selector', { ...PROMQL, selector: OTEL.selector }, /^selector: .*not both/],
    ['PromQL on an otlp datasource', { ...PROMQL, datasource: 'otlp' }, /^query: PromQL needs a prometheus datasource/],
    ['a selector that is not an object', { ...OTEL, selector: 'http.requests' }, /^selector: must be an object/],
    [
      'a selector with an unknown field',
      { ...OTEL, selector: { metric: 'm', statistic: 'rate', unit: 's' } },
      /^selector\.unit: unknown field$/,
    ],
    ['a bad metric name', { ...OTEL, selector: { metric: '9lives', statistic: 'rate' } }, /^selector\.metric: /],
    [
      'a metric name of 256 characters',
      { ...OTEL, selector: { metric: 'm'.repeat(256), statistic: 'rate' } },
      /^selector\.metric: /,
    ],
    ['a missing statistic', { ...OTEL, selector: { metric: 'm' } }, /^selector\.statistic: must be one of value, rate/],
    ['an unknown statistic', { ...OTEL, selector: { metric: 'm', statistic: 'p42' } }, /^selector\.statistic: /],
    [
      'a non-string attribute',
      { ...OTEL, selector: { metric: 'm', statistic: 'rate', attributes: { code: 500 } } },
      /^selector\.attributes\.code: /,
    ],
    [
      'attributes that are a list',
      { ...OTEL, selector: { metric: 'm', statistic: 'rate', attributes: ['a'] } },
      /^selector\.attributes: /,
    ],
    [
      'a nested denominator',
      {
        ...OTEL,
        selector: { metric: 'm', statistic: 'rate', denominator: { metric: 'n', statistic: 'rate', denominator: {} } },
      },
      /^selector\.denominator\.denominator: unknown field$/,
    ],
    [
      'a bad denominator metric',
      { ...OTEL, selector: { metric: 'm', statistic: 'rate', denominator: { metric: '', statistic: 'rate' } } },
      /^selector\.denominator\.metric: /,
    ],
    ['a target that is not an object', { ...PROMQL, target: 5 }, /^target: must be an object/],
    ['an empty target', { ...PROMQL, target: {} }, /^target: give absolute, relativePercent or both$/],
    ['a target with an unknown field', { ...PROMQL, target: { percent: 5 } }, /^target\.percent: unknown field$/],
    ['a non-numeric absolute target', { ...PROMQL, target: { absolute: '5' } }, /^target\.absolute: /],
    [
      'a zero relative target',
      { ...PROMQL, target: { relativePercent: 0 } },
      /^target\.relativePercent: must be a number greater than 0$/,
    ],
    ['a negative relative target', { ...PROMQL, target: { relativePercent: -5 } }, /^target\.relativePercent: /],
    [
      'a decrease of more than 100%',
      { ...PROMQL, target: { relativePercent: 100.5 } },
      /^target\.relativePercent: at most 100 for a decrease/,
    ],
    [
      'a bad duration',
      { ...PROMQL, evaluationWindow: '7x' },
      /^evaluationWindow: not a duration "7x" \(expected e\.g\. 30m, 6h, 14d\)$/,
    ],
    ['a fractional duration', { ...PROMQL, baselineWindow: '1.5d' }, /^baselineWindow: not a duration "1\.5d"/],
    ['a zero window', { ...PROMQL, baselineWindow: '0d' }, /^baselineWindow: must be longer than 0$/],
    ['an absurd duration', { ...PROMQL, verifyWithin: '300w' }, /^verifyWithin: at most /],
    ['checking more often than every minute', { ...PROMQL, checkEvery: '59s' }, /^checkEvery: at least 1m/],
    ['a bad step', { ...PROMQL, step: 'fast' }, /^step: not a duration/],
    ['a step longer than the window', { ...PROMQL, step: '8d' }, /^step: must not be longer than evaluationWindow/],
    [
      'a step giving too many points',
      { ...PROMQL, step: '1s' },
      /^step: "1s" gives more than 11000 points over baselineWindow 14d; use at least 110s$/,
    ],
    ['confidence of 1', { ...PROMQL, confidence: 1 }, /^confidence: /],
    ['confidence of 0', { ...PROMQL, confidence: 0 }, /^confidence: /],
  ])('refuses %s, naming the field', (_, input, message) => {
    expect(refusal(input)).toMatch(message);
  });

  it.each<[string, SuccessMetricInput]>([
    ['a decrease of exactly 100%', { ...PROMQL, target: { relativePercent: 100 } }],
    ['an increase of more than 100%', { ...PROMQL, direction: 'increase', target: { relativePercent: 300 } }],
    ['both targets', { ...PROMQL, target: { absolute: 0.2, relativePercent: 10 } }],
    ['a negative absolute target', { ...PROMQL, target: { absolute: -3 } }],
    ['checking every minute', { ...PROMQL, checkEvery: '1m' }],
    ['sustainFor 0', { ...PROMQL, sustainFor: '0s' }],
    ['confidence just inside the range', { ...PROMQL, confidence: 0.999 }],
    ['a step at the point limit', { ...PROMQL, step: '2m' }],
    ['a metric name with every allowed character', { ...OTEL, selector: { metric: 'a.B_c-d/e9', statistic: 'p99' } }],
    ['a weekly seasonality over exactly a week', { ...PROMQL, seasonality: 'weekly', baselineWindow: '7d' }],
    [
      'a daily seasonality over a day in a zone',
      { ...PROMQL, seasonality: 'daily', baselineWindow: '1d', timeZone: 'Asia/Kolkata' },
    ],
  ])('accepts %s', (_, input) => {
    expect(() => check(input)).not.toThrow();
  });

  it('keeps only the known keys of a null-padded target', () => {
    expect(check({ ...PROMQL, target: { absolute: 2, relativePercent: null } }).target).toEqual({ absolute: 2 });
  });

  it('says so when no datasource is configured', () => {
    expect(() => checkSuccessMetric(draftFromInput(PROMQL), [])).toThrow('configured: none');
  });
});

describe('the cost of a PromQL query', () => {
  it('refuses a range longer than the limit, naming the query field', () => {
    expect(() => check({ ...PROMQL, query: 'max_over_time(up[1825d:1s])' })).toThrow(
      /^query: the subquery "up\[1825d:1s\]" spans 1825d, longer than 31d \(limits\.maxQueryRange\)$/,
    );
  });

  it('follows the configured limit', () => {
    const slo = { ...PROMQL, query: 'increase(errors_total[60d])' };
    expect(() => check(slo)).toThrow(/^query: .*longer than 31d/);
    const limits = { maxQueryRangeMs: 90 * 86_400_000 };
    expect(checkSuccessMetric(draftFromInput(slo), DATASOURCES, limits).query).toBe(slo.query);
  });

  it("counts a subquery over the metric's longest window", () => {
    const query = 'max_over_time(up[1h:1s])';
    expect(check({ ...PROMQL, query, baselineWindow: '1d', evaluationWindow: '1d' }).query).toBe(query);
    expect(() => check({ ...PROMQL, query, baselineWindow: '30d', evaluationWindow: '1d' })).toThrow(
      /^query: .*over the metric's 30d window/,
    );
  });

  it('leaves a query it cannot parse to the datasource, unless a bracketed range in it is over the limit', () => {
    expect(() => check({ ...PROMQL, query: 'max_over_time(up[1825d:1s]' })).toThrow(
      /^query: the subquery "\[1825d:1s\]"/,
    );
    expect(check({ ...PROMQL, query: 'max_over_time(up[5m]' }).query).toBe('max_over_time(up[5m]');
  });
});

describe('seasonality', () => {
  it('defaults to none in UTC', () => {
    expect(check(PROMQL)).toMatchObject({ seasonality: 'none', timeZone: 'UTC' });
  });

  it.each<[string, SuccessMetricInput, string]>([
    [
      'an unknown seasonality',
      { ...PROMQL, seasonality: 'monthly' },
      'seasonality: must be one of none, daily, weekly',
    ],
    [
      'a zone that does not exist',
      { ...PROMQL, timeZone: 'Mars/Olympus' },
      'timeZone: not an IANA time zone "Mars/Olympus" (e.g. UTC, Europe/Berlin)',
    ],
    ['an empty zone', { ...PROMQL, timeZone: '' }, 'timeZone: not an IANA time zone "" (e.g. UTC, Europe/Berlin)'],
    [
      'a weekly profile over less than a week',
      { ...PROMQL, seasonality: 'weekly', baselineWindow: '3d' },
      'baselineWindow: a weekly seasonality needs a baseline window of at least one whole period (1w), got "3d"',
    ],
    [
      'a daily profile over less than a day',
      { ...PROMQL, seasonality: 'daily', baselineWindow: '23h' },
      'baselineWindow: a daily seasonality needs a baseline window of at least one whole period (1d), got "23h"',
    ],
  ])('refuses %s', (_, input, message) => {
    expect(refusal(input)).toBe(message);
  });

  it('judges a changed baseline window against a seasonality set before', () => {
    const weekly = check({ ...PROMQL, seasonality: 'weekly' });
    expect(() => checkSuccessMetric(mergeDraft(weekly, { baselineWindow: '2d' }), DATASOURCES)).toThrow(
      'baselineWindow: a weekly seasonality',
    );
  });
});

describe('mergeDraft', () => {
  const current = check(PROMQL);

  it('changes only the fields given', () => {
    const merged = checkSuccessMetric(mergeDraft(current, { name: 'renamed', checkEvery: '5m' }), DATASOURCES);
    expect(merged).toEqual({ ...current, name: 'renamed', checkEvery: '5m' });
  });

  it('switches from query to selector without an explicit null', () => {
    const merged = checkSuccessMetric(mergeDraft(current, { selector: OTEL.selector }), DATASOURCES);
    expect(merged.query).toBeNull();
    expect(merged.selector).toEqual(OTEL.selector);
  });

  it('reads a changed baselineEnd as an instant and keeps the one stored when not given', () => {
    const end = new Date('2025-01-01T00:00:00Z');
    expect(mergeDraft(current, { baselineEnd: end.toISOString() }).baselineEnd).toEqual(end);
    expect(mergeDraft({ ...current, baselineEnd: end }, { name: 'x' }).baselineEnd).toBe(end);
  });

  it('keeps both query and selector when a change gives both, for the rules to refuse', () => {
    const merged = mergeDraft(current, { query: 'up', selector: OTEL.selector });
    expect(() => checkSuccessMetric(merged, DATASOURCES)).toThrow(/^selector: .*not both/);
  });

  it('clears nullable fields with null', () => {
    const withBaseline = { ...current, baseline: 5, step: '1m' };
    const merged = mergeDraft(withBaseline, { baseline: null, step: null });
    expect(merged.baseline).toBeNull();
    expect(merged.step).toBeNull();
  });

  it('checks the merged result as a whole', () => {
    // The datasource alone is fine; with the existing PromQL it is not.
    expect(() => checkSuccessMetric(mergeDraft(current, { datasource: 'otlp' }), DATASOURCES)).toThrow(
      /^query: PromQL needs/,
    );
  });

  it('checks a relative target against a changed direction', () => {
    const big = check({ ...PROMQL, direction: 'increase', target: { relativePercent: 200 } });
    expect(() => checkSuccessMetric(mergeDraft(big, { direction: 'decrease' }), DATASOURCES)).toThrow(
      /^target\.relativePercent/,
    );
  });
});
