import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '@app/observability';

export type AttemptOutcome = 'delivered' | 'retry' | 'failed';

/** remediation_notifications_* on GET /metrics; labelled by target name (an operator's word, never a person). */
@Injectable()
export class NotificationMetrics {
  private readonly attempts: Counter<'target' | 'outcome'>;

  constructor(metrics: MetricsRegistry) {
    this.attempts = new Counter({
      name: 'remediation_notifications_attempts_total',
      help: 'Webhook delivery attempts, by target and outcome (delivered, retry scheduled, failed for good)',
      labelNames: ['target', 'outcome'],
      registers: [metrics.registry],
    });
  }

  attempted(target: string, outcome: AttemptOutcome): void {
    this.attempts.inc({ target, outcome });
  }
}
