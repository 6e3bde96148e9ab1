import { describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '../domain.errors';
import { CLOSED, DAY_MS, NOW, OPENED, SHIPPED, SLO_DAYS } from '../testing/action.factory';
import { refusal } from '../testing/refusal';
import type { Priority } from '../types';
import { CLOCK_SKEW_MS } from './action-dates';
import { openAction, type OpenActionRequest } from './open-action';

const context = { id: 'a-1', now: NOW, sloDays: SLO_DAYS };
const request: OpenActionRequest = { title: 'Cap retries', ownerTeam: 'payments' };
const open = (overrides: Partial<OpenActionRequest> = {}) => openAction({ ...request, ...overrides }, context);
const iso = (d: Date) => d.toISOString();

describe('openAction', () => {
  it('opens an action now with every default', () => {
    const { action, audit, events } = open();
    expect(action).toEqual({
      id: 'a-1',
      sourceId: null,
      postmortemId: null,
      title: 'Cap retries',
      description: '',
      ownerTeam: 'payments',
      assignee: null,
      priority: 'P2',
      services: [],
      externalRef: null,
      openedAt: NOW,
      dueAt: new Date(NOW.getTime() + 90 * DAY_MS),
      dueAtFromSlo: true,
      status: 'open',
      implementedAt: null,
      closedAt: null,
      statusChangedAt: NOW,
      verification: null,
      verificationNote: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(audit).toEqual([
      {
        type: 'created',
        at: NOW,
        changes: {
          title: { from: null, to: 'Cap retries' },
          description: { from: null, to: '' },
          ownerTeam: { from: null, to: 'payments' },
          priority: { from: null, to: 'P2' },
          services: { from: null, to: [] },
          openedAt: { from: null, to: iso(NOW) },
          dueAt: { from: null, to: iso(new Date(NOW.getTime() + 90 * DAY_MS)) },
          status: { from: null, to: 'open' },
          statusChangedAt: { from: null, to: iso(NOW) },
        },
      },
    ]);
    expect(events).toEqual([]);
  });

  it('keeps what the request gives, services once each in their order', () => {
    const { action } = open({
      postmortemId: 'pm-1',
      description: 'why',
      assignee: 'sam',
      priority: 'P0',
      services: ['b', 'a', 'b'],
      externalRef: 'https://tracker/1',
    });
    expect(action).toMatchObject({
      postmortemId: 'pm-1',
      description: 'why',
      assignee: 'sam',
      priority: 'P0',
      services: ['b', 'a'],
      externalRef: 'https://tracker/1',
      dueAt: new Date(NOW.getTime() + 7 * DAY_MS),
    });
  });

  it.each<[Priority, number | null]>([
    ['P0', 7],
    ['P1', 30],
    ['P2', 90],
    ['P3', null],
  ])('takes the due date of %s from its SLO, counted from openedAt', (priority, days) => {
    const { action } = open({ priority, openedAt: OPENED });
    expect(action.dueAt).toEqual(days === null ? null : new Date(OPENED.getTime() + days * DAY_MS));
    expect(action.dueAtFromSlo).toBe(true);
  });

  it('has no due date when the request says null, and it does not follow the SLO then', () => {
    expect(open({ dueAt: null }).action).toMatchObject({ dueAt: null, dueAtFromSlo: false });
  });

  it('keeps a given due date, even one equal to openedAt', () => {
    expect(open({ openedAt: OPENED, dueAt: OPENED }).action).toMatchObject({ dueAt: OPENED, dueAtFromSlo: false });
  });

  it('refuses a due date before openedAt', () => {
    const error = refusal(() => open({ openedAt: OPENED, dueAt: new Date(OPENED.getTime() - 1) }));
    expect(error).toMatchObject({ code: DomainErrorCode.InvalidInput, message: 'dueAt: must not be before openedAt' });
  });

  it('accepts an openedAt ahead of the clock by the skew allowance, not by a millisecond more', () => {
    const ahead = new Date(NOW.getTime() + CLOCK_SKEW_MS);
    expect(open({ openedAt: ahead }).action.openedAt).toEqual(ahead);
    const error = refusal(() => open({ openedAt: new Date(ahead.getTime() + 1) }));
    expect(error).toMatchObject({ code: DomainErrorCode.InvalidInput, message: 'openedAt: must not be in the future' });
  });

  it('dates the created entry at now for a plain open, even with a past openedAt', () => {
    const { action, audit } = open({ openedAt: OPENED });
    expect(action).toMatchObject({ openedAt: OPENED, statusChangedAt: OPENED, createdAt: NOW });
    expect(audit.map((e) => e.at)).toEqual([NOW]);
  });

  it('refuses a note without status verified, before looking at the status dates', () => {
    for (const status of ['open', 'in_progress', 'implemented', 'wont_fix', undefined] as const) {
      const error = refusal(() => open({ status, verificationNote: 'checked', closedAt: CLOSED }));
      expect(error.message).toBe('verificationNote: only allowed with status verified');
    }
  });
});

describe('openAction importing a later status', () => {
  const steps = (overrides: Partial<OpenActionRequest>) =>
    open({ openedAt: OPENED, ...overrides }).audit.map((e) => ({
      type: e.type,
      at: iso(e.at),
      status: e.changes.status,
    }));

  it('imports in_progress: created and started at openedAt', () => {
    expect(steps({ status: 'in_progress' })).toEqual([
      { type: 'created', at: iso(OPENED), status: { from: null, to: 'open' } },
      { type: 'status_changed', at: iso(OPENED), status: { from: 'open', to: 'in_progress' } },
    ]);
  });

  it('imports verified through every state, each at its own time, and notifies the verification', () => {
    const { action, audit, events } = open({
      openedAt: OPENED,
      status: 'verified',
      implementedAt: SHIPPED,
      closedAt: CLOSED,
      verificationNote: 'dashboards',
    });
    expect(audit.map((e) => [e.type, iso(e.at), e.changes.status])).toEqual([
      ['created', iso(OPENED), { from: null, to: 'open' }],
      ['status_changed', iso(OPENED), { from: 'open', to: 'in_progress' }],
      ['status_changed', iso(SHIPPED), { from: 'in_progress', to: 'implemented' }],
      ['status_changed', iso(CLOSED), { from: 'implemented', to: 'verified' }],
    ]);
    expect(audit[2].changes).toEqual({
      status: { from: 'in_progress', to: 'implemented' },
      implementedAt: { from: null, to: iso(SHIPPED) },
      statusChangedAt: { from: iso(OPENED), to: iso(SHIPPED) },
    });
    expect(audit[3].changes).toEqual({
      status: { from: 'implemented', to: 'verified' },
      closedAt: { from: null, to: iso(CLOSED) },
      statusChangedAt: { from: iso(SHIPPED), to: iso(CLOSED) },
      verification: { from: null, to: 'manual' },
      verificationNote: { from: null, to: 'dashboards' },
    });
    expect(action).toMatchObject({
      status: 'verified',
      implementedAt: SHIPPED,
      closedAt: CLOSED,
      statusChangedAt: CLOSED,
      verification: 'manual',
      verificationNote: 'dashboards',
      createdAt: NOW,
    });
    expect(events).toEqual([
      {
        type: 'action.verified',
        occurredAt: CLOSED,
        body: {
          action: {
            id: 'a-1',
            title: 'Cap retries',
            ownerTeam: 'payments',
            priority: 'P2',
            status: 'verified',
            dueAt: action.dueAt!.toISOString(),
          },
          verification: 'manual',
          closedAt: iso(CLOSED),
          // A new action has no success metric: nothing to show as evidence.
          evidence: [],
        },
      },
    ]);
  });

  it('imports wont_fix straight from open, notifying nothing', () => {
    const { action, audit, events } = open({ openedAt: OPENED, status: 'wont_fix', closedAt: CLOSED });
    expect(audit.map((e) => e.changes.status)).toEqual([
      { from: null, to: 'open' },
      { from: 'open', to: 'wont_fix' },
    ]);
    expect(action).toMatchObject({ status: 'wont_fix', closedAt: CLOSED, verification: null });
    expect(events).toEqual([]);
  });

  it('imports status open as a history too: created at openedAt', () => {
    expect(steps({ status: 'open' })).toEqual([
      { type: 'created', at: iso(OPENED), status: { from: null, to: 'open' } },
    ]);
  });

  it('needs a note to import verified, as a person verifying by hand does', () => {
    const error = refusal(() => open({ openedAt: OPENED, status: 'verified', closedAt: CLOSED }));
    expect(error).toMatchObject({ code: DomainErrorCode.InvalidInput });
    expect(error.message).toContain('verificationNote: required');
  });

  it('refuses status dates out of order, naming the field', () => {
    const error = refusal(() =>
      open({ openedAt: OPENED, status: 'verified', implementedAt: CLOSED, closedAt: SHIPPED, verificationNote: 'n' }),
    );
    expect(error.message).toBe('closedAt: must not be before implementedAt');
  });

  it('checks openedAt before the status', () => {
    const error = refusal(() => open({ openedAt: new Date(NOW.getTime() + DAY_MS), status: 'verified' }));
    expect(error.message).toBe('openedAt: must not be in the future');
  });
});
