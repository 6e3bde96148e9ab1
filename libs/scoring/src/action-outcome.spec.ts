import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FLAG_KINDS } from '@app/domain';
import { actionOutcome } from './action-outcome';
import { DAY, metric, outcomeInput, T } from './testing/action-outcome-input.factory';

describe('actionOutcome', () => {
  it('decides every flag kind once, in order', () => {
    expect(actionOutcome(outcomeInput()).flags.map((flag) => flag.kind)).toEqual([...FLAG_KINDS]);
  });

  it('a healthy in-progress action: nothing to verify, no flag', () => {
    const outcome = actionOutcome(outcomeInput());
    expect(outcome.verify).toBe(false);
    expect(outcome.flags.filter((flag) => flag.active)).toEqual([]);
  });

  it('verifies a sustained implemented action and clears its flags in the same pass', () => {
    // Past due and implemented 40 days ago (beyond verifyWithin), but met for 7 days now.
    const input = outcomeInput(
      {
        status: 'implemented',
        implementedAt: T - 40 * DAY,
        dueAt: T - 5 * DAY,
        statusChangedAt: T - 40 * DAY,
        activeFlags: ['overdue', 'ineffective'],
      },
      [
        metric({
          metSince: T - 7 * DAY,
          recentSuccessful: [
            { at: T, verdict: 'met', progress: 1 },
            { at: T - DAY, verdict: 'met', progress: 1 },
          ],
        }),
      ],
    );
    const outcome = actionOutcome(input);
    expect(outcome.verify).toBe(true);
    expect(outcome.flags.filter((flag) => flag.active)).toEqual([]);
  });

  it('the same action one millisecond short of sustainFor stays open and flagged', () => {
    const input = outcomeInput(
      { status: 'implemented', implementedAt: T - 40 * DAY, dueAt: T - 5 * DAY, statusChangedAt: T - 40 * DAY },
      [metric({ metSince: T - 7 * DAY + 1, bestProgressRecent: 1, latestProgress: 1 })],
    );
    const outcome = actionOutcome(input);
    expect(outcome.verify).toBe(false);
    expect(outcome.flags.filter((flag) => flag.active).map((flag) => flag.kind)).toEqual(['overdue', 'ineffective']);
  });

  it('a verified action is watched: telemetry loss still shows within watchFor', () => {
    const outcome = actionOutcome(
      outcomeInput({ status: 'verified', verifiedAt: T - DAY, dueAt: T - 20 * DAY }, [
        metric({
          recentVerdicts: ['no_data', 'no_data', 'no_data'],
          recentSuccessful: [
            { at: T - 3 * DAY, verdict: 'met', progress: 1 },
            { at: T - 4 * DAY, verdict: 'met', progress: 1 },
          ],
        }),
      ]),
    );
    expect(outcome.flags.filter((flag) => flag.active).map((flag) => flag.kind)).toEqual(['no_telemetry']);
  });

  it('a verified action whose metric slipped twice in a row is regressed', () => {
    const slipped = [
      { at: T, verdict: 'not_met' as const, progress: 0 },
      { at: T - DAY, verdict: 'improving' as const, progress: 0.5 },
    ];
    const outcome = actionOutcome(
      outcomeInput({ status: 'verified', verifiedAt: T - 5 * DAY }, [metric({ recentSuccessful: slipped })]),
    );
    expect(outcome.flags.filter((flag) => flag.active).map((flag) => flag.kind)).toEqual(['regressed']);
  });

  it('never raises overdue, stalled or ineffective for a closed action, whatever its history', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('verified' as const, 'wont_fix' as const),
        fc.integer({ min: -100, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (status, dueOffsetDays, changedDaysAgo) => {
          const outcome = actionOutcome(
            outcomeInput(
              {
                status,
                dueAt: T + dueOffsetDays * DAY,
                statusChangedAt: T - changedDaysAgo * DAY,
                implementedAt: T - 200 * DAY,
                verifiedAt: T - DAY,
              },
              [metric({ bestProgressRecent: 0, bestProgressBefore: 0, latestProgress: 0 })],
            ),
          );
          const active = outcome.flags.filter((flag) => flag.active).map((flag) => flag.kind);
          expect(active).not.toContain('overdue');
          expect(active).not.toContain('stalled');
          expect(active).not.toContain('ineffective');
          expect(outcome.verify).toBe(false);
        },
      ),
    );
  });
});
