import { describe, expect, it } from '@jest/globals';
import { issueServices } from './issue-services';

describe('issueServices', () => {
  it.each<[string[], string[]]>([
    [[], []],
    [['bug', 'P1'], []],
    [['service:checkout'], ['checkout']],
    [['Service:Checkout'], ['checkout']],
    [['service: payments-api '], ['payments-api']],
    [
      ['service:a', 'bug', 'service:b.v2_x'],
      ['a', 'b.v2_x'],
    ],
    [['service:a', 'service:A'], ['a']],
    [['service:two words', 'service:a/b', 'service:'], []],
    [['service:' + 'x'.repeat(101)], []],
    [['service:' + 'x'.repeat(100)], ['x'.repeat(100)]],
    [['services:a', 'my-service:a'], []],
  ])('%j → %j', (labels, services) => {
    expect(issueServices(labels)).toEqual(services);
  });

  it('keeps at most 50, the first ones', () => {
    const labels = Array.from({ length: 60 }, (_, i) => `service:s${i}`);
    const services = issueServices(labels);
    expect(services).toHaveLength(50);
    expect(services[49]).toBe('s49');
  });
});
