import { describe, expect, it } from '@jest/globals';
import { selectorQuery } from './selector-query';

describe('selectorQuery', () => {
  it('writes keys in a fixed order and sorts attributes, so equal selectors make one string', () => {
    const a = selectorQuery({ statistic: 'p99', attributes: { b: '2', a: '1' }, metric: 'm' } as never);
    const b = selectorQuery({ metric: 'm', attributes: { a: '1', b: '2' }, statistic: 'p99' });
    expect(a).toBe('{"metric":"m","attributes":{"a":"1","b":"2"},"statistic":"p99"}');
    expect(b).toBe(a);
  });

  it('leaves out empty attributes, in the selector and its denominator', () => {
    expect(
      selectorQuery({
        metric: 'm',
        attributes: {},
        statistic: 'rate',
        denominator: { metric: 'n', attributes: {}, statistic: 'rate' },
      }),
    ).toBe('{"metric":"m","statistic":"rate","denominator":{"metric":"n","statistic":"rate"}}');
  });

  it('sorts attribute names by code unit, keeping equal-looking ones apart', () => {
    expect(selectorQuery({ metric: 'm', attributes: { b: '1', B: '2', a: '3' }, statistic: 'value' })).toBe(
      '{"metric":"m","attributes":{"B":"2","a":"3","b":"1"},"statistic":"value"}',
    );
  });
});
