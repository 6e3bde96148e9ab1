import { auditSnapshot } from '@app/domain';
import type { ActionEntity, ActionEventEntity, FlagEntity, TrackerLinkEntity } from '@app/persistence';
import { toLinkedIssueDto } from '../trackers/tracker-link.mapper';
import type { SuccessMetricDto } from '../success-metrics/dto/success-metric.dto';
import type { ActionEventDto } from './dto/action-event.dto';
import type { ActionFlagDto } from './dto/action-flag.dto';
import type { ActionDto } from './dto/action.dto';

/** The API shows an action's fields as its audit trail records them. */
export function toActionDto(
  action: ActionEntity,
  flags: FlagEntity[],
  metrics: SuccessMetricDto[],
  link: TrackerLinkEntity | null,
): ActionDto {
  return {
    id: action.id,
    ...auditSnapshot(action),
    flags: flags.map(toActionFlagDto),
    metrics,
    tracker: link ? toLinkedIssueDto(link) : null,
    createdAt: action.createdAt.toISOString(),
    updatedAt: action.updatedAt.toISOString(),
  };
}

export function toActionFlagDto(flag: FlagEntity): ActionFlagDto {
  return { id: flag.id, kind: flag.kind, raisedAt: flag.raisedAt.toISOString(), reason: flag.reason };
}

export function toActionEventDto(event: ActionEventEntity): ActionEventDto {
  return { id: event.id, at: event.at.toISOString(), actor: event.actor, type: event.type, changes: event.changes };
}
