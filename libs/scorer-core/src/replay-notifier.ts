import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionRepository, FlagRepository, NotificationOutboxRepository } from '@app/persistence';
import { flagEvents, verifiedEvent } from './outcome-events';

/** What a replay may change that a notification reports: the action's status and its active flags. */
export interface ReplayStart {
  actionId: string;
  status: string;
  activeFlagIds: Set<string>;
}

/**
 * A replay over history raises and clears flags at their own past times, perhaps many times over;
 * receivers want to hear what changed, not the history. So a replay is scored without
 * notifications, and afterwards this reports its net effect, once: a flag active now that was not
 * before is raised, one active before and cleared now is cleared, and a verification is a verification.
 */
@Injectable()
export class ReplayNotifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actions: ActionRepository,
    private readonly flags: FlagRepository,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  async before(actionId: string): Promise<ReplayStart | null> {
    const action = await this.actions.findById(actionId);
    if (!action) return null;
    const active = await this.flags.activeByActions([actionId]);
    return { actionId, status: action.status, activeFlagIds: new Set(active.map((f) => f.id)) };
  }

  /** Writes the net effect's events in one transaction. */
  async after(start: ReplayStart): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const action = await this.actions.findById(start.actionId, em);
      if (!action) return;
      const active = await this.flags.activeByActions([action.id], em);
      const activeIds = new Set(active.map((f) => f.id));
      const cleared = await this.flags.findByIds([...start.activeFlagIds].filter((id) => !activeIds.has(id)), em);
      const events = [
        ...(action.status === 'verified' && start.status !== 'verified' ? [verifiedEvent(action)] : []),
        ...active.filter((f) => !start.activeFlagIds.has(f.id)).flatMap((f) => flagEvents(action, 'flag.raised', f)),
        ...cleared.filter((f) => f.clearedAt !== null).flatMap((f) => flagEvents(action, 'flag.cleared', f)),
      ];
      for (const event of events) await this.outbox.enqueue(event, em);
    });
  }
}
