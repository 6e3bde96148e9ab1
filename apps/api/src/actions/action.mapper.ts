import type { ActionEntity, ActionEventEntity, FlagEntity } from '@app/persistence';
import type { SuccessMetricDto } from '../success-metrics/dto/success-metric.dto';
import type { ActionEventDto } from './dto/action-event.dto';
import type { ActionFlagDto } from './dto/action-flag.dto';
import type { ActionDto } from './dto/action.dto';

export function toActionDto(action: ActionEntity, flags: FlagEntity[], metrics: SuccessMetricDto[]): ActionDto {
  return {
    id: action.id,
    postmortemId: action.postmortemId,
    title: action.title,
    description: action.description,
    ownerTeam: action.ownerTeam,
    assignee: action.assignee,
    priority: action.priority,
    services: action.services,
    externalRef: action.externalRef,
    openedAt: action.openedAt.toISOString(),
    dueAt: iso(action.dueAt),
    status: action.status,
    implementedAt: iso(action.implementedAt),
    closedAt: iso(action.closedAt),
    statusChangedAt: action.statusChangedAt.toISOString(),
    verification: action.verification,
    verificationNote: action.verificationNote,
    flags: flags.map(toActionFlagDto),
    metrics,
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

function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
