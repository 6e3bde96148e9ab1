import { describe, expect, it } from '@jest/globals';
import type { ActionStatus, FlagKind } from '@app/domain';
import type { MetricTrack, Verdict } from '../scoring.types';
import { DAY, HOUR, metric, outcomeInput, T } from '../testing/action-outcome-input.factory';
import { regressedFlag } from './regressed';

/** Successful checks, newest first, an hour apart. */
function successful(...verdicts: Verdict[]): MetricTrack['recentSuccessful'] {
  return verdicts.map((verdict, i) => ({ at: T - i * HOUR, verdict, progress: verdict === 'met' ? 1 : 0.5 }));
}

function verified(verifiedAt: number, activeFlags: FlagKind[] = []) {
  return { status: 'verified' as const, verifiedAt, activeFlags };
}

describe('regressedFlag', () => {
  // regressionChecks 2, watchFor 30d.
  it.each<[string, Verdict[], boolean]>([
    ['last 2 successful not_met', ['not_met', 'not_met', 'met'], true],
    ['last 2 successful improving and not_met', ['improving', 'not_met', 'met'], true],
    ['only the last one missed', ['not_met', 'met', 'met'], false],
    ['the one before missed', ['met', 'not_met'], false],
    ['a single successful check, missed', ['not_met'], false],
    ['all met', ['met', 'met', 'met'], false],
  ])('watched, not active: %s → %s', (_, verdicts, active) => {
    expect(
      regressedFlag(outcomeInput(verified(T - 10 * DAY), [metric({ recentSuccessful: successful(...verdicts) })]))
        .active,
    ).toBe(active);
  });

  it.each<[string, number, boolean]>([
    ['verified exactly watchFor ago: still watched', T - 30 * DAY, true],
    ['verified 1 ms more than watchFor ago', T - 30 * DAY - 1, false],
    ['verified now', T, true],
  ])('watch window: %s', (_, verifiedAt, active) => {
    expect(
      regressedFlag(
        outcomeInput(verified(verifiedAt), [metric({ recentSuccessful: successful('not_met', 'not_met') })]),
      ).active,
    ).toBe(active);
  });

  it('a verified action without verifiedAt is not watched', () => {
    expect(
      regressedFlag(
        outcomeInput({ status: 'verified', verifiedAt: null }, [
          metric({ recentSuccessful: successful('not_met', 'not_met') }),
        ]),
      ).active,
    ).toBe(false);
  });

  it('raises when any one metric slipped, and names it', () => {
    const decision = regressedFlag(
      outcomeInput(verified(T - DAY), [
        metric({ recentSuccessful: successful('met', 'met') }),
        metric({ metricId: 'm2', name: 'payment error ratio', recentSuccessful: successful('not_met', 'improving') }),
      ]),
    );
    expect(decision).toEqual({
      kind: 'regressed',
      active: true,
      reason: 'metric "payment error ratio" missed its goal at the last 2 successful checks',
    });
  });

  // Already active: it clears only after 2 met checks in a row of every metric — watched or not.
  it.each<[string, number, Verdict[][], boolean]>([
    [
      'every metric met twice',
      T - DAY,
      [
        ['met', 'met'],
        ['met', 'met', 'not_met'],
      ],
      false,
    ],
    [
      'one met once only',
      T - DAY,
      [
        ['met', 'not_met'],
        ['met', 'met'],
      ],
      true,
    ],
    ['one with a single successful check', T - DAY, [['met'], ['met', 'met']], true],
    ['still slipping', T - DAY, [['not_met', 'not_met']], true],
    ['still slipping, outside the watch window', T - 90 * DAY, [['not_met', 'not_met']], true],
    ['recovered, outside the watch window', T - 90 * DAY, [['met', 'met']], false],
    ['no metrics left (verified by hand)', T - DAY, [], false],
  ])('active: %s → %s', (_, verifiedAt, perMetric, active) => {
    const metrics = perMetric.map((verdicts, i) =>
      metric({ metricId: `m${i + 1}`, recentSuccessful: successful(...verdicts) }),
    );
    expect(regressedFlag(outcomeInput(verified(verifiedAt, ['regressed']), metrics)).active).toBe(active);
  });

  it('explains an active flag that waits for met checks', () => {
    const decision = regressedFlag(
      outcomeInput(verified(T - DAY, ['regressed']), [metric({ recentSuccessful: successful('met', 'not_met') })]),
    );
    expect(decision.reason).toBe('waiting for 2 met checks in a row of every metric');
  });

  it('explains a cleared flag', () => {
    const decision = regressedFlag(
      outcomeInput(verified(T - DAY, ['regressed']), [metric({ recentSuccessful: successful('met', 'met') })]),
    );
    expect(decision.reason).toBe('every metric met its goal at the last 2 successful checks');
  });

  it('follows regressionChecks', () => {
    const twoMisses = [metric({ recentSuccessful: successful('not_met', 'not_met', 'met') })];
    expect(regressedFlag(outcomeInput(verified(T - DAY), twoMisses, { regressionChecks: 3 })).active).toBe(false);
    const threeMisses = [metric({ recentSuccessful: successful('not_met', 'not_met', 'improving') })];
    expect(regressedFlag(outcomeInput(verified(T - DAY), threeMisses, { regressionChecks: 3 })).active).toBe(true);
  });

  it('treats regressionChecks 0 as 1: no checks are no evidence', () => {
    expect(
      regressedFlag(outcomeInput(verified(T - DAY), [metric({ recentSuccessful: [] })], { regressionChecks: 0 }))
        .active,
    ).toBe(false);
    expect(
      regressedFlag(
        outcomeInput(verified(T - DAY), [metric({ recentSuccessful: successful('not_met') })], { regressionChecks: 0 }),
      ).active,
    ).toBe(true);
  });

  it.each<[ActionStatus]>([['open'], ['in_progress'], ['implemented'], ['wont_fix']])(
    'a %s action (e.g. reopened) has no regressed flag',
    (status) => {
      const decision = regressedFlag(
        outcomeInput({ status, verifiedAt: T - DAY, activeFlags: ['regressed'] }, [
          metric({ recentSuccessful: successful('not_met', 'not_met') }),
        ]),
      );
      expect(decision.active).toBe(false);
    },
  );

  it('says when it is no longer watched', () => {
    const decision = regressedFlag(
      outcomeInput(verified(T - 31 * DAY), [metric({ recentSuccessful: successful('not_met', 'not_met') })]),
    );
    expect(decision.reason).toBe('not watched: verified more than 30 days ago');
  });

  it('says when every metric holds', () => {
    expect(
      regressedFlag(outcomeInput(verified(T - DAY), [metric({ recentSuccessful: successful('met', 'met') })])).reason,
    ).toBe('every metric still holds its goal');
  });
});
