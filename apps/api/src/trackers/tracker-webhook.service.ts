import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@app/domain';
import { webhookEventOf, type WebhookHeaders } from '@app/trackers';
import { TrackerRegistry } from './tracker-registry';
import { TrackerStatusSync, type StatusSyncOutcome } from './tracker-status.sync';
import { webhookSigned } from './webhook-signature';

/**
 * A tracker's webhook delivery (docs/trackers.md, "Webhooks"): the tracker is named in the URL,
 * the signature of the raw body authenticates it (401 and nothing changes otherwise), and what it
 * tells is applied by the status sync, the same code a poll uses.
 */
@Injectable()
export class TrackerWebhookService {
  constructor(
    private readonly registry: TrackerRegistry,
    private readonly sync: TrackerStatusSync,
  ) {}

  /** `payload` is `rawBody` parsed, as the JSON body parser read it. */
  async receive(
    name: string,
    headers: WebhookHeaders,
    rawBody: Buffer | undefined,
    payload: unknown,
  ): Promise<StatusSyncOutcome> {
    const { config } = this.registry.get(name);
    const signed = await webhookSigned(config.type, config.webhookSecret.reveal(), rawBody ?? Buffer.alloc(0), headers);
    if (!signed)
      throw new DomainError(DomainErrorCode.Unauthenticated, `webhook: missing or bad signature for tracker ${name}`);
    const reading = webhookEventOf(config.type, headers, payload);
    if (reading.kind === 'ignored') return { outcome: 'ignored', reason: reading.reason };
    const title = issueTitleOf(config.type, payload);
    return this.sync.apply({
      tracker: name,
      deliveryId: reading.deliveryId,
      key: reading.key,
      event: reading.event,
      ...(title ? { title } : {}),
    });
  }
}

/** The issue's title as the delivery carries it (GitHub's `issue.title`, Jira's `issue.fields.summary`). */
function issueTitleOf(type: 'github' | 'jira', payload: unknown): string | undefined {
  const issue = (payload as { issue?: { title?: unknown; fields?: { summary?: unknown } } } | null)?.issue;
  const title = type === 'github' ? issue?.title : issue?.fields?.summary;
  return typeof title === 'string' && title.trim() !== '' ? title : undefined;
}
