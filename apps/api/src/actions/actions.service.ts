import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  changeStatus,
  checkTransition,
  defaultDueAt,
  importedTransitions,
  invalidInput,
  notFound,
  statusFieldsOf,
  transitionRefusal,
  type DatedTransition,
} from '@app/domain';
import { ActionEventRepository, ActionRepository, NotificationOutboxRepository, type ActionEntity, type FieldChanges } from '@app/persistence';
import { verifiedEvent } from '@app/evaluation';
import { CLOCK_SKEW_MS, DEFAULT_PRIORITY } from './action.constants';
import { snapshotAction } from './action.mapper';
import { ActionFlagsRefresher } from './action-flags.refresher';
import { ActionQueryService } from './action-query.service';
import { diffFields } from './field-changes';
import { parseInstant } from '../http/validation/instant';
import type { ActionDto } from './dto/action.dto';
import type { CreateActionDto } from './dto/create-action.dto';

type NewAction = Omit<ActionEntity, 'id' | 'seq'>;

/** One audit event of a create: what changed and when. */
interface Step {
  type: 'created' | 'status_changed';
  changes: FieldChanges;
  at: Date;
}

/** Opening (or importing) and deleting corrective actions. */
@Injectable()
export class ActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actions: ActionRepository,
    private readonly events: ActionEventRepository,
    private readonly outbox: NotificationOutboxRepository,
    private readonly query: ActionQueryService,
    private readonly flags: ActionFlagsRefresher,
  ) {}

  async create(input: CreateActionDto, principal: Principal): Promise<ActionDto> {
    const now = new Date();
    const opened = this.openedAction(input, now);
    const { action, steps } = importedHistory(opened, input, now);
    const postmortemId = action.postmortemId;

    const id = await this.dataSource.transaction(async (em) => {
      if (postmortemId !== null && !(await this.actions.lockPostmortem(postmortemId, em))) {
        throw invalidInput(`postmortemId: post-mortem ${postmortemId} not found`);
      }
      const saved = await this.actions.insert(action, em);
      for (const step of steps) await this.events.append({ actionId: saved.id, actor: principal.name, ...step }, em);
      // An imported manual verification is an event like one made by PATCH, written in the same transaction.
      if (saved.status === 'verified') await this.outbox.enqueue(verifiedEvent(saved), em);
      return saved.id;
    });
    await this.flags.refresh(id);
    return this.query.get(id);
  }

  /** The action as opened, before any status the request carries: open since openedAt. */
  private openedAction(input: CreateActionDto, now: Date): NewAction {
    const openedAt = input.openedAt === undefined ? now : parseInstant(input.openedAt);
    if (openedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalidInput('openedAt: must not be in the future');
    const priority = input.priority ?? DEFAULT_PRIORITY;
    // Absent: the priority's remediation SLO (which then follows openedAt and priority); an explicit null: no due date at all.
    const dueAtFromSlo = input.dueAt === undefined;
    const dueAt = dueAtFromSlo
      ? defaultDueAt(openedAt, priority, this.config.remediationSlo)
      : input.dueAt === null || input.dueAt === undefined
        ? null
        : parseInstant(input.dueAt);
    if (dueAt && dueAt < openedAt) throw invalidInput('dueAt: must not be before openedAt');
    return {
      postmortemId: input.postmortemId ?? null,
      title: input.title,
      description: input.description ?? '',
      ownerTeam: input.ownerTeam,
      assignee: input.assignee ?? null,
      priority,
      services: [...new Set(input.services ?? [])],
      externalRef: input.externalRef ?? null,
      openedAt,
      dueAt,
      dueAtFromSlo,
      status: 'open',
      implementedAt: null,
      closedAt: null,
      statusChangedAt: openedAt,
      verification: null,
      verificationNote: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Deletes the action with its metrics, flags and audit trail. */
  async remove(id: string): Promise<void> {
    if (!(await this.actions.delete(id))) throw notFound('action', id);
  }
}

/**
 * The action at the status the request asks for, and its audit trail: created, then one event per
 * move the workflow takes from open (a person's moves, checked as PATCH checks them). An import's
 * trail reads as the action's history — created at openedAt, each move at its own time — while
 * createdAt says when it was recorded.
 */
function importedHistory(opened: NewAction, input: CreateActionDto, now: Date): { action: NewAction; steps: Step[] } {
  if (input.verificationNote !== undefined && input.status !== 'verified') {
    throw invalidInput('verificationNote: only allowed with status verified');
  }
  const transitions = importedTransitions({
    status: input.status ?? 'open',
    openedAt: opened.openedAt,
    implementedAt: input.implementedAt === undefined ? null : parseInstant(input.implementedAt),
    closedAt: input.closedAt === undefined ? null : parseInstant(input.closedAt),
    now,
  });
  const imported = input.status !== undefined;
  const steps: Step[] = [{ type: 'created', changes: diffFields({}, snapshotAction(opened)), at: imported ? opened.openedAt : now }];
  let action = opened;
  for (const transition of transitions) {
    const next = move(action, transition, input.verificationNote);
    steps.push({ type: 'status_changed', changes: diffFields(snapshotAction(action), snapshotAction(next)), at: transition.at });
    action = next;
  }
  return { action, steps };
}

function move(action: NewAction, transition: DatedTransition, note: string | undefined): NewAction {
  // Nothing is attached yet, so a person may verify it, with a note.
  const check = checkTransition(action.status, transition.to, { actor: 'person', metricCount: 0, hasNote: note !== undefined });
  if (!check.ok) throw transitionRefusal(action.status, transition.to, check, 0);
  const change = { at: transition.at, implementedAt: transition.implementedAt, verification: 'manual' as const, note };
  return { ...action, ...changeStatus(statusFieldsOf(action), transition.to, change) };
}
