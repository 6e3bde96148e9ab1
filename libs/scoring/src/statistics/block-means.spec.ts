import { describe, expect, it } from '@jest/globals';
import type { Sample } from '../scoring.types';
import { blockMeans } from './block-means';

const MIN = 60_000;
const s = (minute: number, value: number): Sample => ({ at: minute * MIN, value });
const range = (fromMinute: number, toMinute: number) => ({ start: fromMinute * MIN, end: toMinute * MIN });

describe('blockMeans', () => {
  it('tiles the range from its end: 0..30 in 10-minute blocks, oldest first', () => {
    const samples = [s(0, 1), s(5, 3), s(10, 10), s(15, 20), s(20, 100), s(25, 200), s(30, 300)];
    // Blocks [0,10) [10,20) [20,30]: the newest also holds the range's end.
    expect(blockMeans(samples, range(0, 30), 10 * MIN)).toEqual([2, 15, 200]);
  });

  it('drops the oldest, partial block: 0..25 in 10-minute blocks keeps [5,15) and [15,25]', () => {
    const samples = [s(0, 999), s(4, 999), s(5, 1), s(10, 3), s(15, 10), s(20, 20), s(25, 30)];
    expect(blockMeans(samples, range(0, 25), 10 * MIN)).toEqual([2, 20]);
  });

  it('skips a block with no sample instead of counting it', () => {
    const samples = [s(0, 1), s(5, 3), s(20, 7), s(29, 9)];
    expect(blockMeans(samples, range(0, 30), 10 * MIN)).toEqual([2, 8]);
  });

  it('ignores samples outside the range and non-finite values', () => {
    const samples = [
      s(-5, 1000),
      s(0, 4),
      s(5, Number.NaN),
      s(9, 6),
      s(10, Number.POSITIVE_INFINITY),
      s(15, 1),
      s(21, 5000),
    ];
    expect(blockMeans(samples, range(0, 20), 10 * MIN)).toEqual([5, 1]);
  });

  it('a range shorter than one block has no block', () => {
    expect(blockMeans([s(0, 1), s(5, 2)], range(0, 9), 10 * MIN)).toEqual([]);
  });

  it('no samples, no means', () => {
    expect(blockMeans([], range(0, 100), 10 * MIN)).toEqual([]);
  });

  it('does not depend on the order of the samples', () => {
    const samples = [s(25, 200), s(0, 1), s(15, 20), s(5, 3), s(30, 300), s(10, 10), s(20, 100)];
    expect(blockMeans(samples, range(0, 30), 10 * MIN)).toEqual([2, 15, 200]);
  });

  it.each([0, -1, Number.NaN])('refuses a block length of %p', (blockMs) => {
    expect(() => blockMeans([s(0, 1)], range(0, 10), blockMs)).toThrow(RangeError);
  });
});
