import { describe, expect, it } from '@jest/globals';
import { clippedText } from './clipped-text';

describe('clippedText', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven char', 10, 'eleven ch…'],
    ['', 3, ''],
  ])('%j to %i → %j', (text, max, clipped) => {
    expect(clippedText(text, max)).toBe(clipped);
  });

  it('drops the spaces before the marker', () => {
    expect(clippedText('abc       defghij', 8)).toBe('abc…');
  });

  it('never splits a character made of two UTF-16 units, and stays within the limit', () => {
    const text = 'ab😀😀😀';
    const clipped = clippedText(text, 4);
    expect(clipped).toBe('ab…');
    expect(clipped.length).toBeLessThanOrEqual(4);
    expect(clippedText(text, 5)).toBe('ab😀…');
  });

  it('takes a marker of its own, counted in the limit', () => {
    const clipped = clippedText('x'.repeat(50), 20, ' [cut]');
    expect(clipped).toBe(`${'x'.repeat(14)} [cut]`);
    expect(clipped).toHaveLength(20);
  });
});
