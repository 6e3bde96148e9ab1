import { describe, expect, it } from '@jest/globals';
import type { ActionStatus } from '@app/domain';
import { DAY, metric, outcomeInput, T } from '../testing/action-outcome-input.factory';
import { ineffectiveFlag } from './ineffective';

describe('ineffectiveFlag', () => {
  // verifyWithin 30d unless stated.
  it.each<[string, number | null, Array<ReturnType<typeof metric>>, boolean]>([
    ['implemented exactly verifyWithin ago: still has time', T - 30 * DAY, [metric()], false],
    ['implemented 1 ms more than verifyWithin ago', T - 30 * DAY - 1, [metric()], true],
    ['implemented 10 days ago', T - 10 * DAY, [metric()], false],
    [
      'the longest verifyWithin counts: 10d and 30d, 20 days in',
      T - 20 * DAY,
      [metric({}, { verifyWithin: '10d' }), metric({ metricId: 'm2', name: 'payment error ratio' })],
      false,
    ],
    [
      'the longest verifyWithin counts: 10d and 30d, 31 days in',
      T - 31 * DAY,
      [metric({}, { verifyWithin: '10d' }), metric({ metricId: 'm2', name: 'payment error ratio' })],
      true,
    ],
    ['no metrics: nothing to prove', T - 300 * DAY, [], false],
    ['implemented without implementedAt', null, [metric()], false],
  ])('%s', (_, implementedAt, metrics, active) => {
    const decision = ineffectiveFlag(outcomeInput({ status: 'implemented', implementedAt }, metrics));
    expect(decision.kind).toBe('ineffective');
    expect(decision.active).toBe(active);
  });

  it.each<[ActionStatus]>([['open'], ['in_progress'], ['verified'], ['wont_fix']])(
    'a %s action is never ineffective',
    (status) => {
      expect(ineffectiveFlag(outcomeInput({ status, implementedAt: T - 100 * DAY })).active).toBe(false);
    },
  );

  it.each<[string, Parameters<typeof outcomeInput>[0], string]>([
    ['not implemented', { status: 'in_progress' }, 'the action is in_progress, not implemented'],
    ['no implementedAt', { status: 'implemented', implementedAt: null }, 'no implementation time recorded'],
  ])('explains an action %s', (_, action, reason) => {
    expect(ineffectiveFlag(outcomeInput(action)).reason).toBe(reason);
  });

  it('says when it shipped and how long the telemetry had', () => {
    const decision = ineffectiveFlag(outcomeInput({ status: 'implemented', implementedAt: T - 40 * DAY }));
    expect(decision.reason).toBe(
      'implemented 2026-09-05 and not verified by telemetry within 30 days (deadline 2026-10-05)',
    );
  });

  it('says until when the telemetry has to verify it', () => {
    const decision = ineffectiveFlag(outcomeInput({ status: 'implemented', implementedAt: T - 10 * DAY }));
    expect(decision.reason).toBe('implemented 2026-10-05; the telemetry has until 2026-11-04 to verify it');
  });
});
