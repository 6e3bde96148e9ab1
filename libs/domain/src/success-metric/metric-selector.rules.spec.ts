import { describe, expect, it } from '@jest/globals';
import { DomainError, DomainErrorCode } from '../domain.errors';
import { SELECTOR_STATISTICS } from '../types';
import {
  checkObject,
  checkSelector,
  MAX_ATTRIBUTE_KEY_LENGTH,
  MAX_ATTRIBUTE_VALUE_LENGTH,
  MAX_ATTRIBUTES,
} from './metric-selector.rules';

function refusal(value: unknown, path?: string): string {
  try {
    checkSelector(value, path);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(DomainErrorCode.InvalidInput);
    return (err as DomainError).message;
  }
  throw new Error('was accepted');
}

const attributes = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));

describe('checkSelector', () => {
  it.each(SELECTOR_STATISTICS)('accepts the statistic %s', (statistic) => {
    expect(checkSelector({ metric: 'm', statistic })).toEqual({ metric: 'm', statistic });
  });

  it.each([
    ['a name of 255 characters', { metric: 'm'.repeat(255), statistic: 'value' }],
    [`${MAX_ATTRIBUTES} attributes`, { metric: 'm', statistic: 'value', attributes: attributes(MAX_ATTRIBUTES) }],
    [
      'the longest attribute name and value',
      {
        metric: 'm',
        statistic: 'value',
        attributes: { ['k'.repeat(MAX_ATTRIBUTE_KEY_LENGTH)]: 'v'.repeat(MAX_ATTRIBUTE_VALUE_LENGTH) },
      },
    ],
    ['an empty attribute value', { metric: 'm', statistic: 'value', attributes: { k: '' } }],
    [
      'a ratio',
      { metric: 'm', statistic: 'rate', denominator: { metric: 'n', statistic: 'rate', attributes: { k: 'v' } } },
    ],
  ])('accepts %s, as given', (_, selector) => {
    expect(checkSelector(selector)).toEqual(selector);
  });

  it('drops null attributes and a null denominator', () => {
    expect(checkSelector({ metric: 'm', statistic: 'value', attributes: null, denominator: null })).toEqual({
      metric: 'm',
      statistic: 'value',
    });
  });

  it('returns a copy', () => {
    const given = { metric: 'm', statistic: 'value', attributes: { k: 'v' } };
    const checked = checkSelector(given);
    expect(checked).not.toBe(given);
    expect(checked.attributes).not.toBe(given.attributes);
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /^selector: must be an object with metric, attributes, statistic, denominator$/],
    ['a list', [], /^selector: must be an object/],
    ['a string', 'http.requests', /^selector: must be an object/],
    ['an unknown field', { metric: 'm', statistic: 'value', unit: 's' }, /^selector\.unit: unknown field$/],
    [
      'a missing metric',
      { statistic: 'value' },
      /^selector\.metric: must be an OpenTelemetry metric name \(a letter, then letters, digits, "_", "\.", "-", "\/"; at most 255\)$/,
    ],
    ['a metric that is not a string', { metric: 5, statistic: 'value' }, /^selector\.metric: /],
    ['an empty metric', { metric: '', statistic: 'value' }, /^selector\.metric: /],
    ['a metric starting with a digit', { metric: '9lives', statistic: 'value' }, /^selector\.metric: /],
    ['a metric starting with "_"', { metric: '_m', statistic: 'value' }, /^selector\.metric: /],
    ['a metric with a ":"', { metric: 'node:cpu', statistic: 'value' }, /^selector\.metric: /],
    ['a metric with a space', { metric: 'http server', statistic: 'value' }, /^selector\.metric: /],
    ['a metric of 256 characters', { metric: 'm'.repeat(256), statistic: 'value' }, /^selector\.metric: /],
    [
      'a missing statistic',
      { metric: 'm' },
      /^selector\.statistic: must be one of value, rate, increase, mean, p50, p90, p95, p99, count$/,
    ],
    ['an aggregation as statistic', { metric: 'm', statistic: 'avg' }, /^selector\.statistic: /],
    ['a statistic in capitals', { metric: 'm', statistic: 'P99' }, /^selector\.statistic: /],
    [
      'attributes that are a list',
      { metric: 'm', statistic: 'value', attributes: ['a'] },
      /^selector\.attributes: must be an object of attribute names to string values$/,
    ],
    ['attributes that are a string', { metric: 'm', statistic: 'value', attributes: 'a=b' }, /^selector\.attributes: /],
    [
      `${MAX_ATTRIBUTES + 1} attributes`,
      { metric: 'm', statistic: 'value', attributes: attributes(MAX_ATTRIBUTES + 1) },
      /^selector\.attributes: at most 50 attributes$/,
    ],
    [
      'an empty attribute name',
      { metric: 'm', statistic: 'value', attributes: { '': 'v' } },
      /^selector\.attributes: attribute names are 1\.\.255 characters$/,
    ],
    [
      'an attribute name too long',
      { metric: 'm', statistic: 'value', attributes: { ['k'.repeat(256)]: 'v' } },
      /^selector\.attributes: attribute names/,
    ],
    [
      'a numeric attribute value',
      { metric: 'm', statistic: 'value', attributes: { code: 500 } },
      /^selector\.attributes\.code: must be a string of at most 1000 characters$/,
    ],
    [
      'a null attribute value',
      { metric: 'm', statistic: 'value', attributes: { code: null } },
      /^selector\.attributes\.code: /,
    ],
    [
      'an attribute value too long',
      { metric: 'm', statistic: 'value', attributes: { k: 'v'.repeat(1001) } },
      /^selector\.attributes\.k: /,
    ],
    [
      'a denominator that is not an object',
      { metric: 'm', statistic: 'rate', denominator: 'n' },
      /^selector\.denominator: must be an object with metric, attributes, statistic$/,
    ],
    [
      'a nested denominator',
      { metric: 'm', statistic: 'rate', denominator: { metric: 'n', statistic: 'rate', denominator: {} } },
      /^selector\.denominator\.denominator: unknown field$/,
    ],
    [
      'a bad denominator metric',
      { metric: 'm', statistic: 'rate', denominator: { metric: '', statistic: 'rate' } },
      /^selector\.denominator\.metric: /,
    ],
    [
      'a bad denominator statistic',
      { metric: 'm', statistic: 'rate', denominator: { metric: 'n', statistic: 'sum' } },
      /^selector\.denominator\.statistic: /,
    ],
    [
      'a bad denominator attribute',
      { metric: 'm', statistic: 'rate', denominator: { metric: 'n', statistic: 'rate', attributes: { a: 1 } } },
      /^selector\.denominator\.attributes\.a: /,
    ],
  ])('refuses %s, naming the field', (_, value, message) => {
    expect(refusal(value)).toMatch(message);
  });

  it('names the fields under the path it is given', () => {
    expect(refusal({ metric: 'm', statistic: 'median' }, 'query')).toMatch(/^query\.statistic: /);
  });
});

describe('checkObject', () => {
  it('returns the object itself when every key is known', () => {
    const value = { a: 1 };
    expect(checkObject(value, 'x', ['a', 'b'])).toBe(value);
  });

  it('names the first unknown key', () => {
    expect(() => checkObject({ a: 1, c: 2, d: 3 }, 'x', ['a'])).toThrow(/^x\.c: unknown field$/);
  });
});
