import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from 'commander';
import { trackerField, trackerRef } from './trackers.command';

describe('--tracker name:key', () => {
  it.each([
    ['github:acme/checkout#12', { name: 'github', key: 'acme/checkout#12' }],
    ['jira:OPS-42', { name: 'jira', key: 'OPS-42' }],
    ['gh:a:b', { name: 'gh', key: 'a:b' }],
  ])('reads %s', (text, ref) => {
    expect(trackerRef(text)).toEqual(ref);
  });

  it.each(['acme/checkout#12', ':OPS-1', 'jira:'])('refuses %s as a usage error', (text) => {
    expect(() => trackerRef(text)).toThrow(InvalidArgumentError);
  });

  it('turns none into the null that unlinks, and leaves other options alone', () => {
    expect(trackerField({ tracker: trackerRef('none'), title: 'x' })).toEqual({ tracker: null, title: 'x' });
    const opts: { title: string; tracker?: unknown } = { title: 'x' };
    expect(trackerField(opts)).toBe(opts);
  });
});
