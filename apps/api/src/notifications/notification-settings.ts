import type { AppConfig, WebhookConfig } from '@app/config';
import { parseDuration } from '@app/domain';
import type { DigestSchedule } from './digest/digest-week';

/** The notifications section of the configuration, with its durations in milliseconds. */
export interface NotificationSettings {
  enabled: boolean;
  publicUrl: string | null;
  pollEveryMs: number;
  batchSize: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  leaseMs: number;
  digest: DigestSchedule & { enabled: boolean };
  webhooks: readonly WebhookConfig[];
}

export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');

export function notificationSettings(config: Pick<AppConfig, 'notifications'>): NotificationSettings {
  const n = config.notifications;
  return {
    enabled: n.enabled,
    publicUrl: n.publicUrl,
    pollEveryMs: parseDuration(n.pollEvery),
    batchSize: n.batchSize,
    maxAttempts: n.maxAttempts,
    backoffBaseMs: parseDuration(n.backoffBase),
    backoffMaxMs: parseDuration(n.backoffMax),
    leaseMs: parseDuration(n.leaseFor),
    digest: { ...n.digest },
    webhooks: n.webhooks,
  };
}
