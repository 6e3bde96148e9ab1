import { ActionRepository } from './action.repository';
import { ActionEventRepository } from './action-event.repository';
import { SuccessMetricRepository } from './success-metric.repository';
import { FlagRepository } from './flag.repository';
import { ApiKeyRepository } from './api-key.repository';
import { PostmortemRepository } from './postmortem.repository';
import { ReportRepository } from './report.repository';
import { EvaluationRepository } from './evaluation.repository';
import { ScoringLeaseRepository } from './scoring-lease.repository';
import { OtlpSeriesRepository } from './otlp-series.repository';
import { OtlpPointRepository } from './otlp-point.repository';
import { BurndownRepository } from './burndown.repository';
import { SummaryReportRepository } from './summary-report.repository';
import { NotificationOutboxRepository } from './notification-outbox.repository';
import { NotificationDeliveryRepository } from './notification-delivery.repository';
import { DigestRepository } from './digest.repository';

export * from './action.repository';
export * from './action-event.repository';
export * from './keyset-page';
export * from './success-metric.repository';
export * from './flag.repository';
export * from './api-key.repository';
export * from './postmortem.repository';
export * from './report.repository';
export * from './evaluation.repository';
export * from './scoring-lease.repository';
export * from './otlp-series.repository';
export * from './otlp-point.repository';
export * from './burndown.repository';
export * from './summary-report.repository';
export * from './notification-outbox.repository';
export * from './notification-delivery.repository';
export * from './digest.repository';

/** Every repository, provided and exported by PersistenceModule. */
export const REPOSITORIES = [
  ApiKeyRepository,
  PostmortemRepository,
  ReportRepository,
  ActionRepository,
  ActionEventRepository,
  SuccessMetricRepository,
  FlagRepository,
  EvaluationRepository,
  ScoringLeaseRepository,
  OtlpSeriesRepository,
  OtlpPointRepository,
  BurndownRepository,
  SummaryReportRepository,
  NotificationOutboxRepository,
  NotificationDeliveryRepository,
  DigestRepository,
];
