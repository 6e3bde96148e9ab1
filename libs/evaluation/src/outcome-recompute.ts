import { Injectable } from '@nestjs/common';
import { verifies, verifyByTelemetry } from '@app/domain';
import {
  ActionEntity,
  ActionEventRepository,
  ActionRepository,
  EvaluationHistoryRepository,
  EvaluationRepository,
  FlagRepository,
  MetricMeasuredStateRepository,
  NotificationOutboxRepository,
  SuccessMetricRepository,
  type FlagEntity,
  type SuccessMetricEntity,
  type Tx,
} from '@app/persistence';
import {
  replayOutcome,
  trackDepth,
  type CheckRecord,
  type OutcomeReplay,
  type ReplayedAction,
  type ScoringThresholds,
} from '@app/scoring';
import { preFixOf } from './pre-fix';

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
    private readonly outbox: NotificationOutboxRepository,
    private readonly latestChecks: EvaluationRepository,
  ) {}

  async recompute(action: ActionEntity, request: RecomputeRequest, tx: Tx): Promise<void> {
    const { from, thresholds } = request;
    const metrics = await this.metrics.listByActions([action.id], tx);
    const ids = metrics.map((m) => m.id);
    const priorEnd = new Date(from.getTime() - thresholds.stallAfterMs);
    // One after the other: the embedded database has one connection.
    const prior = await this.evaluations.priorChecks(ids, priorEnd, trackDepth(thresholds.regressionChecks), tx);
    const checks = await this.evaluations.checksSince(ids, priorEnd, tx);
    const flags = await this.flags.openAtOrAfter(action.id, from, tx);
    const replay = replayOutcome({
      from: from.getTime(),
      times: request.times.map((t) => t.getTime()),
      action: replayedAction(action),
      flags: flags.map((f) => ({
        id: f.id,
        kind: f.kind,
        reason: f.reason,
        raisedAt: f.raisedAt.getTime(),
        clearedAt: f.clearedAt?.getTime() ?? null,
      })),
      metrics: metrics.map((m) => {
        const summary = prior.find((p) => p.metricId === m.id);
        return {
          metricId: m.id,
          name: m.name,
          definition: m,
          prior: {
            metSince: summary?.metSince?.getTime() ?? null,
            recentVerdicts: summary?.recentVerdicts ?? [],
            recentSuccessful: (summary?.recentSuccessful ?? []).map((s) => ({
              at: s.at.getTime(),
              verdict: s.verdict,
              progress: s.progress,
            })),
            bestProgress: summary?.bestProgress ?? null,
            latestProgress: summary?.latestProgress ?? null,
          },
          checks: checks
            .filter((c) => c.metricId === m.id)
            .map((c): CheckRecord => ({ at: c.at.getTime(), verdict: c.verdict, progress: c.progress })),
          preFix: preFixOf(m, action.implementedAt),
        };
      }),
      thresholds,
    });
    await this.storeFlags(action.id, from, flags, replay, tx);
    await this.storeStatus(action, replay.action, tx);
    await this.storeMetSince(metrics, replay, tx);
  }

  /** The flags raised since `from` go and come back at their replayed times; older ones keep their row. */
  private async storeFlags(
    actionId: string,
    from: Date,
    before: FlagEntity[],
    replay: OutcomeReplay,
    tx: Tx,
  ): Promise<void> {
    await this.flags.deleteRaisedSince(actionId, from, tx);
    const kept = replay.flags.filter((f) => f.id !== null);
    // Clears before re-openings, so two flags of a kind are never active at once on the way.
    kept.sort((a, b) => Number(a.clearedAt === null) - Number(b.clearedAt === null));
    for (const flag of kept) {
      const stored = before.find((f) => f.id === flag.id);
      if ((stored?.clearedAt?.getTime() ?? null) !== flag.clearedAt)
        await this.flags.setClearedAt(flag.id!, date(flag.clearedAt), tx);
    }
    for (const flag of replay.flags.filter((f) => f.id === null)) {
      await this.flags.insert(
        actionId,
        { kind: flag.kind, reason: flag.reason, raisedAt: new Date(flag.raisedAt), clearedAt: date(flag.clearedAt) },
        tx,
      );
    }
  }

  /**
   * A verification made, moved to another check or withdrawn: one audit event for the net change,
   * and `action.verified` in the same transaction when the checks verify the action.
   */
  private async storeStatus(action: ActionEntity, after: ReplayedAction, tx: Tx): Promise<void> {
    const verdict = {
      status: after.status,
      closedAt: date(after.closedAt),
      statusChangedAt: new Date(after.statusChangedAt),
      verification: after.verification,
    };
    // The metrics' latest reasons travel with action.verified; read only when there is one to send.
    const evidence = verifies(action, verdict) ? await this.latestChecks.latestReasonsOfAction(action.id, tx) : [];
    const outcome = verifyByTelemetry(action, verdict, new Date(), evidence);
    if (outcome.audit.length === 0) return;
    await this.actions.update(outcome.action, tx);
    for (const entry of outcome.audit)
      await this.events.append({ actionId: action.id, actor: SCORER_ACTOR, ...entry }, tx);
    for (const event of outcome.events) await this.outbox.enqueue(event, tx);
  }

  private async storeMetSince(metrics: SuccessMetricEntity[], replay: OutcomeReplay, tx: Tx): Promise<void> {
    for (const metric of metrics) {
      const metSince = replay.metSince.find((m) => m.metricId === metric.id)?.metSince ?? null;
      if ((metric.metSince?.getTime() ?? null) !== metSince)
        await this.measuredState.setMetSince(metric.id, date(metSince), tx);
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
