import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { parseDuration, type NotificationBody, type NotificationEventType } from '@app/domain';
import { ActionRepository, EvaluationRepository, TrackerLinkRepository } from '@app/persistence';
import { outcomeComment, outcomeMarker, outcomeOfEvent, stalledWhenLinked, TrackerError } from '@app/trackers';
import { TrackerRegistry } from '../tracker-registry';

/** An outbox event on its way to a tracker. */
export interface WrittenBackEvent {
  id: string;
  type: NotificationEventType;
  body: NotificationBody;
}

/**
 * One attempt to write an outcome back to the action's linked issue (docs/trackers.md, "What is
 * written back"): one comment, the `remediation:<outcome>` label and, for a regression of a closed
 * issue, a reopen. Every step can be repeated: the comment carries the event's marker and is only
 * made when the issue has none with it, adding a label twice keeps one, and only a closed issue is
 * reopened — so a retry after a failure or a crash between steps completes the write, once.
 * Failures are TrackerErrors; the outbox decides when to try again.
 */
@Injectable()
export class OutcomeWritebackService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: TrackerRegistry,
    private readonly links: TrackerLinkRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly actions: ActionRepository,
  ) {}

  /** Whether this process can write to the tracker of that name (it is configured). */
  writesTo(trackerName: string): boolean {
    return this.registry.find(trackerName) !== null;
  }

  async writeBack(trackerName: string, event: WrittenBackEvent): Promise<void> {
    const outcome = outcomeOfEvent(event.type, event.body);
    if (!outcome) return;
    const tracker = this.registry.find(trackerName);
    if (!tracker) throw new TrackerError(trackerName, 'refused', 'the tracker is no longer configured');
    const link = await this.links.findByAction(outcome.actionId);
    if (link?.tracker !== trackerName)
      throw new TrackerError(trackerName, 'refused', `action ${outcome.actionId} no longer links to an issue here`);
    if (outcome.outcome === 'stalled' && (await this.stalledWhenLinked(outcome.actionId, link.createdAt))) return;
    const { client } = tracker;
    const title = 'action' in event.body ? event.body.action.title : '';
    const metrics = await this.evaluations.latestMeasurementsOfAction(outcome.actionId);
    const { markdown, label } = outcomeComment(outcome.outcome, {
      action: { id: outcome.actionId, title },
      reason: outcome.reason,
      // Metrics carry no unit of their own: numbers are quoted bare.
      metrics: metrics.map((m) => ({ ...m, unit: null })),
      publicUrl: this.config.notifications.publicUrl,
    });
    const marker = outcomeMarker(event.id);
    if (!(await client.hasComment(link.issueKey, marker)))
      await client.comment(link.issueKey, `${markdown}\n\n${marker}`);
    await client.addLabel(link.issueKey, label);
    if (outcome.outcome !== 'regressed') return;
    const issue = await client.getIssue(link.issueKey);
    if (issue?.state === 'closed') await client.reopen(link.issueKey);
  }

  private async stalledWhenLinked(actionId: string, linkedAt: Date): Promise<boolean> {
    const action = await this.actions.findById(actionId);
    const stallAfterMs = parseDuration(this.config.scoring.stallAfter);
    return action !== null && stalledWhenLinked(action.statusChangedAt, stallAfterMs, linkedAt);
  }
}
