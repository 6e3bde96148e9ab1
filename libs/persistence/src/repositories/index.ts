import { TrackerDeliveryRepository } from './tracker-delivery.repository';
import { TrackerLinkRepository } from './tracker-link.repository';
import { ActionRepository } from './action.repository';
import { ActionEventRepository } from './action-event.repository';
import { ApiKeyRepository } from './api-key.repository';
import { BurndownRepository } from './burndown.repository';
import { DatabaseHealthRepository } from './database-health.repository';
import { DigestRepository } from './digest.repository';
import { EvaluationRepository } from './evaluation.repository';
import { EvaluationHistoryRepository } from './evaluation-history.repository';
import { EvaluationSlotRepository } from './evaluation-slot.repository';
import { FlagRepository } from './flag.repository';
import { MetricMeasuredStateRepository } from './metric-measured-state.repository';
import { NotificationDeliveryRepository } from './notification-delivery.repository';
import { NotificationDeliveryQueueRepository } from './notification-delivery-queue.repository';
import { NotificationOutboxRepository } from './notification-outbox.repository';
import { OtlpPointRepository } from './otlp-point.repository';
import { OtlpSeriesRepository } from './otlp-series.repository';
import { OtlpWindowRepository } from './otlp-window.repository';
import { PostmortemRepository } from './postmortem.repository';
import { PostmortemEventRepository } from './postmortem-event.repository';
import { PublicationRepository } from './publication.repository';
import { PostmortemReportRepository } from './postmortem-report.repository';
import { RemediationSnapshotRepository } from './remediation-snapshot.repository';
import { ReportDataVersionRepository } from './report-data-version.repository';
import { ScoringLeaseRepository } from './scoring-lease.repository';
import { SessionRepository } from './session.repository';
import { SuccessMetricRepository } from './success-metric.repository';
import { SummaryReportRepository } from './summary-report.repository';

export * from './keyset-page';
export * from './action.repository';
export * from './action-event.repository';
export * from './api-key.repository';
export * from './burndown.repository';
export * from './database-health.repository';
export * from './digest.repository';
export * from './evaluation.repository';
export * from './evaluation-history.repository';
export * from './evaluation-slot.repository';
export * from './flag.repository';
export * from './metric-measured-state.repository';
export * from './notification-delivery.repository';
export * from './notification-delivery-queue.repository';
export * from './notification-outbox.repository';
export * from './otlp-point.repository';
export * from './otlp-series.repository';
export * from './otlp-window.repository';
export * from './postmortem.repository';
export * from './postmortem-event.repository';
export * from './publication.repository';
export * from './postmortem-report.repository';
export * from './remediation-snapshot.repository';
export * from './report-data-version.repository';
export * from './scoring-lease.repository';
export * from './session.repository';
export * from './success-metric.repository';
export * from './summary-report.repository';
export * from './tracker-delivery.repository';
export * from './tracker-link.repository';

/** Every repository, provided and exported by PersistenceModule. */
export const REPOSITORIES = [
  ActionRepository,
  ActionEventRepository,
  ApiKeyRepository,
  BurndownRepository,
  DatabaseHealthRepository,
  DigestRepository,
  EvaluationRepository,
  EvaluationHistoryRepository,
  EvaluationSlotRepository,
  FlagRepository,
  MetricMeasuredStateRepository,
  NotificationDeliveryRepository,
  NotificationDeliveryQueueRepository,
  NotificationOutboxRepository,
  OtlpPointRepository,
  OtlpSeriesRepository,
  OtlpWindowRepository,
  PostmortemRepository,
  PostmortemReportRepository,
  PostmortemEventRepository,
  PublicationRepository,
  RemediationSnapshotRepository,
  ReportDataVersionRepository,
  ScoringLeaseRepository,
  SessionRepository,
  SuccessMetricRepository,
  SummaryReportRepository,
  TrackerDeliveryRepository,
  TrackerLinkRepository,
];
