import { describe, expect, it } from '@jest/globals';
import { preFixOf } from './pre-fix';

const SHIPPED = new Date('2026-03-10T00:00:00Z');
const DAY = 86_400_000;

type Stored = Parameters<typeof preFixOf>[0];

const stored: Stored = {
  direction: 'decrease',
  target: { relativePercent: 20 },
  baseline: null,
  baselineValue: 0.8,
  evaluationWindow: '7d',
  preFixValue: 0.55,
  preFixFor: SHIPPED,
};

describe('preFixOf', () => {
  it('gives the value measured for this implementedAt with the goal from the frozen baseline', () => {
    expect(preFixOf(stored, SHIPPED)).toEqual({
      value: 0.55,
      goal: expect.closeTo(0.64, 12),
      direction: 'decrease',
      windowStart: SHIPPED.getTime() - 7 * DAY,
      windowEnd: SHIPPED.getTime(),
    });
  });

  it('takes an explicit baseline over the measured one', () => {
    expect(preFixOf({ ...stored, baseline: 1 }, SHIPPED)?.goal).toBeCloseTo(0.8, 12);
  });

  it.each<[string, Partial<Stored>, Date | null]>([
    ['the fix has not shipped', {}, null],
    ['nothing was measured', { preFixValue: null, preFixFor: null }, SHIPPED],
    ['it was measured for another implementedAt', { preFixFor: new Date(SHIPPED.getTime() - DAY) }, SHIPPED],
    ['a relative goal still waits for the baseline', { baselineValue: null }, SHIPPED],
  ])('is null when %s', (_, change, implementedAt) => {
    expect(preFixOf({ ...stored, ...change }, implementedAt)).toBeNull();
  });
});
