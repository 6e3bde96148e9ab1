import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { changeStatus, checkTransition, type StatusFields } from '@app/domain';
import {
  ActionEntity,
  ActionEventRepository,
  ActionRepository,
  EvaluationRepository,
  FlagRepository,
  NotificationOutboxRepository,
  ScoringLeaseRepository,
  type FlagEntity,
  type OutboxEvent,
  SuccessMetricRepository,
  type EvaluationTrackRow,
  type SuccessMetricEntity,
} from '@app/persistence';
import { actionOutcome, parseDuration, type ActionOutcome, type MetricTrack, type ScoringThresholds } from '@app/scoring';
import { flagEvents, verifiedEvent } from './outcome-events';
import type { PassSummary, ScoredCheck } from './scored-check';

type Notify = (event: OutboxEvent) => Promise<unknown>;

/** The actor of every change the scorer makes, in the audit trail. */
export const SCORER_ACTOR = 'scorer';

export interface ActionWrite {
  actionId: string;
  at: Date;
  checks: ScoredCheck[];
  leaseOwner: string;
  thresholds: ScoringThresholds;
  /**
   * false for a replayed check: its verification and flags are recorded at their own time, but the
   * replay notifies only its net effect once it is over (see ReplayNotifier), so a backfill over
   * months does not send every flag it raised and cleared along the way.
   */
  notify: boolean;
}

/**
 * Writes one action's checks and their consequences in one transaction, under the action's row
 * lock: the evaluations (a slot already scored by anyone is skipped, by the unique constraint),
 * the frozen baseline and met streak, the released leases, then the action-level outcome — verify,
 * raise and clear flags — computed from the metrics' tracks as of the check time, with the
 * notification events they cause (written here, so they commit with the change or not at all).
 * Every query goes through the transaction's EntityManager: the embedded database has one connection.
 */
@Injectable()
export class OutcomeWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actions: ActionRepository,
    private readonly metrics: SuccessMetricRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly leases: ScoringLeaseRepository,
    private readonly flags: FlagRepository,
    private readonly events: ActionEventRepository,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  write(request: ActionWrite): Promise<PassSummary> {
    return this.dataSource.transaction(async (em) => {
      const action = await this.actions.findByIdForUpdate(request.actionId, em);
      // Deleted since the claim: its metrics and their leases went with it.
      if (!action) return { scored: 0, skipped: request.checks.length, errors: 0 };
      const summary = await this.recordChecks(request, em);
      await this.applyOutcome(action, request, em);
      return summary;
    });
  }

  private async recordChecks(request: ActionWrite, em: EntityManager): Promise<PassSummary> {
    const summary: PassSummary = { scored: 0, skipped: 0, errors: 0 };
    for (const check of request.checks) {
      const { metric, result } = check;
      const id = result === null ? null : await this.evaluations.insertIfNew(
        {
          metricId: metric.id,
          actionId: metric.actionId,
          slot: check.slot,
          at: request.at,
          windowStart: new Date(result.windowStart),
          windowEnd: new Date(result.windowEnd),
          value: result.value,
          baseline: result.baseline,
          goal: result.goal,
          progress: result.progress,
          verdict: result.verdict,
          pValue: result.pValue,
          samples: result.samples,
          droppedSamples: result.droppedSamples,
          error: result.error,
          durationMs: Math.max(0, Math.round(check.durationMs)),
        },
        em,
      );
      if (id !== null && result !== null) {
        summary.scored++;
        if (result.verdict === 'error') summary.errors++;
        if (result.measuredBaseline !== null && metric.baseline === null) await this.leases.freezeBaseline(metric.id, result.measuredBaseline, em);
        const metSince = result.metSince === null ? null : new Date(result.metSince);
        await this.leases.recordMetSince(metric.id, metSince, request.at, em);
      } else summary.skipped++;
      await this.leases.release(metric.id, request.leaseOwner, check.nextCheckAt, em);
    }
    return summary;
  }

  private async applyOutcome(action: ActionEntity, request: ActionWrite, em: EntityManager): Promise<void> {
    const { at, thresholds } = request;
    const metrics = await this.metrics.listByActions([action.id], em);
    const depth = Math.max(3, thresholds.regressionChecks);
    const rows = await this.evaluations.tracks(
      metrics.map((m) => m.id),
      at,
      new Date(at.getTime() - thresholds.stallAfterMs),
      depth,
      em,
    );
    const active = await this.flags.activeByActions([action.id], em);
    const outcome = actionOutcome({
      at: at.getTime(),
      action: {
        status: action.status,
        dueAt: action.dueAt?.getTime() ?? null,
        statusChangedAt: action.statusChangedAt.getTime(),
        implementedAt: action.implementedAt?.getTime() ?? null,
        verifiedAt: action.status === 'verified' ? (action.closedAt?.getTime() ?? null) : null,
        activeFlags: active.map((f) => f.kind),
      },
      metrics: metrics.map((m) => ({
        spec: { sustainForMs: parseDuration(m.sustainFor), verifyWithinMs: parseDuration(m.verifyWithin) },
        track: toTrack(m, rows.find((r) => r.metricId === m.id)),
      })),
      thresholds,
    });
    const notify = request.notify ? (event: OutboxEvent) => this.outbox.enqueue(event, em) : async () => null;
    if (outcome.verify) await this.verify(action, metrics.length, at, notify, em);
    await this.applyFlags(action, outcome, active, at, notify, em);
  }

  /** status → verified by telemetry, closed at the check's time (a replayed check verifies at its own time). */
  private async verify(action: ActionEntity, metricCount: number, at: Date, notify: Notify, em: EntityManager): Promise<void> {
    if (action.status !== 'implemented') return;
    if (!checkTransition(action.status, 'verified', { actor: 'scorer', metricCount, hasNote: false }).ok) return;
    const before = statusFields(action);
    const after = changeStatus(before, 'verified', { at, verification: 'telemetry' });
    const now = new Date();
    Object.assign(action, after, { updatedAt: now });
    await this.actions.update(action, em);
    await this.events.append(
      {
        actionId: action.id,
        actor: SCORER_ACTOR,
        type: 'status_changed',
        changes: {
          status: { from: before.status, to: after.status },
          closedAt: { from: iso(before.closedAt), to: iso(after.closedAt) },
          statusChangedAt: { from: iso(before.statusChangedAt), to: iso(after.statusChangedAt) },
          verification: { from: before.verification, to: after.verification },
        },
        // The audit trail records when the change was made; closedAt says which check made it.
        at: now,
      },
      em,
    );
    await notify(verifiedEvent(action));
  }

  /** Raises what holds and is not raised yet, clears what is raised and no longer holds, at the check's time. */
  private async applyFlags(action: ActionEntity, outcome: ActionOutcome, active: FlagEntity[], at: Date, notify: Notify, em: EntityManager): Promise<void> {
    for (const decision of outcome.flags) {
      const raised = active.find((f) => f.kind === decision.kind);
      if (decision.active && !raised) {
        await this.flags.raise(action.id, decision.kind, decision.reason, at, em);
        for (const event of flagEvents(action, 'flag.raised', { kind: decision.kind, reason: decision.reason, raisedAt: at, clearedAt: null })) await notify(event);
      } else if (!decision.active && raised) {
        await this.flags.clear(action.id, decision.kind, at, em);
        // As FlagRepository.clear stores it: never before the raise.
        const clearedAt = new Date(Math.max(raised.raisedAt.getTime(), at.getTime()));
        for (const event of flagEvents(action, 'flag.cleared', { kind: raised.kind, reason: raised.reason, raisedAt: raised.raisedAt, clearedAt })) await notify(event);
      }
    }
  }
}

function toTrack(metric: Pick<SuccessMetricEntity, 'id' | 'name' | 'metSince'>, row: EvaluationTrackRow | undefined): MetricTrack {
  return {
    metricId: metric.id,
    name: metric.name,
    metSince: metric.metSince?.getTime() ?? null,
    recentVerdicts: row?.recentVerdicts ?? [],
    recentSuccessful: (row?.recentSuccessful ?? []).map((s) => ({ at: s.at.getTime(), verdict: s.verdict, progress: s.progress })),
    bestProgressRecent: row?.bestProgressRecent ?? null,
    bestProgressBefore: row?.bestProgressBefore ?? null,
    latestProgress: row?.latestProgress ?? null,
  };
}

function statusFields(action: ActionEntity): StatusFields {
  const { status, implementedAt, closedAt, statusChangedAt, verification, verificationNote } = action;
  return { status, implementedAt, closedAt, statusChangedAt, verification, verificationNote };
}

function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
