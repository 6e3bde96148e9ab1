import { describe, expect, it } from '@jest/globals';
import { metricNamePrefixSelector } from './metric-name-selector';

describe('metricNamePrefixSelector', () => {
  it('selects the names starting with the prefix', () => {
    expect(metricNamePrefixSelector('http_')).toBe('{__name__=~"http_.*"}');
  });

  it('escapes regex characters, then the backslashes and quotes of the PromQL string', () => {
    expect(metricNamePrefixSelector('a.b')).toBe('{__name__=~"a\\\\.b.*"}');
    expect(metricNamePrefixSelector('x"(')).toBe('{__name__=~"x\\"\\\\(.*"}');
  });

  it('has no selector for an empty prefix, which Prometheus would refuse', () => {
    expect(metricNamePrefixSelector('')).toBeNull();
  });
});
