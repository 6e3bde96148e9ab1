import { describe, expect, it } from '@jest/globals';
import { sparkline } from './sparkline';

describe('sparkline', () => {
  it('draws the smallest value lowest and the largest highest', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 0, 10])).toBe('█▁█');
  });

  it('leaves a gap for a missing value and draws a flat series mid-height', () => {
    expect(sparkline([1, null, 3])).toBe('▁ █');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([Number.NaN, 2, 4])).toBe(' ▁█');
  });

  it('is empty without a finite value', () => {
    expect(sparkline([])).toBe('');
    expect(sparkline([null, null])).toBe('');
  });

  it('averages a long series into the width', () => {
    const line = sparkline(
      Array.from({ length: 1000 }, (_, i) => i),
      50,
    );
    expect([...line]).toHaveLength(50);
    expect(line.startsWith('▁')).toBe(true);
    expect(line.endsWith('█')).toBe(true);
  });
});
