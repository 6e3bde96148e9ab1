import { describe, expect, it } from '@jest/globals';
import type { ActionStatus } from '@app/domain';
import { DAY, metric, outcomeInput, T } from './testing/action-outcome-input.factory';
import { shouldVerify } from './verify';

const implemented = { status: 'implemented' as const, implementedAt: T - 20 * DAY };

describe('shouldVerify', () => {
  // sustainFor 7d unless stated.
  it.each<[string, Array<ReturnType<typeof metric>>, boolean]>([
    ['met since exactly T − sustainFor', [metric({ metSince: T - 7 * DAY })], true],
    ['met since 1 ms too late', [metric({ metSince: T - 7 * DAY + 1 })], false],
    ['met for longer than sustainFor', [metric({ metSince: T - 8 * DAY })], true],
    ['met since T (just started)', [metric({ metSince: T })], false],
    ['not met (no streak)', [metric({ metSince: null })], false],
    ['no metrics: only a person verifies it', [], false],
    [
      'two metrics, both sustained',
      [
        metric({ metSince: T - 7 * DAY }),
        metric({ metricId: 'm2', name: 'payment error ratio', metSince: T - 9 * DAY }),
      ],
      true,
    ],
    [
      'two metrics, one not sustained yet',
      [metric({ metSince: T - 7 * DAY }), metric({ metricId: 'm2', name: 'payment error ratio', metSince: T - DAY })],
      false,
    ],
    [
      'two metrics, one not met',
      [metric({ metSince: T - 7 * DAY }), metric({ metricId: 'm2', name: 'payment error ratio', metSince: null })],
      false,
    ],
    [
      'each metric its own sustainFor: 1d and 14d, both held',
      [
        metric({ metSince: T - DAY }, { sustainFor: '1d' }),
        metric({ metricId: 'm2', name: 'payment error ratio', metSince: T - 14 * DAY }, { sustainFor: '14d' }),
      ],
      true,
    ],
    [
      'each metric its own sustainFor: the 14d one held 13d',
      [
        metric({ metSince: T - DAY }, { sustainFor: '1d' }),
        metric({ metricId: 'm2', name: 'payment error ratio', metSince: T - 13 * DAY }, { sustainFor: '14d' }),
      ],
      false,
    ],
    ['sustainFor 0: met now is enough', [metric({ metSince: T }, { sustainFor: '0s' })], true],
  ])('implemented, %s → %s', (_, metrics, verify) => {
    expect(shouldVerify(outcomeInput(implemented, metrics))).toBe(verify);
  });

  // A replayed check from before the fix never verifies it, whatever today's status.
  it.each<[string, number | null, boolean]>([
    ['shipped 20 days before the check', T - 20 * DAY, true],
    ['shipped exactly at the check', T, true],
    ['shipped 1 ms after the check', T + 1, false],
    ['shipped a day after the check (a replayed check)', T + DAY, false],
    ['no implementedAt', null, false],
  ])('implemented, met for long enough, %s → %s', (_, implementedAt, verify) => {
    expect(shouldVerify(outcomeInput({ ...implemented, implementedAt }, [metric({ metSince: T - 30 * DAY })]))).toBe(
      verify,
    );
  });

  it.each<[ActionStatus]>([['open'], ['in_progress'], ['verified'], ['wont_fix']])(
    'a %s action is never verified by the scorer',
    (status) => {
      expect(shouldVerify(outcomeInput({ ...implemented, status }, [metric({ metSince: T - 30 * DAY })]))).toBe(false);
    },
  );
});
