import { Injectable } from '@nestjs/common';
import { flagEvents, type FlagKind } from '@app/domain';
import { ActionRepository, FlagRepository, NotificationOutboxRepository, TransactionRunner, type FlagEntity, type Tx } from '@app/persistence';

/** What a scoring may change that a flag notification reports: which kinds of flag are active. */
export interface ReplayStart {
  actionId: string;
  activeKinds: Set<FlagKind>;
  /** The active flags as receivers last heard of them. */
  active: FlagEntity[];
}

/**
 * A scoring that replays history raises and clears flags at their own past times, perhaps many
 * times over, and may re-create flag rows it had raised before; receivers want to hear what
 * changed, not the history. So this reports the net effect, once, comparing flags by kind: a kind
 * active now that was not before is raised, one active before and not now is cleared. (A
 * verification is reported with the change that makes it, see OutcomeRecompute.) Given the
 * caller's transaction it reads and writes in it (the scorer's own write), else in one of its own
 * (after a backfill).
 */
@Injectable()
export class ReplayNotifier {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly actions: ActionRepository,
    private readonly flags: FlagRepository,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  async before(actionId: string, tx?: Tx): Promise<ReplayStart | null> {
    if (!(await this.actions.exists(actionId, tx))) return null;
    const active = await this.flags.activeByActions([actionId], tx);
    return { actionId, activeKinds: new Set(active.map((f) => f.kind)), active };
  }

  async after(start: ReplayStart, tx?: Tx): Promise<void> {
    if (!tx) return this.transactions.run((own) => this.after(start, own));
    const action = await this.actions.findById(start.actionId, tx);
    if (!action) return;
    const active = await this.flags.activeByActions([action.id], tx);
    const activeKinds = new Set(active.map((f) => f.kind));
    const goneKinds = [...start.activeKinds].filter((kind) => !activeKinds.has(kind));
    const latest = await this.flags.latestOfKinds(action.id, goneKinds, tx);
    // A flag the replay found never held (raised since the replayed time) has no row left: receivers
    // heard it raised, so they hear it cleared, now.
    const now = new Date();
    const cleared = goneKinds.map((kind) => {
      const row = latest.find((f) => f.kind === kind && f.clearedAt !== null);
      const heard = start.active.find((f) => f.kind === kind)!;
      return row ?? { ...heard, clearedAt: new Date(Math.max(now.getTime(), heard.raisedAt.getTime())) };
    });
    const events = [
      ...active.filter((f) => !start.activeKinds.has(f.kind)).flatMap((f) => flagEvents(action, 'flag.raised', f)),
      ...cleared.flatMap((f) => flagEvents(action, 'flag.cleared', f)),
    ];
    for (const event of events) await this.outbox.enqueue(event, tx);
  }
}
