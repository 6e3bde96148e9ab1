import { Inject, Injectable, Logger } from '@nestjs/common';
import { subscribedTargets } from '@app/domain';
import { NotificationDeliveryQueueRepository, type ClaimedDelivery, type FannedOutEvent } from '@app/persistence';
import { outcomeOfEvent, TrackerError } from '@app/trackers';
import { OutcomeWritebackService } from '../../trackers/writeback/outcome-writeback.service';
import { jsonBody } from '../format/json-body.formatter';
import { slackBody } from '../format/slack-body.formatter';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notification-settings';
import { retryDelayMs, trackerRetryDelayMs } from './backoff';
import { decideAfterAttempt, decideAfterTrackerFailure, type DeliveryDecision } from './delivery-outcome';
import { webhookHeaders } from './webhook-headers';
import { WebhookSender } from './webhook.sender';
import { NotificationMetrics } from '../notification.metrics';

/** A delivery whose target is this names a configured tracker: the outcome written back to the issue. */
const TRACKER_TARGET = 'tracker:';

/**
 * One round of delivery: fan new outbox events out into deliveries for the configured targets —
 * the webhooks subscribed to the event, and the tracker of the action's linked issue when the event
 * is an outcome written back (docs/trackers.md) — then claim due deliveries (a row lease), attempt
 * them (POST, or the tracker write), and settle each: delivered on success only — after it, so a
 * crash before leaves the delivery to be retried — else retried with backoff or given up.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger('NotificationDispatcher');

  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly deliveries: NotificationDeliveryQueueRepository,
    private readonly sender: WebhookSender,
    private readonly metrics: NotificationMetrics,
    private readonly writeback: OutcomeWritebackService,
  ) {}

  /** Delivers what is due; returns the number of attempts made. */
  async dispatch(owner: string): Promise<number> {
    const { batchSize, leaseMs, webhooks } = this.settings;
    const targetsFor = (event: FannedOutEvent) => [
      ...subscribedTargets(webhooks, event.type),
      ...(event.linkedTracker && this.writeback.writesTo(event.linkedTracker) && outcomeOfEvent(event.type, event.body)
        ? [TRACKER_TARGET + event.linkedTracker]
        : []),
    ];
    // A full batch of events means more may wait.
    for (let fanned = batchSize; fanned === batchSize;) fanned = await this.deliveries.fanOut(targetsFor, batchSize);
    let attempts = 0;
    for (;;) {
      const batch = await this.deliveries.claim(owner, leaseMs, batchSize);
      await Promise.all(batch.map((d) => this.attempt(d, owner)));
      attempts += batch.length;
      if (batch.length < batchSize) return attempts;
    }
  }

  private async attempt(delivery: ClaimedDelivery, owner: string): Promise<void> {
    if (delivery.target.startsWith(TRACKER_TARGET)) return this.attemptTracker(delivery, owner);
    const target = this.settings.webhooks.find((w) => w.name === delivery.target);
    if (!target) {
      // The target was removed from the configuration after the event was fanned out.
      await this.deliveries.attemptFailed(delivery.id, owner, {
        status: null,
        error: 'target no longer configured',
        retryInMs: null,
      });
      this.metrics.attempted(delivery.target, 'failed');
      return;
    }
    const event = { ...delivery.event };
    const body =
      target.format === 'slack' ? slackBody(event, this.settings.publicUrl) : jsonBody(event, this.settings.publicUrl);
    const headers = webhookHeaders({
      eventId: event.id,
      eventType: event.type,
      deliveryId: delivery.id,
      attempt: delivery.attempt,
      timestamp: Math.floor(Date.now() / 1000),
      body,
      secret: target.secret,
      extra: target.headers,
    });
    const result = await this.sender.send(target.url, body, headers, target.timeoutMs);
    const decision = decideAfterAttempt(result.status, delivery.attempt, this.settings.maxAttempts);
    if (decision.kind === 'delivered') {
      await this.deliveries.delivered(delivery.id, result.status!);
      this.metrics.attempted(target.name, 'delivered');
      return;
    }
    const retryInMs =
      decision.kind === 'retry'
        ? retryDelayMs(delivery.attempt, this.settings.backoffBaseMs, this.settings.backoffMaxMs)
        : null;
    const error = decision.kind === 'give_up' ? `${result.error} (gave up: ${decision.why})` : result.error!;
    await this.deliveries.attemptFailed(delivery.id, owner, { status: result.status, error, retryInMs });
    this.metrics.attempted(target.name, decision.kind === 'retry' ? 'retry' : 'failed');
    if (decision.kind === 'give_up')
      this.logger.warn(`delivery ${delivery.id} of event ${event.id} to ${target.name} failed: ${error}`);
  }

  private async attemptTracker(delivery: ClaimedDelivery, owner: string): Promise<void> {
    const tracker = delivery.target.slice(TRACKER_TARGET.length);
    try {
      await this.writeback.writeBack(tracker, delivery.event);
      await this.deliveries.delivered(delivery.id, null);
      this.metrics.attempted(delivery.target, 'delivered');
      return;
    } catch (err) {
      // Anything but the tracker's own refusal (the database, a network fault below the client) may pass.
      const failure = err instanceof TrackerError ? err : { retriable: true, kind: 'error', retryAfterMs: undefined };
      const decision = decideAfterTrackerFailure(failure, delivery.attempt, this.settings.maxAttempts);
      await this.failed(delivery, owner, decision, (err as Error).message, failure.retryAfterMs);
    }
  }

  /** Settles a failed tracker attempt; a tracker's Retry-After is waited out even past the backoff. */
  private async failed(
    delivery: ClaimedDelivery,
    owner: string,
    decision: DeliveryDecision,
    message: string,
    retryAfterMs: number | undefined,
  ): Promise<void> {
    const { backoffBaseMs, backoffMaxMs } = this.settings;
    const retryInMs =
      decision.kind === 'retry'
        ? trackerRetryDelayMs(delivery.attempt, backoffBaseMs, backoffMaxMs, retryAfterMs)
        : null;
    const error = decision.kind === 'give_up' ? `${message} (gave up: ${decision.why})` : message;
    await this.deliveries.attemptFailed(delivery.id, owner, { status: null, error, retryInMs });
    this.metrics.attempted(delivery.target, decision.kind === 'retry' ? 'retry' : 'failed');
    if (decision.kind === 'give_up')
      this.logger.warn(
        `write-back ${delivery.id} of event ${delivery.event.id} to ${delivery.target} failed: ${error}`,
      );
  }
}
