import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { editAction, movesDefaultBaselineWindow, type ActionOutcome, type DatedTransition } from '@app/domain';
import {
  ActionEventRepository,
  ActionRepository,
  NotificationOutboxRepository,
  SuccessMetricRepository,
  type ActionEntity,
  type Tx,
} from '@app/persistence';

/**
 * Saves a change to an action inside the caller's transaction, the caller holding the action's
 * row lock: the action, one audit event per entry (by `actor`), the baselines a moved window
 * invalidates, and the outbox events. Whoever changes an action (a PATCH, a tracker) writes it
 * here, so every change is audited and notified the same way.
 */
@Injectable()
export class ActionChangeWriter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actions: ActionRepository,
    private readonly metrics: SuccessMetricRepository,
    private readonly events: ActionEventRepository,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  /** The action, locked until the transaction ends; null when there is none. */
  lockAction(id: string, tx: Tx): Promise<ActionEntity | null> {
    return this.actions.findByIdForUpdate(id, tx);
  }

  /** Writes the outcome of an edit; false when it changed nothing. */
  async save(outcome: ActionOutcome, actor: string, tx: Tx): Promise<boolean> {
    if (outcome.audit.length === 0) return false;
    const id = outcome.action.id;
    await this.actions.update(outcome.action, tx);
    for (const entry of outcome.audit) await this.events.append({ actionId: id, actor, ...entry }, tx);
    if (outcome.audit.some((entry) => movesDefaultBaselineWindow(entry.changes)))
      await this.metrics.resetDefaultWindowBaselines(id, tx);
    // A manual verification is an event like a telemetry one, written in the same transaction.
    for (const event of outcome.events) await this.outbox.enqueue(event, tx);
    return true;
  }

  /**
   * Moves the locked action along the workflow, one audited move per transition, each dated at
   * its own time (an event that happened elsewhere, earlier). `reason` goes with a move to
   * wont_fix. Returns the action as it ends.
   */
  async applyMoves(
    action: ActionEntity,
    moves: readonly DatedTransition[],
    actor: string,
    tx: Tx,
    reason?: string,
  ): Promise<ActionEntity> {
    let current = action;
    const now = new Date();
    for (const move of moves) {
      const outcome = editAction(
        current,
        {
          status: move.to,
          ...(move.implementedAt ? { implementedAt: move.implementedAt } : {}),
          ...(move.to === 'wont_fix' && reason ? { reason } : {}),
        },
        // A tracker never verifies, so the metric count is never read.
        { now: move.at, sloDays: this.config.remediationSlo, metricCount: 0 },
      );
      // The row changed now, whenever the move it records happened.
      const saved = { ...outcome, action: { ...outcome.action, updatedAt: now } };
      await this.save(saved, actor, tx);
      current = saved.action as ActionEntity;
    }
    return current;
  }
}
