import { Injectable } from '@nestjs/common';
import {
  ActionRepository,
  EvaluationSlotRepository,
  MetricMeasuredStateRepository,
  ScoringLeaseRepository,
  TransactionRunner,
  type Tx,
} from '@app/persistence';
import type { CheckResult, ScoringThresholds } from '@app/scoring';
import { OutcomeRecompute } from './outcome-recompute';
import { ReplayNotifier } from './replay-notifier';
import { EMPTY_SUMMARY, type PassSummary, type ScoredCheck } from './scored-check';

export { SCORER_ACTOR } from './outcome-recompute';

export interface ActionWrite {
  actionId: string;
  at: Date;
  checks: ScoredCheck[];
  leaseOwner: string;
  thresholds: ScoringThresholds;
}

/**
 * Writes one action's checks and their consequences in one transaction, under the action's row
 * lock: the evaluations (a slot already scored by anyone is skipped, by the unique constraint;
 * an `error` one is replaced by a successful check), the frozen baseline, the released leases,
 * then the action-level outcome from the check time on (OutcomeRecompute), with the notification
 * events of its net effect (written here, so they commit with the change or not at all).
 * Every query goes through the transaction: the embedded database has one connection.
 */
@Injectable()
export class OutcomeWriter {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly actions: ActionRepository,
    private readonly evaluations: EvaluationSlotRepository,
    private readonly leases: ScoringLeaseRepository,
    private readonly measuredState: MetricMeasuredStateRepository,
    private readonly outcome: OutcomeRecompute,
    private readonly notifier: ReplayNotifier,
  ) {}

  /** A pass at `at`: its checks, `error` ones included, then the outcome from `at` on (later checks included when `at` is past). */
  write(request: ActionWrite): Promise<PassSummary> {
    return this.transactions.run(async (tx) => {
      const action = await this.actions.findByIdForUpdate(request.actionId, tx);
      // Deleted since the claim: its metrics and their leases went with it.
      if (!action) return { ...EMPTY_SUMMARY, skipped: request.checks.length };
      const start = await this.notifier.beforeHeld(action.id, tx);
      const summary = await this.recordChecks(request, true, tx);
      await this.outcome.recompute(
        action,
        { from: request.at, times: [request.at], thresholds: request.thresholds },
        tx,
      );
      await this.notifier.after(start, tx);
      return summary;
    });
  }

  /**
   * A replayed slot: its successful checks only — a fetch that failed writes nothing and is
   * counted as failed, so an outage today leaves history as it was. The outcome is decided once the
   * whole replay is written (`recompute`), not slot by slot.
   */
  record(request: Omit<ActionWrite, 'thresholds'>): Promise<PassSummary> {
    return this.transactions.run(async (tx) => {
      const action = await this.actions.findByIdForUpdate(request.actionId, tx);
      if (!action) return { ...EMPTY_SUMMARY, skipped: request.checks.length };
      return this.recordChecks(request, false, tx);
    });
  }

  /** The outcome from `from` on, after older checks arrived; the caller notifies the net effect. */
  recompute(actionId: string, from: Date, times: Date[], thresholds: ScoringThresholds): Promise<void> {
    return this.transactions.run(async (tx) => {
      const action = await this.actions.findByIdForUpdate(actionId, tx);
      if (action) await this.outcome.recompute(action, { from, times, thresholds }, tx);
    });
  }

  private async recordChecks(
    request: Pick<ActionWrite, 'at' | 'checks' | 'leaseOwner'>,
    keepErrors: boolean,
    tx: Tx,
  ): Promise<PassSummary> {
    let summary = EMPTY_SUMMARY;
    for (const check of request.checks) {
      const { metric, result } = check;
      if (result !== null && result.verdict === 'error' && !keepErrors) {
        summary = {
          ...summary,
          failed: summary.failed + 1,
          firstError: summary.firstError ?? { at: request.at, metricId: metric.id, error: result.error ?? 'error' },
        };
      } else {
        const id =
          result === null
            ? null
            : await this.evaluations.insertIfNew(
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
                  effectiveSamples: result.effectiveSamples,
                  samples: result.samples,
                  droppedSamples: result.droppedSamples,
                  error: result.error,
                  reason: result.reason,
                  durationMs: Math.max(0, Math.round(check.durationMs)),
                },
                tx,
              );
        if (id !== null && result !== null) {
          summary = {
            ...summary,
            scored: summary.scored + 1,
            errors: summary.errors + (result.verdict === 'error' ? 1 : 0),
          };
          await this.freezeMeasured(check, result, tx);
        } else summary = { ...summary, skipped: summary.skipped + 1 };
      }
      await this.leases.release(metric.id, request.leaseOwner, check.nextCheckAt, tx);
    }
    return summary;
  }

  /** What a check measured once and for all: the baseline, its model, the pre-fix value for this implementedAt. */
  private async freezeMeasured(check: ScoredCheck, result: CheckResult, tx: Tx): Promise<void> {
    const { metric } = check;
    if (result.measuredBaseline !== null && metric.baseline === null)
      await this.measuredState.recordMeasuredBaselineOnce(metric.id, result.measuredBaseline, tx);
    if (result.measuredModel !== null)
      await this.measuredState.recordBaselineModelOnce(metric.id, result.measuredModel, tx);
    if (result.preFixValue !== null && check.implementedAt !== null)
      await this.measuredState.setPreFixValue(metric.id, result.preFixValue, check.implementedAt, tx);
  }
}
