import type { ActionStatus, FlagKind, SuccessMetricTimings, Verification } from '@app/domain';
import { actionOutcome } from '../action-outcome';
import type { ActionSnapshot, Millis, PreFixMeasurement, ScoringThresholds } from '../scoring.types';
import { TrackCursor, trackDepth, type CheckRecord, type PriorChecks } from './track-cursor';

/** The fields of an action the scorer's outcome reads and may change. */
export interface ReplayedAction {
  status: ActionStatus;
  dueAt: Millis | null;
  statusChangedAt: Millis;
  implementedAt: Millis | null;
  closedAt: Millis | null;
  verification: Verification | null;
}

/** A flag over its life; `id` is the caller's (null for a flag this replay raised). */
export interface ReplayedFlag {
  id: string | null;
  kind: FlagKind;
  reason: string;
  raisedAt: Millis;
  clearedAt: Millis | null;
}

export interface ReplayedMetric {
  metricId: string;
  /** As its author wrote it: flag reasons name the metric by it. */
  name: string;
  /** How long its goal must hold, and how long the fix has to prove itself. */
  definition: SuccessMetricTimings;
  /** Its checks before `from − stallAfter` (or earlier), summarised. */
  prior: PriorChecks;
  /** Every check after the prior ones, oldest first. */
  checks: CheckRecord[];
  /** Its pre-fix window's value and goal, when measured for the action's current implementedAt; else null. */
  preFix: PreFixMeasurement | null;
}

export interface OutcomeReplayInput {
  /** The earliest check time whose outcome must be (re)computed. */
  from: Millis;
  /** Times at or after `from` to decide the outcome at even without a check (a live pass, replayed slots). */
  times: Millis[];
  action: ReplayedAction;
  /** The action's flags not cleared before `from` (older ones cannot change). */
  flags: ReplayedFlag[];
  metrics: ReplayedMetric[];
  thresholds: ScoringThresholds;
}

export interface OutcomeReplay {
  /** The action once every check from `from` on had its effect, in time order. */
  action: ReplayedAction;
  /** The flags raised before `from` still open then (same id, clearedAt as replayed), then those raised since (id null). */
  flags: ReplayedFlag[];
  /** Each metric's met streak as of its newest check. */
  metSince: Array<{ metricId: string; metSince: Millis | null }>;
}

/**
 * The outcome of an action's checks in time order, whatever the order they were scored in
 * (docs/scoring.md, "Order, error slots and replays"): the scorer's own effects from `from` on are
 * undone — flags raised since removed, flags cleared since open again, a verification by telemetry
 * since withdrawn — and the action-level outcome is decided again at every check time (and every
 * time in `times`) from `from` on, in order, each seeing only the checks up to it. A live pass is
 * the case where `from` is the newest check. Linear in checks and times.
 */
export function replayOutcome(input: OutcomeReplayInput): OutcomeReplay {
  const { from, thresholds } = input;
  const depth = trackDepth(thresholds.regressionChecks);
  const cursors = input.metrics.map(
    (m) => new TrackCursor(m.metricId, m.name, m.prior, m.checks, thresholds.stallAfterMs, depth),
  );
  let action = rewoundAction(input.action, from);
  const flags = rewoundFlags(input.flags, from);
  const times = replayTimes(input);
  for (const at of times) {
    const active = flags.filter((f) => f.clearedAt === null);
    const outcome = actionOutcome({
      at,
      action: snapshot(action, active),
      metrics: input.metrics.map((m, i) => ({
        definition: m.definition,
        track: cursors[i].trackAt(at),
        preFix: m.preFix,
      })),
      thresholds,
    });
    if (outcome.verify)
      action = { ...action, status: 'verified', closedAt: at, statusChangedAt: at, verification: 'telemetry' };
    for (const decision of outcome.flags) {
      const raised = active.find((f) => f.kind === decision.kind);
      if (decision.active && !raised)
        flags.push({ id: null, kind: decision.kind, reason: decision.reason, raisedAt: at, clearedAt: null });
      else if (!decision.active && raised) raised.clearedAt = at;
    }
  }
  const last = Math.max(from, times.at(-1) ?? from);
  return {
    action,
    flags,
    metSince: cursors.map((c) => ({ metricId: c.metricId, metSince: c.trackAt(last).metSince })),
  };
}

/** A verification by telemetry at or after `from` is the scorer's doing: back to implemented, as the fix shipped. */
function rewoundAction(action: ReplayedAction, from: Millis): ReplayedAction {
  const verifiedSince =
    action.status === 'verified' &&
    action.verification === 'telemetry' &&
    action.closedAt !== null &&
    action.closedAt >= from;
  if (!verifiedSince) return action;
  return {
    ...action,
    status: 'implemented',
    closedAt: null,
    verification: null,
    statusChangedAt: action.implementedAt ?? action.statusChangedAt,
  };
}

function rewoundFlags(flags: ReplayedFlag[], from: Millis): ReplayedFlag[] {
  return flags
    .filter((f) => f.raisedAt < from)
    .map((f) => ({ ...f, clearedAt: f.clearedAt !== null && f.clearedAt >= from ? null : f.clearedAt }))
    .filter((f) => f.clearedAt === null);
}

/** Every distinct check time and asked time at or after `from`, ascending. */
function replayTimes(input: OutcomeReplayInput): Millis[] {
  const all = [...input.times, ...input.metrics.flatMap((m) => m.checks.map((c) => c.at))];
  return [...new Set(all.filter((at) => at >= input.from))].sort((a, b) => a - b);
}

function snapshot(action: ReplayedAction, active: ReplayedFlag[]): ActionSnapshot {
  return {
    status: action.status,
    dueAt: action.dueAt,
    statusChangedAt: action.statusChangedAt,
    implementedAt: action.implementedAt,
    verifiedAt: action.status === 'verified' ? action.closedAt : null,
    activeFlags: active.map((f) => f.kind),
  };
}
