import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { slotOf, slotsBetween } from './slot';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T = Date.UTC(2026, 9, 15, 10, 0, 0);

describe('slotOf', () => {
  it.each<[string, number, number, number]>([
    ['on a slot boundary', T, HOUR, T],
    ['1 ms after the boundary', T + 1, HOUR, T],
    ['1 ms before the next boundary', T + HOUR - 1, HOUR, T],
    ['every 15m: 10:37 → 10:30', T + 37 * MINUTE, 15 * MINUTE, T + 30 * MINUTE],
    ['every 7m counts from the epoch, not the hour', 10 * MINUTE, 7 * MINUTE, 7 * MINUTE],
    ['the epoch', 0, HOUR, 0],
    ['before the epoch floors downwards', -1, HOUR, -HOUR],
  ])('%s', (_, at, every, slot) => {
    expect(slotOf(at, every)).toBe(slot);
  });

  it.each([[0], [-HOUR], [1.5], [Number.NaN]])('rejects a period of %p', (every) => {
    expect(() => slotOf(T, every)).toThrow(RangeError);
  });

  it('is at or before T, by less than a period, and a multiple of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 1e9 }), (at, every) => {
        const slot = slotOf(at, every);
        expect(slot).toBeLessThanOrEqual(at);
        expect(at - slot).toBeLessThan(every);
        expect(slot % every).toBe(0);
      }),
    );
  });
});

describe('slotsBetween', () => {
  it.each<[string, number, number, number, number[]]>([
    ['both ends on slots are included', T, T + 2 * HOUR, HOUR, [T, T + HOUR, T + 2 * HOUR]],
    ['ends off slot: only slots inside', T + 1, T + 2 * HOUR - 1, HOUR, [T + HOUR]],
    ['a single instant on a slot', T, T, HOUR, [T]],
    ['a single instant off a slot', T + 1, T + 1, HOUR, []],
    ['from after to', T + HOUR, T, HOUR, []],
    ['range shorter than a period, no slot inside', T + MINUTE, T + 2 * MINUTE, HOUR, []],
  ])('%s', (_, from, to, every, slots) => {
    expect(slotsBetween(from, to, every)).toEqual(slots);
  });

  it('rejects a zero period', () => {
    expect(() => slotsBetween(T, T + HOUR, 0)).toThrow(RangeError);
  });

  it('gives the slots of every instant in the range, ascending, each once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 2e4 }),
        fc.integer({ min: 20, max: 5e3 }),
        (from, length, every) => {
          const to = from + length;
          const slots = slotsBetween(from, to, every);
          for (let i = 1; i < slots.length; i++) expect(slots[i] - slots[i - 1]).toBe(every);
          for (const slot of slots) {
            expect(slot).toBeGreaterThanOrEqual(from);
            expect(slot).toBeLessThanOrEqual(to);
            expect(slotOf(slot, every)).toBe(slot);
          }
          // Count by hand: multiples of every in [from, to].
          expect(slots.length).toBe(Math.floor(to / every) - Math.ceil(from / every) + 1);
        },
      ),
    );
  });
});
