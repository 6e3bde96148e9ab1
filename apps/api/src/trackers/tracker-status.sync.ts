import { Injectable } from '@nestjs/common';
import type { ActionStatus } from '@app/domain';
import { TrackerDeliveryRepository, TrackerLinkRepository, TransactionRunner } from '@app/persistence';
import { statusChangeFor, type TrackerEvent } from '@app/trackers';
import { ActionChangeWriter } from '../actions/action-change.writer';
import { ActionFlagsRefresher } from '../actions/action-flags.refresher';

/** What a tracker's news about one issue did (the webhook's answer, a poll's report). */
export type StatusSyncOutcome =
  | { outcome: 'duplicate' }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'applied'; actionId: string; status: ActionStatus; moves: ActionStatus[] };

/** News about an issue: which delivery told it, which issue, what happened, and its title if known. */
export interface IssueNews {
  tracker: string;
  deliveryId: string;
  key: string;
  event: TrackerEvent;
  title?: string;
}

/**
 * Applies what a tracker says happened to an issue to the action linked to it (docs/trackers.md,
 * "Status"): the one home of webhooks and polls. In one transaction: the delivery is recorded (a
 * repeated one changes nothing), the linked action is locked, and the moves are written and
 * audited with the tracker as the actor, as a PATCH would write them.
 *
 * A webhook and a poll can tell the same change under different delivery ids. The link's recorded
 * state settles it: news that the issue is in the state the link already records was acted on
 * already (by the other path, or an earlier delivery), so it moves nothing and only refreshes
 * when the issue was seen. That check runs under the action's lock, so concurrent news of one
 * change (two replicas polling, a poll racing a webhook) moves the action once.
 */
@Injectable()
export class TrackerStatusSync {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly deliveries: TrackerDeliveryRepository,
    private readonly links: TrackerLinkRepository,
    private readonly writer: ActionChangeWriter,
    private readonly flags: ActionFlagsRefresher,
  ) {}

  async apply(news: IssueNews): Promise<StatusSyncOutcome> {
    const outcome = await this.transactions.run(async (tx): Promise<StatusSyncOutcome> => {
      // News of an issue not linked is not recorded: once linked, a redelivery of it is acted on.
      const found = await this.links.findByIssue(news.tracker, news.key, tx);
      if (!found) return { outcome: 'ignored', reason: `${news.key} is not linked to an action` };
      if (!(await this.deliveries.recordOnce(news.tracker, news.deliveryId, tx))) return { outcome: 'duplicate' };
      const action = await this.writer.lockAction(found.actionId, tx);
      // Read again under the lock: a concurrent sync of the same change has committed by now.
      const link = await this.links.findByIssue(news.tracker, news.key, tx);
      if (!action || !link || link.actionId !== action.id)
        return { outcome: 'ignored', reason: `${news.key} is not linked to an action` };
      const state = news.event.kind === 'closed' ? 'closed' : 'open';
      const moves = link.state === state ? [] : statusChangeFor(action.status, withinAction(news.event, action));
      const reason = `closed as not planned in ${news.tracker} (${news.key})`;
      const moved = await this.writer.applyMoves(action, moves, `tracker:${news.tracker}`, tx, reason);
      await this.links.seen(
        action.id,
        { url: link.url, title: news.title ?? link.title, state, seenAt: new Date() },
        tx,
      );
      return { outcome: 'applied', actionId: action.id, status: moved.status, moves: moves.map((m) => m.to) };
    });
    // Its flags as of now (none once closed), once the change has committed.
    if (outcome.outcome === 'applied' && outcome.moves.length > 0) await this.flags.refresh(outcome.actionId);
    return outcome;
  }
}

/**
 * The event's time, kept between the action's last move and now: a tracker's clock ahead of ours,
 * or an issue closed before the action was linked, must not give a move the workflow refuses as
 * out of order.
 */
function withinAction(event: TrackerEvent, action: { statusChangedAt: Date }): TrackerEvent {
  const earliest = action.statusChangedAt.getTime();
  const at = new Date(Math.min(Date.now(), Math.max(event.at.getTime(), earliest)));
  return { ...event, at };
}
