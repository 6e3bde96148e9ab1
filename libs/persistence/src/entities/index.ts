import { ActionEventEntity } from './action-event.entity';
import { ActionEntity } from './action.entity';
import { ApiKeyEntity } from './api-key.entity';
import { EvaluationEntity } from './evaluation.entity';
import { FlagEntity } from './flag.entity';
import { PostmortemEntity } from './postmortem.entity';
import { SuccessMetricEntity } from './success-metric.entity';
import { OtlpSeriesEntity } from './otlp-series.entity';
import { OtlpPointEntity } from './otlp-point.entity';
import { NotificationEventEntity } from './notification-event.entity';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { TrackerDeliveryEntity } from './tracker-delivery.entity';
import { TrackerLinkEntity } from './tracker-link.entity';
import { PostmortemEventEntity } from './postmortem-event.entity';
import { PublicationEntity } from './publication.entity';

export * from './action-event.entity';
export * from './action.entity';
export * from './api-key.entity';
export * from './evaluation.entity';
export * from './flag.entity';
export * from './postmortem.entity';
export * from './success-metric.entity';
export * from './otlp-series.entity';
export * from './otlp-point.entity';
export * from './notification-event.entity';
export * from './notification-delivery.entity';
export * from './tracker-delivery.entity';
export * from './tracker-link.entity';
export * from './postmortem-event.entity';
export * from './publication.entity';

export const ENTITIES = [
  PostmortemEntity,
  ActionEntity,
  ActionEventEntity,
  SuccessMetricEntity,
  FlagEntity,
  ApiKeyEntity,
  EvaluationEntity,
  OtlpSeriesEntity,
  OtlpPointEntity,
  NotificationEventEntity,
  NotificationDeliveryEntity,
  TrackerLinkEntity,
  TrackerDeliveryEntity,
  PostmortemEventEntity,
  PublicationEntity,
];
