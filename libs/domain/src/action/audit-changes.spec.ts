import { describe, expect, it } from '@jest/globals';
import { diffFields, sameValue } from './audit-changes';

describe('diffFields', () => {
  it('lists only the fields that changed', () => {
    expect(
      diffFields({ title: 'a', priority: 'P2', services: ['x'] }, { title: 'b', priority: 'P2', services: ['x'] }),
    ).toEqual({
      title: { from: 'a', to: 'b' },
    });
  });

  it('is empty when nothing changed', () => {
    expect(diffFields({ a: 1, b: null, c: ['x'], d: { k: 1 } }, { a: 1, b: null, c: ['x'], d: { k: 1 } })).toEqual({});
  });

  it('treats absent as null, both ways', () => {
    expect(diffFields({}, { a: 'x', b: null })).toEqual({ a: { from: null, to: 'x' } });
    expect(diffFields({ a: 'x' }, {})).toEqual({ a: { from: 'x', to: null } });
  });

  it('sees order changes in arrays and value changes in objects', () => {
    expect(
      Object.keys(diffFields({ s: ['a', 'b'], t: { absolute: 1 } }, { s: ['b', 'a'], t: { absolute: 2 } })),
    ).toEqual(['s', 't']);
  });

  it('distinguishes null from an empty string and from 0', () => {
    expect(Object.keys(diffFields({ a: null, b: null }, { a: '', b: 0 }))).toEqual(['a', 'b']);
  });
});

describe('sameValue', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ absolute: 1, relativePercent: 5 }, { relativePercent: 5, absolute: 1 }, true],
    [{ metric: 'm', attributes: { a: '1', b: '2' } }, { attributes: { b: '2', a: '1' }, metric: 'm' }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[1, 2], [1, 2], true],
    [null, null, true],
    ['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', true],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
  });
});
