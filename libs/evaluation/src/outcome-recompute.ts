import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ActionEntity,
  ActionEventRepository,
  ActionRepository,
  EvaluationHistoryRepository,
  FlagRepository,
  MetricMeasuredStateRepository,
  SuccessMetricRepository,
  type FlagEntity,
  type SuccessMetricEntity,
} from '@app/persistence';
import {
  replayOutcome,
  trackDepth,
  type CheckRecord,
  type OutcomeReplay,
  type ReplayedAction,
  type ScoringThresholds,
} from '@app/scoring';

/** The actor of every change the scorer makes, in the audit trail. */
export const SCORER_ACTOR = 'scorer';

export interface RecomputeRequest {
  /** The earliest check time whose effects must be decided (again). */
  from: Date;
  /** Times at or after `from` to decide at even without a check: a pass's own time, a backfill's slots. */
  times: Date[];
  thresholds: ScoringThresholds;
}

/**
 * Decides an action's outcome from `from` on from its checks in time order (libs/scoring
 * `replayOutcome`), and stores the net result: the verification at the check that proved it (one
 * audit event for the net change), the flags with their true raisedAt/clearedAt, each metric's met
 * streak as of its newest check. A live pass is the case `from` = its own time: nothing newer to
 * replay. Reads the checks from one stall window before `from` on, and the older ones summarised,
 * so the cost is linear in the checks replayed. Runs in the caller's transaction, under the
 * action's row lock.
 */
@Injectable()
export class OutcomeRecompute {
  constructor(
    private readonly actions: ActionRepository,
    private readonly metrics: SuccessMetricRepository,
    private readonly evaluations: EvaluationHistoryRepository,
    private readonly measuredState: MetricMeasuredStateRepository,
    private readonly flags: FlagRepository,
    private readonly events: ActionEventRepository,
  ) {}

  async recompute(action: ActionEntity, request: RecomputeRequest, em: EntityManager): Promise<void> {
    const { from, thresholds } = request;
    const metrics = await this.metrics.listByActions([action.id], em);
    const ids = metrics.map((m) => m.id);
    const priorEnd = new Date(from.getTime() - thresholds.stallAfterMs);
    // One after the other: the embedded database has one connection.
    const prior = await this.evaluations.priorChecks(ids, priorEnd, trackDepth(thresholds.regressionChecks), em);
    const checks = await this.evaluations.checksSince(ids, priorEnd, em);
    const flags = await this.flags.openAtOrAfter(action.id, from, em);
    const replay = replayOutcome({
      from: from.getTime(),
      times: request.times.map((t) => t.getTime()),
      action: replayedAction(action),
      flags: flags.map((f) => ({ id: f.id, kind: f.kind, reason: f.reason, raisedAt: f.raisedAt.getTime(), clearedAt: f.clearedAt?.getTime() ?? null })),
      metrics: metrics.map((m) => {
        const summary = prior.find((p) => p.metricId === m.id);
        return {
          metricId: m.id,
          name: m.name,
          definition: m,
          prior: {
            metSince: summary?.metSince?.getTime() ?? null,
            recentVerdicts: summary?.recentVerdicts ?? [],
            recentSuccessful: (summary?.recentSuccessful ?? []).map((s) => ({ at: s.at.getTime(), verdict: s.verdict, progress: s.progress })),
            bestProgress: summary?.bestProgress ?? null,
            latestProgress: summary?.latestProgress ?? null,
          },
          checks: checks.filter((c) => c.metricId === m.id).map((c): CheckRecord => ({ at: c.at.getTime(), verdict: c.verdict, progress: c.progress })),
        };
      }),
      thresholds,
    });
    await this.storeFlags(action.id, from, flags, replay, em);
    await this.storeStatus(action, replay.action, em);
    await this.storeMetSince(metrics, replay, em);
  }

  /** The flags raised since `from` go and come back at their replayed times; older ones keep their row. */
  private async storeFlags(actionId: string, from: Date, before: FlagEntity[], replay: OutcomeReplay, em: EntityManager): Promise<void> {
    await this.flags.deleteRaisedSince(actionId, from, em);
    const kept = replay.flags.filter((f) => f.id !== null);
    // Clears before re-openings, so two flags of a kind are never active at once on the way.
    kept.sort((a, b) => Number(a.clearedAt === null) - Number(b.clearedAt === null));
    for (const flag of kept) {
      const stored = before.find((f) => f.id === flag.id);
      if ((stored?.clearedAt?.getTime() ?? null) !== flag.clearedAt) await this.flags.setClearedAt(flag.id!, date(flag.clearedAt), em);
    }
    for (const flag of replay.flags.filter((f) => f.id === null)) {
      await this.flags.insert(actionId, { kind: flag.kind, reason: flag.reason, raisedAt: new Date(flag.raisedAt), clearedAt: date(flag.clearedAt) }, em);
    }
  }

  /** A verification made, moved to another check or withdrawn: one audit event for the net change. */
  private async storeStatus(action: ActionEntity, after: ReplayedAction, em: EntityManager): Promise<void> {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const compare = (field: string, from: unknown, to: unknown) => {
      if (from !== to) changes[field] = { from, to };
    };
    compare('status', action.status, after.status);
    compare('closedAt', iso(action.closedAt), iso(date(after.closedAt)));
    compare('statusChangedAt', iso(action.statusChangedAt), iso(new Date(after.statusChangedAt)));
    compare('verification', action.verification, after.verification);
    if (Object.keys(changes).length === 0) return;
    const now = new Date();
    Object.assign(action, {
      status: after.status,
      closedAt: date(after.closedAt),
      statusChangedAt: new Date(after.statusChangedAt),
      verification: after.verification,
      updatedAt: now,
    });
    await this.actions.update(action, em);
    // The audit trail records when the change was made; closedAt says which check made it.
    await this.events.append({ actionId: action.id, actor: SCORER_ACTOR, type: 'status_changed', changes, at: now }, em);
  }

  private async storeMetSince(metrics: SuccessMetricEntity[], replay: OutcomeReplay, em: EntityManager): Promise<void> {
    for (const metric of metrics) {
      const metSince = replay.metSince.find((m) => m.metricId === metric.id)?.metSince ?? null;
      if ((metric.metSince?.getTime() ?? null) !== metSince) await this.measuredState.setMetSince(metric.id, date(metSince), em);
    }
  }
}

function replayedAction(action: ActionEntity): ReplayedAction {
  return {
    status: action.status,
    dueAt: action.dueAt?.getTime() ?? null,
    statusChangedAt: action.statusChangedAt.getTime(),
    implementedAt: action.implementedAt?.getTime() ?? null,
    closedAt: action.closedAt?.getTime() ?? null,
    verification: action.verification,
  };
}

function date(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

function iso(value: Date | null): string | null {
  return value?.toISOString() ?? null;
}
