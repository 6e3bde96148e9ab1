import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { FlagKind } from '@app/domain';
import { ActionRepository, FlagRepository, NotificationOutboxRepository, type FlagEntity } from '@app/persistence';
import { flagEvents, verifiedEvent } from './outcome-events';

/** What a scoring may change that a notification reports: the action's status and which kinds of flag are active. */
export interface ReplayStart {
  actionId: string;
  status: string;
  activeKinds: Set<FlagKind>;
  /** The active flags as receivers last heard of them. */
  active: FlagEntity[];
}

/**
 * A scoring that replays history raises and clears flags at their own past times, perhaps many
 * times over, and may re-create flag rows it had raised before; receivers want to hear what
 * changed, not the history. So this reports the net effect, once, comparing flags by kind: a kind
 * active now that was not before is raised, one active before and not now is cleared, and a
 * verification is a verification. Given the caller's EntityManager it reads and writes in the
 * caller's transaction (the scorer's own write), else in one of its own (after a backfill).
 */
@Injectable()
export class ReplayNotifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actions: ActionRepository,
    private readonly flags: FlagRepository,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  async before(actionId: string, em: EntityManager = this.dataSource.manager): Promise<ReplayStart | null> {
    const action = await this.actions.findById(actionId, em);
    if (!action) return null;
    const active = await this.flags.activeByActions([actionId], em);
    return { actionId, status: action.status, activeKinds: new Set(active.map((f) => f.kind)), active };
  }

  async after(start: ReplayStart, em?: EntityManager): Promise<void> {
    if (!em) return this.dataSource.transaction((tx) => this.after(start, tx));
    const action = await this.actions.findById(start.actionId, em);
    if (!action) return;
    const active = await this.flags.activeByActions([action.id], em);
    const activeKinds = new Set(active.map((f) => f.kind));
    const goneKinds = [...start.activeKinds].filter((kind) => !activeKinds.has(kind));
    const latest = await this.flags.latestOfKinds(action.id, goneKinds, em);
    // A flag the replay found never held (raised since the replayed time) has no row left: receivers
    // heard it raised, so they hear it cleared, now.
    const now = new Date();
    const cleared = goneKinds.map((kind) => {
      const row = latest.find((f) => f.kind === kind && f.clearedAt !== null);
      const heard = start.active.find((f) => f.kind === kind)!;
      return row ?? { ...heard, clearedAt: new Date(Math.max(now.getTime(), heard.raisedAt.getTime())) };
    });
    const events = [
      ...(action.status === 'verified' && start.status !== 'verified' ? [verifiedEvent(action)] : []),
      ...active.filter((f) => !start.activeKinds.has(f.kind)).flatMap((f) => flagEvents(action, 'flag.raised', f)),
      ...cleared.flatMap((f) => flagEvents(action, 'flag.cleared', f)),
    ];
    for (const event of events) await this.outbox.enqueue(event, em);
  }
}
