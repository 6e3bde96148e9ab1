import { describe, expect, it } from '@jest/globals';
import type { ActionStatus } from '@app/domain';
import { DAY, metric, outcomeInput, preFix, T } from '../testing/action-outcome-input.factory';
import { improvedBeforeFixFlag } from './improved-before-fix';

const SHIPPED = T - 10 * DAY;

describe('improvedBeforeFixFlag', () => {
  // Decrease, goal 400: a pre-fix value at or below it had met the goal already.
  it.each<[string, number | null, boolean]>([
    ['well below the goal before the fix', 300, true],
    ['exactly at the goal before the fix', 400, true],
    ['just short of the goal before the fix', 400.01, false],
    ['far from the goal before the fix', 500, false],
    ['no pre-fix measurement', null, false],
  ])('implemented, %s → %s', (_, value, active) => {
    const decision = improvedBeforeFixFlag(
      outcomeInput({ status: 'implemented', implementedAt: SHIPPED }, [
        metric({}, {}, value === null ? null : preFix(value, SHIPPED)),
      ]),
    );
    expect(decision.kind).toBe('improved_before_fix');
    expect(decision.active).toBe(active);
  });

  it.each<[number, boolean]>([
    [0.995, true],
    [0.99, true],
    [0.98, false],
  ])('increase, goal 0.99, pre-fix %d → %s', (value, active) => {
    const measurement = preFix(value, SHIPPED, { goal: 0.99, direction: 'increase' });
    expect(
      improvedBeforeFixFlag(
        outcomeInput({ status: 'implemented', implementedAt: SHIPPED }, [metric({}, {}, measurement)]),
      ).active,
    ).toBe(active);
  });

  it.each<[ActionStatus, boolean]>([
    ['open', false],
    ['in_progress', false],
    ['implemented', true],
    ['verified', true],
    ['wont_fix', false],
  ])('a %s action → %s', (status, active) => {
    const decision = improvedBeforeFixFlag(
      outcomeInput({ status, implementedAt: SHIPPED }, [metric({}, {}, preFix(300, SHIPPED))]),
    );
    expect(decision.active).toBe(active);
  });

  it.each<[string, number, boolean]>([
    ['a check exactly at implementedAt', T, true],
    ['a check 1 ms before implementedAt (a replay from before the fix)', T + 1, false],
  ])('%s → %s', (_, implementedAt, active) => {
    const decision = improvedBeforeFixFlag(
      outcomeInput({ status: 'implemented', implementedAt }, [metric({}, {}, preFix(300, implementedAt))]),
    );
    expect(decision.active).toBe(active);
  });

  it('names every metric that met its goal before the fix, with its pre-fix value, days and goal', () => {
    const decision = improvedBeforeFixFlag(
      outcomeInput({ status: 'implemented', implementedAt: SHIPPED }, [
        metric({}, {}, preFix(380.4, SHIPPED)),
        metric({ metricId: 'm2', name: 'queue depth' }, {}, preFix(520, SHIPPED)),
        metric(
          { metricId: 'm3', name: 'payment success ratio' },
          {},
          preFix(0.9951, SHIPPED, { goal: 0.995, direction: 'increase' }),
        ),
      ]),
    );
    expect(decision).toEqual({
      kind: 'improved_before_fix',
      active: true,
      reason:
        'metric "checkout p99 latency" was already 380 before the fix (28 Sep–4 Oct), meeting its goal ≤ 400; ' +
        'metric "payment success ratio" was already 0.9951 before the fix (28 Sep–4 Oct), meeting its goal ≥ 0.995',
    });
  });

  it.each<[string, Parameters<typeof outcomeInput>[0], string]>([
    ['not shipped', { status: 'in_progress' }, 'the action is in_progress, not implemented or verified'],
    ['without implementedAt', { status: 'implemented', implementedAt: null }, 'no implementation time recorded'],
    [
      'checked before the fix shipped',
      { status: 'implemented', implementedAt: T + DAY },
      'the fix ships 2026-10-16, after this check',
    ],
    [
      'no early improvement',
      { status: 'implemented', implementedAt: SHIPPED },
      'no metric met its goal before the fix',
    ],
  ])('explains an action %s', (_, action, reason) => {
    const decision = improvedBeforeFixFlag(outcomeInput(action, [metric({}, {}, preFix(450, SHIPPED))]));
    expect(decision).toEqual({ kind: 'improved_before_fix', active: false, reason });
  });
});
