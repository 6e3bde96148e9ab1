import { transitionsForPerson, type TransitionCheck } from './action-workflow';
import { DomainError, invalidInput, invalidTransition } from '../domain.errors';
import type { ActionStatus } from '../types';

type Refusal = Exclude<TransitionCheck, { ok: true }>;

/**
 * The error for a transition a person may not make, naming what is allowed instead. A missing
 * note is bad input (400); everything else is a conflict with the action's state (409).
 */
export function transitionRefusal(
  from: ActionStatus,
  to: ActionStatus,
  refusal: Refusal,
  metricCount: number,
): DomainError {
  switch (refusal.reason) {
    case 'forbidden': {
      const allowed = transitionsForPerson(from, metricCount);
      return invalidTransition(
        `cannot move from ${from} to ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`,
      );
    }
    case 'has_metrics':
      return invalidTransition(
        `cannot set verified by hand: the action has ${metricCount} success metric${metricCount === 1 ? '' : 's'}, ` +
          'so only the scorer verifies it, once every metric is met and sustained',
      );
    case 'note_required':
      return invalidInput('verificationNote: required to set verified by hand (say how the fix was checked)');
  }
}
