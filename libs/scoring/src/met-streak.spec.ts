import { describe, expect, it } from '@jest/globals';
import { nextMetSince } from './met-streak';
import type { Verdict } from './scoring.types';

const T = 1_000_000;
const EARLIER = T - 3_600_000;

describe('nextMetSince', () => {
  it.each<[Verdict, number | null, number | null]>([
    ['met', null, T], // starts a run
    ['met', EARLIER, EARLIER], // continues it
    ['improving', EARLIER, null], // ends it
    ['not_met', EARLIER, null],
    ['improving', null, null],
    ['not_met', null, null],
    ['pending', EARLIER, EARLIER], // neither starts nor ends
    ['pending', null, null],
    ['no_data', EARLIER, EARLIER],
    ['no_data', null, null],
    ['error', EARLIER, EARLIER],
    ['error', null, null],
  ])('%s after metSince %p → %p', (verdict, previous, expected) => {
    expect(nextMetSince(verdict, T, previous)).toBe(expected);
  });

  it('a run survives gaps of no_data and error but not a miss', () => {
    const verdicts: Verdict[] = ['met', 'no_data', 'error', 'pending', 'met', 'improving', 'met'];
    let metSince: number | null = null;
    const history = verdicts.map((verdict, i) => (metSince = nextMetSince(verdict, i * 10, metSince)));
    expect(history).toEqual([0, 0, 0, 0, 0, null, 60]);
  });
});
