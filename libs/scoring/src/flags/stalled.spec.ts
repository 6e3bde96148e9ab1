import { describe, expect, it } from '@jest/globals';
import type { ActionStatus } from '@app/domain';
import { DAY, metric, outcomeInput, T } from '../testing/action-outcome-input.factory';
import { stalledFlag } from './stalled';

/** Unchanged for 15 days: past the 14-day stallAfter. */
const STALE = { statusChangedAt: T - 15 * DAY };
const flat = { bestProgressRecent: 0.05, bestProgressBefore: 0.03, latestProgress: 0.05 };

describe('stalledFlag', () => {
  it.each<[string, number, boolean]>([
    ['status changed exactly stallAfter ago: not yet', T - 14 * DAY, false],
    ['status changed 1 ms more than stallAfter ago', T - 14 * DAY - 1, true],
    ['status changed yesterday', T - DAY, false],
  ])('%s (no progress gain)', (_, statusChangedAt, active) => {
    expect(stalledFlag(outcomeInput({ statusChangedAt }, [metric(flat)])).active).toBe(active);
  });

  // minProgressGain 0.1: stalled when best recent < best before (0 when none) + 0.1.
  it.each<[string, number | null, number | null, number | null, boolean]>([
    ['gain exactly minProgressGain (0.15 vs 0.05)', 0.15, 0.05, 0.15, false],
    ['gain just short (0.1499 vs 0.05)', 0.1499, 0.05, 0.1499, true],
    ['gain 0.02 (0.05 vs 0.03)', 0.05, 0.03, 0.05, true],
    ['no earlier check: 0.1 counts from 0', 0.1, null, 0.1, false],
    ['no earlier check: 0.09 is not enough', 0.09, null, 0.09, true],
    ['progress went down', 0.2, 0.6, 0.1, true],
    ['no successful check recently: no evidence', null, 0.3, 0.3, false],
    ['no successful check at all: no evidence', null, null, null, false],
    ['goal reached (progress 1), waiting for sustainFor', 1, 1, 1, false],
    ['progress 1 earlier but not now', 1, 1, 0.8, true],
  ])('%s → %s', (_, bestProgressRecent, bestProgressBefore, latestProgress, active) => {
    expect(
      stalledFlag(outcomeInput(STALE, [metric({ bestProgressRecent, bestProgressBefore, latestProgress })])).active,
    ).toBe(active);
  });

  it.each<[string, Array<ReturnType<typeof metric>>, boolean]>([
    [
      'any metric gaining clears it',
      [
        metric(flat),
        metric({
          metricId: 'm2',
          name: 'payment error ratio',
          bestProgressRecent: 0.5,
          bestProgressBefore: 0.2,
          latestProgress: 0.5,
        }),
      ],
      false,
    ],
    ['no metric gaining', [metric(flat), metric({ ...flat, metricId: 'm2', name: 'payment error ratio' })], true],
    [
      'a metric without evidence is ignored',
      [
        metric(flat),
        metric({
          metricId: 'm2',
          name: 'payment error ratio',
          bestProgressRecent: null,
          bestProgressBefore: null,
          latestProgress: null,
        }),
      ],
      true,
    ],
    [
      'every metric with evidence at its goal',
      [
        metric({ bestProgressRecent: 1, bestProgressBefore: 1, latestProgress: 1 }),
        metric({ metricId: 'm2', name: 'payment error ratio', bestProgressRecent: null, latestProgress: 0.2 }),
      ],
      false,
    ],
    [
      'one metric at its goal, another flat',
      [
        metric({ bestProgressRecent: 1, bestProgressBefore: 1, latestProgress: 1 }),
        metric({ ...flat, metricId: 'm2', name: 'payment error ratio' }),
      ],
      true,
    ],
    [
      'no metric gives evidence',
      [
        metric({ bestProgressRecent: null }),
        metric({ metricId: 'm2', name: 'payment error ratio', bestProgressRecent: null }),
      ],
      false,
    ],
  ])('several metrics: %s', (_, metrics, active) => {
    expect(stalledFlag(outcomeInput(STALE, metrics)).active).toBe(active);
  });

  it.each<[number, boolean]>([
    [T - 15 * DAY, true],
    [T - 14 * DAY, false],
  ])('an action without metrics stalls on statusChangedAt alone (changed at %d)', (statusChangedAt, active) => {
    expect(stalledFlag(outcomeInput({ statusChangedAt }, [])).active).toBe(active);
  });

  it.each<[ActionStatus]>([['verified'], ['wont_fix']])('a %s action never stalls', (status) => {
    expect(stalledFlag(outcomeInput({ ...STALE, status }, [metric(flat)])).active).toBe(false);
  });

  it.each<[ActionStatus]>([['open'], ['in_progress'], ['implemented']])('a %s action can stall', (status) => {
    expect(stalledFlag(outcomeInput({ ...STALE, status }, [metric(flat)])).active).toBe(true);
  });

  it.each<[string, Parameters<typeof outcomeInput>, string]>([
    [
      'a flat metric',
      [STALE, [metric(flat)]],
      'no progress gain ≥ 0.1 in 14 days: metric "checkout p99 latency" best 0.05 recently vs 0.03 before',
    ],
    [
      'two flat metrics, one never checked before',
      [
        STALE,
        [
          metric(flat),
          metric({
            metricId: 'm2',
            name: 'payment error ratio',
            bestProgressRecent: 0,
            bestProgressBefore: null,
            latestProgress: 0,
          }),
        ],
      ],
      'no progress gain ≥ 0.1 in 14 days: metric "checkout p99 latency" best 0.05 recently vs 0.03 before; metric "payment error ratio" best 0 recently vs 0 before (no earlier check)',
    ],
    ['no metrics', [STALE, []], 'no status change in 15 days and no success metric to show progress'],
    [
      'a gaining metric',
      [STALE, [metric({ bestProgressRecent: 0.5, bestProgressBefore: 0.2 })]],
      'metric "checkout p99 latency" gained 0.3 in 14 days: best 0.5 recently vs 0.2 before',
    ],
    [
      'no evidence',
      [STALE, [metric({ bestProgressRecent: null })]],
      'no metric has a successful check in the last 14 days',
    ],
    [
      'recent status change',
      [{ statusChangedAt: T - 2 * DAY }, [metric(flat)]],
      'the status changed 2 days ago, within 14 days',
    ],
    ['at goal', [STALE, [metric({ bestProgressRecent: 1, latestProgress: 1 })]], 'every metric has reached its goal'],
    ['closed', [{ ...STALE, status: 'wont_fix' }, [metric(flat)]], 'the action is wont_fix'],
  ])('explains %s', (_, args, reason) => {
    expect(stalledFlag(outcomeInput(...args)).reason).toBe(reason);
  });

  it('follows the configured stallAfter and minProgressGain', () => {
    const input = outcomeInput(
      { statusChangedAt: T - 8 * DAY },
      [metric({ bestProgressRecent: 0.25, bestProgressBefore: 0, latestProgress: 0.25 })],
      {
        stallAfterMs: 7 * DAY,
        minProgressGain: 0.3,
      },
    );
    expect(stalledFlag(input)).toMatchObject({
      active: true,
      reason: 'no progress gain ≥ 0.3 in 7 days: metric "checkout p99 latency" best 0.25 recently vs 0 before',
    });
  });
});
