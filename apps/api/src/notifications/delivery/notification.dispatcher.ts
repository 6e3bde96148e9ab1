import { Inject, Injectable, Logger } from '@nestjs/common';
import { subscribedTargets } from '@app/domain';
import { NotificationDeliveryQueueRepository, type ClaimedDelivery } from '@app/persistence';
import { jsonBody } from '../format/json-body.formatter';
import { slackBody } from '../format/slack-body.formatter';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notification-settings';
import { retryDelayMs } from './backoff';
import { decideAfterAttempt } from './delivery-outcome';
import { webhookHeaders } from './webhook-headers';
import { WebhookSender } from './webhook.sender';
import { NotificationMetrics } from '../notification.metrics';

/**
 * One round of delivery: fan new outbox events out into deliveries for the configured targets,
 * then claim due deliveries (a row lease), POST them, and settle each: delivered on 2xx only —
 * after the answer, so a crash before it leaves the delivery to be retried — else retried with
 * backoff or given up.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger('NotificationDispatcher');

  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly deliveries: NotificationDeliveryQueueRepository,
    private readonly sender: WebhookSender,
    private readonly metrics: NotificationMetrics,
  ) {}

  /** Delivers what is due; returns the number of attempts made. */
  async dispatch(owner: string): Promise<number> {
    const { batchSize, leaseMs, webhooks } = this.settings;
    const targetsFor = (type: Parameters<typeof subscribedTargets>[1]) => subscribedTargets(webhooks, type);
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
}
