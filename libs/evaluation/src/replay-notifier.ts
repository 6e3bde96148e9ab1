import { Injectable } from '@nestjs/common';
import { clearedKinds, flagChangeEvents, flagsChanged } from '@app/domain';
import {
  ActionRepository,
  EvaluationRepository,
  FlagRepository,
  NotificationOutboxRepository,
  TransactionRunner,
  type FlagEntity,
  type Tx,
} from '@app/persistence';

/** What receivers have heard of an action's flags before a scoring: its active flags. */
export interface ReplayStart {
  actionId: string;
  /** The active flags as receivers last heard of them. */
  active: FlagEntity[];
}

/**
 * Reports the net effect of a scoring on an action's flags, once (libs/domain `flagChangeEvents`);
 * a verification is reported with the change that makes it (OutcomeRecompute). Given the caller's
 * transaction it reads and writes in it (the scorer's own write), else in one of its own (after a
 * backfill).
 */
@Injectable()
export class ReplayNotifier {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly actions: ActionRepository,
    private readonly flags: FlagRepository,
    private readonly outbox: NotificationOutboxRepository,
    private readonly latestChecks: EvaluationRepository,
  ) {}

  async before(actionId: string, tx?: Tx): Promise<ReplayStart | null> {
    if (!(await this.actions.exists(actionId, tx))) return null;
    return this.beforeHeld(actionId, tx);
  }

  /** `before` for an action the caller has just read under its row lock: no need to ask whether it exists. */
  async beforeHeld(actionId: string, tx?: Tx): Promise<ReplayStart> {
    return { actionId, active: await this.flags.activeByActions([actionId], tx) };
  }

  async after(start: ReplayStart, tx?: Tx): Promise<void> {
    if (!tx) return this.transactions.run((own) => this.after(start, own));
    const active = await this.flags.activeByActions([start.actionId], tx);
    // Most scorings change no flag: then nothing more to read, not even the action (gone, it has no flags).
    if (!flagsChanged(start.active, active)) return;
    const action = await this.actions.findById(start.actionId, tx);
    if (!action) return;
    const latest = await this.flags.latestOfKinds(action.id, clearedKinds(start.active, active), tx);
    // Every event carries the metrics' latest reasons, read in this transaction: what the checks just written say.
    const evidence = await this.latestChecks.latestReasonsOfAction(action.id, tx);
    const events = flagChangeEvents(action, { heard: start.active, active, latest, now: new Date(), evidence });
    for (const event of events) await this.outbox.enqueue(event, tx);
  }
}
