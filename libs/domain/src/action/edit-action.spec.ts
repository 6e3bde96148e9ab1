import { describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '../domain.errors';
import { anAction, CLOSED, DAY_MS, NOW, OPENED, SHIPPED, SLO_DAYS } from '../testing/action.factory';
import { refusal } from '../testing/refusal';
import { ACTION_STATUSES, type ActionStatus } from '../types';
import type { Action } from './action';
import { CLOCK_SKEW_MS } from './action-dates';
import { allowedTransitions } from './action-workflow';
import {
  checkEditShape,
  editAction,
  movesDefaultBaselineWindow,
  moveToStatus,
  verifyManually,
  type ActionEdit,
  type EditContext,
} from './edit-action';

const context: EditContext = { now: NOW, sloDays: SLO_DAYS, metricCount: 0 };
const iso = (d: Date) => d.toISOString();
const edit = (action: Action, changes: ActionEdit, ctx: Partial<EditContext> = {}) =>
  editAction(action, changes, { ...context, ...ctx });

/** An action at `status` with the dates that status carries. */
function at(status: ActionStatus, overrides: Partial<Action> = {}): Action {
  const shipped = status === 'implemented' || status === 'verified' ? SHIPPED : null;
  const closed = status === 'verified' || status === 'wont_fix' ? CLOSED : null;
  return anAction({
    status,
    implementedAt: shipped,
    closedAt: closed,
    statusChangedAt: closed ?? shipped ?? (status === 'open' ? OPENED : SHIPPED),
    verification: status === 'verified' ? 'manual' : null,
    verificationNote: status === 'verified' ? 'checked' : null,
    ...overrides,
  });
}

describe('editAction: fields', () => {
  it('changes the fields given, as one `updated` entry at now, and touches updatedAt', () => {
    const { action, audit, events } = edit(anAction(), {
      title: 'Cap retries at 3',
      assignee: 'sam',
      externalRef: null,
    });
    expect(action).toEqual({ ...anAction(), title: 'Cap retries at 3', assignee: 'sam', updatedAt: NOW });
    expect(audit).toEqual([
      {
        type: 'updated',
        at: NOW,
        changes: { title: { from: 'Cap retries', to: 'Cap retries at 3' }, assignee: { from: null, to: 'sam' } },
      },
    ]);
    expect(events).toEqual([]);
  });

  it('changes nothing, writes nothing and keeps updatedAt when every value is the same', () => {
    const current = anAction({ services: ['a', 'b'] });
    const outcome = edit(current, { title: current.title, services: ['a', 'b', 'a'], priority: 'P2', description: '' });
    expect(outcome).toEqual({ action: current, audit: [], events: [] });
  });

  it('changes nothing for an empty edit', () => {
    expect(edit(anAction(), {})).toEqual({ action: anAction(), audit: [], events: [] });
  });

  it.each<[keyof ActionEdit, unknown, unknown]>([
    ['postmortemId', 'pm-2', 'pm-2'],
    ['postmortemId', null, null],
    ['description', 'more', 'more'],
    ['ownerTeam', 'platform', 'platform'],
    ['assignee', null, null],
    ['priority', 'P0', 'P0'],
    ['services', ['x', 'x', 'y'], ['x', 'y']],
    ['externalRef', 'https://t/2', 'https://t/2'],
  ])('sets %s to %j', (field, value, stored) => {
    const current = anAction({ postmortemId: 'pm-1', assignee: 'sam', externalRef: 'https://t/1' });
    const { action } = edit(current, { [field]: value });
    expect(action[field as keyof Action]).toEqual(stored);
  });

  it('clears a due date with null and stops it following the SLO', () => {
    const current = anAction({ dueAt: new Date(OPENED.getTime() + 90 * DAY_MS), dueAtFromSlo: true });
    expect(edit(current, { dueAt: null }).action).toMatchObject({ dueAt: null, dueAtFromSlo: false });
  });

  it('keeps a due date a person gave when priority or openedAt change', () => {
    const given = new Date(OPENED.getTime() + 10 * DAY_MS);
    const { action } = edit(anAction({ dueAt: given }), {
      priority: 'P0',
      openedAt: new Date(OPENED.getTime() + DAY_MS),
    });
    expect(action.dueAt).toEqual(given);
  });

  it.each<[string, ActionEdit, Date | null]>([
    ['a new priority', { priority: 'P0' }, new Date(OPENED.getTime() + 7 * DAY_MS)],
    ['a priority without an SLO', { priority: 'P3' }, null],
    ['a new openedAt', { openedAt: SHIPPED }, new Date(SHIPPED.getTime() + 90 * DAY_MS)],
    ['both', { priority: 'P1', openedAt: SHIPPED }, new Date(SHIPPED.getTime() + 30 * DAY_MS)],
  ])('moves a due date from the SLO with %s', (_name, changes, dueAt) => {
    const current = anAction({ dueAt: new Date(OPENED.getTime() + 90 * DAY_MS), dueAtFromSlo: true });
    const { action, audit } = edit(current, changes);
    expect(action).toMatchObject({ dueAt, dueAtFromSlo: true });
    expect(audit[0].changes.dueAt).toEqual({ from: iso(current.dueAt!), to: dueAt && iso(dueAt) });
  });

  it('does not recompute a due date from the SLO for other edits', () => {
    // A stored SLO date that disagrees with today's SLO table stays until its inputs move.
    const stored = new Date(OPENED.getTime() + 5 * DAY_MS);
    expect(edit(anAction({ dueAt: stored, dueAtFromSlo: true }), { title: 'other' }).action.dueAt).toEqual(stored);
  });

  it('replacing a due date turns off the SLO even with a priority change in the same edit', () => {
    const given = new Date(OPENED.getTime() + 3 * DAY_MS);
    const { action } = edit(anAction({ dueAt: new Date(OPENED.getTime() + 90 * DAY_MS), dueAtFromSlo: true }), {
      dueAt: given,
      priority: 'P0',
    });
    expect(action).toMatchObject({ dueAt: given, dueAtFromSlo: false });
  });
});

describe('editAction: openedAt', () => {
  it('moves statusChangedAt along while the action is still in its first status', () => {
    const { action, audit } = edit(anAction(), { openedAt: SHIPPED });
    expect(action).toMatchObject({ openedAt: SHIPPED, statusChangedAt: SHIPPED });
    expect(audit[0]).toMatchObject({ type: 'updated' });
    expect(Object.keys(audit[0].changes)).toEqual(['openedAt', 'statusChangedAt']);
  });

  it('leaves statusChangedAt alone once the status moved', () => {
    const current = at('in_progress', { statusChangedAt: SHIPPED });
    expect(edit(current, { openedAt: new Date(OPENED.getTime() + DAY_MS) }).action.statusChangedAt).toEqual(SHIPPED);
  });

  it('leaves statusChangedAt alone for an open action reopened at another time', () => {
    const current = anAction({ statusChangedAt: SHIPPED });
    expect(edit(current, { openedAt: new Date(OPENED.getTime() + DAY_MS) }).action.statusChangedAt).toEqual(SHIPPED);
  });

  it('accepts an openedAt within the clock skew and refuses one beyond it', () => {
    expect(edit(anAction(), { openedAt: new Date(NOW.getTime() + CLOCK_SKEW_MS) }).action.openedAt).toEqual(
      new Date(NOW.getTime() + CLOCK_SKEW_MS),
    );
    expect(refusal(() => edit(anAction(), { openedAt: new Date(NOW.getTime() + CLOCK_SKEW_MS + 1) })).message).toBe(
      'openedAt: must not be in the future',
    );
  });

  it.each<[string, Partial<Action>, ActionEdit, string]>([
    ['after the due date', { dueAt: SHIPPED }, { openedAt: CLOSED }, 'openedAt: must not be after dueAt'],
    ['with a due date before it', {}, { dueAt: new Date(OPENED.getTime() - 1) }, 'dueAt: must not be before openedAt'],
    ['with both moved', {}, { openedAt: CLOSED, dueAt: SHIPPED }, 'dueAt: must not be before openedAt'],
    [
      'after implementedAt',
      { status: 'implemented', implementedAt: SHIPPED, statusChangedAt: SHIPPED },
      { openedAt: CLOSED },
      'openedAt: must not be after implementedAt',
    ],
    [
      'after closedAt',
      { status: 'wont_fix', closedAt: SHIPPED, statusChangedAt: SHIPPED },
      { openedAt: CLOSED },
      'openedAt: must not be after closedAt',
    ],
  ])('refuses dates out of order: openedAt %s', (_name, state, changes, message) => {
    const error = refusal(() => edit(anAction(state), changes));
    expect(error).toMatchObject({ code: DomainErrorCode.InvalidInput, message });
  });

  it('does not judge dates the edit did not touch', () => {
    // Stored out of order (an older rule allowed it): a title change still goes through.
    const current = anAction({ dueAt: new Date(OPENED.getTime() - DAY_MS) });
    expect(edit(current, { title: 'x' }).audit).toHaveLength(1);
  });

  it('allows dates that are equal', () => {
    const current = anAction({
      status: 'implemented',
      implementedAt: SHIPPED,
      statusChangedAt: SHIPPED,
      dueAt: SHIPPED,
    });
    expect(edit(current, { openedAt: SHIPPED }).action.openedAt).toEqual(SHIPPED);
  });
});

describe('editAction: status', () => {
  const PAIRS = ACTION_STATUSES.flatMap((from) =>
    ACTION_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const),
  );

  it.each(PAIRS)('a person moving %s → %s: allowed exactly as the workflow says', (from, to) => {
    const allowed = allowedTransitions(from).includes(to);
    const note = to === 'verified' ? { verificationNote: 'checked' } : {};
    const run = () => edit(at(from), { status: to, ...note });
    if (!allowed) {
      expect(refusal(run)).toMatchObject({ code: DomainErrorCode.InvalidTransition });
      return;
    }
    const { action, audit } = run();
    expect(action.status).toBe(to);
    expect(audit).toEqual([expect.objectContaining({ type: 'status_changed', at: NOW })]);
    expect(audit[0].changes.status).toEqual({ from, to });
  });

  it('starts work now', () => {
    const { action, audit } = moveToStatus(anAction(), 'in_progress', {}, context);
    expect(action).toMatchObject({ status: 'in_progress', statusChangedAt: NOW, updatedAt: NOW });
    expect(audit[0].changes).toEqual({
      status: { from: 'open', to: 'in_progress' },
      statusChangedAt: { from: iso(OPENED), to: iso(NOW) },
    });
  });

  it('implements at the time the fix shipped', () => {
    const { action } = moveToStatus(at('in_progress'), 'implemented', { implementedAt: SHIPPED }, context);
    expect(action).toMatchObject({ status: 'implemented', implementedAt: SHIPPED, statusChangedAt: SHIPPED });
  });

  it('implements now when no time is given', () => {
    expect(moveToStatus(at('in_progress'), 'implemented', {}, context).action).toMatchObject({
      implementedAt: NOW,
      statusChangedAt: NOW,
    });
  });

  it('refuses an implementedAt in the future, even by a millisecond', () => {
    const error = refusal(() =>
      moveToStatus(at('in_progress'), 'implemented', { implementedAt: new Date(NOW.getTime() + 1) }, context),
    );
    expect(error).toMatchObject({
      code: DomainErrorCode.InvalidInput,
      message: 'implementedAt: must not be in the future',
    });
  });

  it('refuses an implementedAt before openedAt', () => {
    const error = refusal(() =>
      moveToStatus(at('in_progress'), 'implemented', { implementedAt: new Date(OPENED.getTime() - 1) }, context),
    );
    expect(error.message).toBe('implementedAt: must not be before openedAt');
  });

  it('corrects the shipped time without a move: an `updated` entry', () => {
    const { action, audit } = moveToStatus(at('implemented'), 'implemented', { implementedAt: CLOSED }, context);
    expect(action).toMatchObject({ status: 'implemented', implementedAt: CLOSED, statusChangedAt: CLOSED });
    expect(audit).toEqual([
      {
        type: 'updated',
        at: NOW,
        changes: {
          implementedAt: { from: iso(SHIPPED), to: iso(CLOSED) },
          statusChangedAt: { from: iso(SHIPPED), to: iso(CLOSED) },
        },
      },
    ]);
  });

  it('corrects the note of a verified action without a move or a notification', () => {
    const { action, audit, events } = verifyManually(at('verified'), 'checked again', context);
    expect(action).toMatchObject({ status: 'verified', verificationNote: 'checked again', closedAt: CLOSED });
    expect(audit).toEqual([
      { type: 'updated', at: NOW, changes: { verificationNote: { from: 'checked', to: 'checked again' } } },
    ]);
    expect(events).toEqual([]);
  });

  it('changes nothing when the same status is given again alone', () => {
    expect(moveToStatus(at('in_progress'), 'in_progress', {}, context).audit).toEqual([]);
  });

  it('rolls an implementation back, clearing the shipped time', () => {
    const { action } = moveToStatus(at('implemented'), 'in_progress', {}, context);
    expect(action).toMatchObject({ status: 'in_progress', implementedAt: null, statusChangedAt: NOW });
  });

  it('reopens a verified action, withdrawing the verification', () => {
    const { action, events } = moveToStatus(at('verified'), 'in_progress', {}, context);
    expect(action).toMatchObject({
      status: 'in_progress',
      implementedAt: null,
      closedAt: null,
      verification: null,
      verificationNote: null,
    });
    expect(events).toEqual([]);
  });

  it('gives up on a fix as wont_fix now, keeping the shipped time', () => {
    const { action, events } = moveToStatus(at('implemented'), 'wont_fix', {}, context);
    expect(action).toMatchObject({ status: 'wont_fix', closedAt: NOW, statusChangedAt: NOW, implementedAt: SHIPPED });
    expect(events).toEqual([]);
  });

  it('applies fields and a move as one status_changed entry', () => {
    const { audit } = edit(at('in_progress'), { title: 'new', status: 'implemented' });
    expect(audit).toHaveLength(1);
    expect(audit[0].type).toBe('status_changed');
    expect(Object.keys(audit[0].changes).sort()).toEqual(['implementedAt', 'status', 'statusChangedAt', 'title']);
  });

  it('refuses a forbidden move naming the allowed ones', () => {
    const error = refusal(() => moveToStatus(anAction(), 'implemented', {}, context));
    expect(error.message).toBe('cannot move from open to implemented; allowed: in_progress, wont_fix');
  });
});

describe('verifyManually', () => {
  it('verifies an implemented action without metrics, closing it now, and notifies it', () => {
    const { action, audit, events } = verifyManually(at('implemented'), 'checked the dashboards', context);
    expect(action).toMatchObject({
      status: 'verified',
      closedAt: NOW,
      statusChangedAt: NOW,
      verification: 'manual',
      verificationNote: 'checked the dashboards',
    });
    expect(audit[0]).toMatchObject({ type: 'status_changed', at: NOW });
    expect(events).toEqual([
      {
        type: 'action.verified',
        occurredAt: NOW,
        body: {
          action: {
            id: 'a-1',
            title: 'Cap retries',
            ownerTeam: 'payments',
            priority: 'P2',
            status: 'verified',
            dueAt: null,
          },
          verification: 'manual',
          closedAt: iso(NOW),
          // Verified by a person only without success metrics: nothing to show as evidence.
          evidence: [],
        },
      },
    ]);
  });

  it.each([1, 3])('refuses an action with %i success metrics: the scorer verifies those', (metricCount) => {
    const error = refusal(() => verifyManually(at('implemented'), 'checked', { ...context, metricCount }));
    expect(error.code).toBe(DomainErrorCode.InvalidTransition);
    expect(error.message).toContain(`${metricCount} success metric`);
  });

  it('needs the note', () => {
    const error = refusal(() => moveToStatus(at('implemented'), 'verified', {}, context));
    expect(error).toMatchObject({ code: DomainErrorCode.InvalidInput });
    expect(error.message).toContain('verificationNote: required');
  });

  it.each(['open', 'in_progress', 'wont_fix'] as const)('cannot verify from %s', (from) => {
    expect(refusal(() => verifyManually(at(from), 'checked', context)).code).toBe(DomainErrorCode.InvalidTransition);
  });

  it('ignores the metric count for moves other than verified', () => {
    expect(moveToStatus(at('implemented'), 'wont_fix', {}, { ...context, metricCount: 2 }).action.status).toBe(
      'wont_fix',
    );
  });
});

describe('editAction: the reason for wont_fix', () => {
  it("records the trimmed reason in the move's audit entry, not on the action", () => {
    const { action, audit } = edit(at('in_progress'), { status: 'wont_fix', reason: '  Service retired  ' });
    expect(action.status).toBe('wont_fix');
    expect(action).not.toHaveProperty('reason');
    expect(audit).toHaveLength(1);
    expect(audit[0].type).toBe('status_changed');
    expect(audit[0].changes.reason).toEqual({ from: null, to: 'Service retired' });
  });

  it('records no reason when none is given', () => {
    expect(edit(at('open'), { status: 'wont_fix' }).audit[0].changes).not.toHaveProperty('reason');
  });

  it('records a reason given again while wont_fix as a correction', () => {
    const { audit } = edit(at('wont_fix'), { status: 'wont_fix', reason: 'Replaced by a new design' });
    expect(audit).toEqual([
      { type: 'updated', at: NOW, changes: { reason: { from: null, to: 'Replaced by a new design' } } },
    ]);
  });
});

describe('checkEditShape', () => {
  it.each<[ActionEdit, string | null]>([
    [{ implementedAt: SHIPPED }, 'implementedAt: only allowed with status implemented'],
    [{ implementedAt: SHIPPED, status: 'verified' }, 'implementedAt: only allowed with status implemented'],
    [{ implementedAt: SHIPPED, status: 'implemented' }, null],
    [{ verificationNote: 'n' }, 'verificationNote: only allowed with status verified'],
    [{ verificationNote: 'n', status: 'implemented' }, 'verificationNote: only allowed with status verified'],
    [{ verificationNote: 'n', status: 'verified' }, null],
    [{ implementedAt: SHIPPED, verificationNote: 'n' }, 'implementedAt: only allowed with status implemented'],
    [{ reason: 'r' }, 'reason: only allowed with status wont_fix'],
    [{ reason: 'r', status: 'verified' }, 'reason: only allowed with status wont_fix'],
    [{ reason: 'r', status: 'wont_fix' }, null],
    [{}, null],
  ])('%j → %s', (changes, message) => {
    if (message === null) expect(() => checkEditShape(changes)).not.toThrow();
    else expect(refusal(() => checkEditShape(changes))).toMatchObject({ code: DomainErrorCode.InvalidInput, message });
  });

  it('is checked by editAction too', () => {
    expect(refusal(() => edit(anAction(), { verificationNote: 'n' })).message).toBe(
      'verificationNote: only allowed with status verified',
    );
  });
});

describe('movesDefaultBaselineWindow', () => {
  it.each<[string[], boolean]>([
    [['postmortemId'], true],
    [['openedAt', 'statusChangedAt'], true],
    [['title', 'dueAt'], false],
    [[], false],
  ])('%j → %s', (fields, expected) => {
    expect(movesDefaultBaselineWindow(Object.fromEntries(fields.map((f) => [f, { from: 1, to: 2 }])))).toBe(expected);
  });
});
