import { describe, expect, it } from '@jest/globals';
import { checkTransition } from './action-workflow';
import { DomainErrorCode } from '../domain.errors';
import { transitionRefusal } from './transition-refusal';
import type { ActionStatus } from '../types';

function refuse(from: ActionStatus, to: ActionStatus, metricCount = 0, hasNote = false) {
  const check = checkTransition(from, to, { actor: 'person', metricCount, hasNote });
  if (check.ok) throw new Error(`${from} → ${to} was allowed`);
  return transitionRefusal(from, to, check, metricCount);
}

describe('transitionRefusal', () => {
  it.each<[ActionStatus, ActionStatus, number, string]>([
    ['open', 'verified', 0, 'cannot move from open to verified; allowed: in_progress, wont_fix'],
    ['open', 'implemented', 0, 'cannot move from open to implemented; allowed: in_progress, wont_fix'],
    ['in_progress', 'open', 0, 'cannot move from in_progress to open; allowed: implemented, wont_fix'],
    ['implemented', 'open', 0, 'cannot move from implemented to open; allowed: verified, in_progress, wont_fix'],
    // With metrics a person cannot verify, so verified is not offered.
    ['implemented', 'open', 2, 'cannot move from implemented to open; allowed: in_progress, wont_fix'],
    ['verified', 'wont_fix', 0, 'cannot move from verified to wont_fix; allowed: in_progress'],
    ['wont_fix', 'open', 0, 'cannot move from wont_fix to open; allowed: none'],
  ])('%s → %s with %i metrics', (from, to, metrics, message) => {
    const error = refuse(from, to, metrics);
    expect(error.code).toBe(DomainErrorCode.InvalidTransition);
    expect(error.message).toBe(message);
  });

  it('names the metric rule when a person verifies an action that has metrics', () => {
    const error = refuse('implemented', 'verified', 3, true);
    expect(error.code).toBe(DomainErrorCode.InvalidTransition);
    expect(error.message).toContain('3 success metrics');
    expect(error.message).toContain('scorer');
  });

  it('uses the singular for one metric', () => {
    expect(refuse('implemented', 'verified', 1, true).message).toContain('1 success metric,');
  });

  it('asks for the note as bad input', () => {
    const error = refuse('implemented', 'verified', 0, false);
    expect(error.code).toBe(DomainErrorCode.InvalidInput);
    expect(error.message).toMatch(/^verificationNote: /);
  });
});
