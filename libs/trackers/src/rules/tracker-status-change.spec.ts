import { describe, expect, it } from '@jest/globals';
import { ACTION_STATUSES, allowedTransitions, type ActionStatus } from '@app/domain';
import { statusChangeFor, type TrackerEvent } from './tracker-status-change';

const at = new Date('2026-03-20T16:30:00Z');
const completed: TrackerEvent = { kind: 'closed', reason: 'completed', at };
const noReason: TrackerEvent = { kind: 'closed', reason: null, at };
const notPlanned: TrackerEvent = { kind: 'closed', reason: 'not_planned', at };
const reopened: TrackerEvent = { kind: 'reopened', at };

/** The statuses the moves go through, in order. */
const path = (current: ActionStatus, event: TrackerEvent) => statusChangeFor(current, event).map((move) => move.to);

describe('statusChangeFor: every status and every event', () => {
  it.each<[ActionStatus, TrackerEvent, ActionStatus[]]>([
    ['open', completed, ['in_progress', 'implemented']],
    ['in_progress', completed, ['implemented']],
    ['implemented', completed, []],
    ['verified', completed, []],
    ['wont_fix', completed, []],
    ['open', noReason, ['in_progress', 'implemented']],
    ['in_progress', noReason, ['implemented']],
    ['implemented', noReason, []],
    ['verified', noReason, []],
    ['wont_fix', noReason, []],
    ['open', notPlanned, ['wont_fix']],
    ['in_progress', notPlanned, ['wont_fix']],
    ['implemented', notPlanned, ['wont_fix']],
    ['verified', notPlanned, []],
    ['wont_fix', notPlanned, []],
    ['open', reopened, []],
    ['in_progress', reopened, []],
    ['implemented', reopened, ['in_progress']],
    ['verified', reopened, ['in_progress']],
    ['wont_fix', reopened, []],
  ])('%s + %j → %j', (current, event, expected) => {
    expect(path(current, event)).toEqual(expected);
  });
});

describe('statusChangeFor: the moves', () => {
  it('dates every move at the event, and ships the fix at the close', () => {
    expect(statusChangeFor('open', completed)).toEqual([
      { to: 'in_progress', at },
      { to: 'implemented', at, implementedAt: at },
    ]);
    expect(statusChangeFor('verified', reopened)).toEqual([{ to: 'in_progress', at }]);
    expect(statusChangeFor('in_progress', notPlanned)).toEqual([{ to: 'wont_fix', at }]);
  });

  it('never gives verified, and only moves the workflow allows, one after the other', () => {
    for (const current of ACTION_STATUSES)
      for (const event of [completed, noReason, notPlanned, reopened]) {
        let from = current;
        for (const to of path(current, event)) {
          expect(to).not.toBe('verified');
          expect(allowedTransitions(from)).toContain(to);
          from = to;
        }
      }
  });
});
