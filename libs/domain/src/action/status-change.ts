import type { ActionStatus, Verification } from '../types';

/** The fields of an action that its status drives. */
export interface StatusFields {
  status: ActionStatus;
  implementedAt: Date | null;
  closedAt: Date | null;
  statusChangedAt: Date;
  verification: Verification | null;
  verificationNote: string | null;
}

export interface StatusChange {
  /** When the change happens (the request's time, or a scored check's time). */
  at: Date;
  /** For `implemented`: when the fix shipped, if not `at`; the transition then counts at that time. */
  implementedAt?: Date;
  /** For `verified`: by the scorer (`telemetry`) or by a person (`manual`). */
  verification?: Verification;
  /** For a manual `verified`: why the person considers it done. */
  note?: string | null;
}

/**
 * The status fields after moving to `to`. The move must already have passed `checkTransition`;
 * this only says what moving means for the timestamps (`statusChangedAt`, see docs/api.md, "Actions").
 */
export function changeStatus(current: StatusFields, to: ActionStatus, change: StatusChange): StatusFields {
  const { at } = change;
  switch (to) {
    case 'implemented': {
      const shipped = change.implementedAt ?? at;
      return {
        ...current,
        status: to,
        implementedAt: shipped,
        statusChangedAt: shipped,
        closedAt: null,
        verification: null,
        verificationNote: null,
      };
    }
    case 'verified':
      return {
        ...current,
        status: to,
        closedAt: at,
        statusChangedAt: at,
        verification: change.verification ?? 'manual',
        verificationNote: change.note ?? null,
      };
    case 'wont_fix':
      // implementedAt stays: a shipped fix that was then given up on is still part of the record.
      return { ...current, status: to, closedAt: at, statusChangedAt: at, verification: null, verificationNote: null };
    case 'in_progress':
    case 'open':
      // Back to work (a rollback or a reopen): whatever the earlier fix claimed no longer holds.
      return {
        status: to,
        implementedAt: null,
        closedAt: null,
        statusChangedAt: at,
        verification: null,
        verificationNote: null,
      };
  }
}

/** The status fields of an action (or of anything carrying them), and nothing else. */
export function statusFieldsOf(action: StatusFields): StatusFields {
  const { status, implementedAt, closedAt, statusChangedAt, verification, verificationNote } = action;
  return { status, implementedAt, closedAt, statusChangedAt, verification, verificationNote };
}
