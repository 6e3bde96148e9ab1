import type { ActionEventType, FieldChanges } from '@app/persistence';

/** One change to an action or its success metrics. */
export class ActionEventDto {
  id: string;
  at: string;
  /** The name of the API key that made the change. */
  actor: string;
  /** created, updated, status_changed, metric_added, metric_updated or metric_removed. */
  type: ActionEventType;
  /** `{field: {from, to}}` for each field that changed (dates as ISO strings); metric events also carry `metricId`. */
  changes: FieldChanges;
}
