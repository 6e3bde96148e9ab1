import type { MetricEvidence } from '../notification-event';
import type { ActionStatus, Verification } from '../types';
import type { Action, ActionOutcome } from './action';
import { statusEvents } from './action-notifications';
import { diffFields } from './audit-changes';
import { iso } from './iso-date';

/** Where the checks, replayed in time order, leave the action's status (libs/scoring `replayOutcome`). */
export interface TelemetryVerdict {
  status: ActionStatus;
  closedAt: Date | null;
  statusChangedAt: Date;
  verification: Verification | null;
}

/**
 * The scorer settles the action as its checks say: verified at the check that proved it, the
 * verification moved to another check, or withdrawn. One audit entry for the net change, at `now`
 * (closedAt says which check made it), and `action.verified`, with the metrics' `evidence`, when it
 * verifies the action.
 */
export function verifyByTelemetry(
  action: Action,
  verdict: TelemetryVerdict,
  now: Date,
  evidence: readonly MetricEvidence[],
): ActionOutcome {
  const settled: Action = { ...action, ...verdict };
  const changes = diffFields(verdictFields(action), verdictFields(settled));
  if (Object.keys(changes).length === 0) return { action, audit: [], events: [] };
  return {
    action: { ...settled, updatedAt: now },
    audit: [{ type: 'status_changed', changes, at: now }],
    events: statusEvents(action, settled, evidence),
  };
}

function verdictFields(action: Action): Record<string, unknown> {
  return {
    status: action.status,
    closedAt: iso(action.closedAt),
    statusChangedAt: action.statusChangedAt.toISOString(),
    verification: action.verification,
  };
}
