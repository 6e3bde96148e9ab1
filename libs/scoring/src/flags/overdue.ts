import { isTerminal } from '@app/domain';
import type { ActionOutcomeInput, FlagDecision } from '../scoring.types';
import { isoDay, spanInWords } from '../time-words';

/** The rule (docs/scoring.md, "Flags") `overdue`: dueAt < T (due exactly now is not late yet) and not terminal. */
export function overdueFlag({ at, action }: ActionOutcomeInput): FlagDecision {
  const decide = (active: boolean, reason: string): FlagDecision => ({ kind: 'overdue', active, reason });
  if (isTerminal(action.status)) return decide(false, `the action is ${action.status}`);
  if (action.dueAt === null) return decide(false, 'no due date');
  if (action.dueAt < at) return decide(true, `due ${isoDay(action.dueAt)}, ${spanInWords(at - action.dueAt)} ago`);
  return decide(false, `due ${isoDay(action.dueAt)}, in ${spanInWords(action.dueAt - at)}`);
}
