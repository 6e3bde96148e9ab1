import type { Priority } from '../types';
import type { Action } from '../action/action';

/** Shared times and a plain open action for the aggregate's specs. */
export const OPENED = new Date('2026-09-01T10:00:00.000Z');
export const SHIPPED = new Date('2026-10-01T10:00:00.000Z');
export const CLOSED = new Date('2026-10-20T10:00:00.000Z');
export const NOW = new Date('2026-12-01T12:00:00.000Z');
export const DAY_MS = 86_400_000;

export const SLO_DAYS: Record<Priority, number | null> = { P0: 7, P1: 30, P2: 90, P3: null };

export function anAction(overrides: Partial<Action> = {}): Action {
  return {
    id: 'a-1',
    postmortemId: null,
    title: 'Cap retries',
    description: '',
    ownerTeam: 'payments',
    assignee: null,
    priority: 'P2',
    services: ['checkout'],
    externalRef: null,
    sourceId: null,
    openedAt: OPENED,
    dueAt: null,
    dueAtFromSlo: false,
    status: 'open',
    implementedAt: null,
    closedAt: null,
    statusChangedAt: OPENED,
    verification: null,
    verificationNote: null,
    createdAt: OPENED,
    updatedAt: OPENED,
    ...overrides,
  };
}
