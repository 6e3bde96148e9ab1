import { describe, expect, it } from '@jest/globals';
import { toQueryBoolean, toQueryList } from './query-list';

describe('toQueryList', () => {
  it.each<[unknown, unknown]>([
    ['open', ['open']],
    ['open,in_progress', ['open', 'in_progress']],
    [' open , verified ', ['open', 'verified']],
    ['', ['']],
    ['open,', ['open', '']],
    [
      ['open', 'verified,wont_fix'],
      ['open', 'verified', 'wont_fix'],
    ],
    [{ a: 'b' }, { a: 'b' }],
    [
      ['open', { a: 'b' }],
      ['open', { a: 'b' }],
    ],
  ])('%j → %j', (input, expected) => {
    expect(toQueryList(input)).toEqual(expected);
  });
});

describe('toQueryBoolean', () => {
  it.each<[unknown, unknown]>([
    ['true', true],
    ['false', false],
    ['TRUE', 'TRUE'],
    ['1', '1'],
    ['', ''],
    [['true'], ['true']],
  ])('%j → %j', (input, expected) => {
    expect(toQueryBoolean(input)).toEqual(expected);
  });
});
