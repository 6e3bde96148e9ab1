import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { TrackersModule } from '../trackers/trackers.module';
import { NotificationDispatcher } from './delivery/notification.dispatcher';
import { WebhookSender } from './delivery/webhook.sender';
import { DigestService } from './digest/digest.service';
import { NotificationMetrics } from './notification.metrics';
import { NotificationScheduler } from './notification.scheduler';
import { NOTIFICATION_SETTINGS, notificationSettings } from './notification-settings';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Webhook notifications and tracker write-back: the delivery list, the digest trigger, and this process's dispatcher. */
@Module({
  imports: [PersistenceModule, TrackersModule],
  controllers: [NotificationsController],
  providers: [
    {
      provide: NOTIFICATION_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => notificationSettings(config),
    },
    NotificationsService,
    DigestService,
    WebhookSender,
    NotificationDispatcher,
    NotificationMetrics,
    NotificationScheduler,
  ],
})
export class NotificationsModule {}
