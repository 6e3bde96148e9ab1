import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { changeStatus, checkTransition, defaultDueAt, invalidInput, notFound, statusFieldsOf, transitionRefusal } from '@app/domain';
import { ActionEntity, ActionEventRepository, ActionRepository, NotificationOutboxRepository, SuccessMetricRepository } from '@app/persistence';
import { verifiedEvent } from '@app/evaluation';
import { CLOCK_SKEW_MS } from './action.constants';
import { snapshotAction } from './action.mapper';
import { ActionFlagsRefresher } from './action-flags.refresher';
import { ActionQueryService } from './action-query.service';
import { diffFields } from './field-changes';
import { parseInstant } from '../http/validation/instant';
import type { ActionDto } from './dto/action.dto';
import type { UpdateActionDto } from './dto/update-action.dto';

/**
 * Changing an action: its fields and its place in the workflow. Read, change and write happen
 * under the action's row lock, with one audit event for the whole change.
 */
@Injectable()
export class ActionUpdateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actions: ActionRepository,
    private readonly metrics: SuccessMetricRepository,
    private readonly events: ActionEventRepository,
    private readonly query: ActionQueryService,
    private readonly outbox: NotificationOutboxRepository,
    private readonly flags: ActionFlagsRefresher,
  ) {}

  async update(id: string, input: UpdateActionDto, principal: Principal): Promise<ActionDto> {
    if (input.implementedAt !== undefined && input.status !== 'implemented') {
      throw invalidInput('implementedAt: only allowed with status implemented');
    }
    if (input.verificationNote !== undefined && input.status !== 'verified') {
      throw invalidInput('verificationNote: only allowed with status verified');
    }
    const changed = await this.dataSource.transaction(async (em) => {
      const action = await this.actions.findByIdForUpdate(id, em);
      if (!action) throw notFound('action', id);
      const now = new Date();
      const before = snapshotAction(action);
      await this.applyFields(action, input, now, em);
      await this.applyStatus(action, input, now, em);
      checkDates(action, input);
      const changes = diffFields(before, snapshotAction(action));
      if (Object.keys(changes).length > 0) {
        action.updatedAt = now;
        await this.actions.update(action, em);
        const type = changes.status ? 'status_changed' : 'updated';
        await this.events.append({ actionId: id, actor: principal.name, type, changes, at: now }, em);
        // The default baseline window ends at the post-mortem's occurredAt, else at openedAt.
        if (changes.postmortemId || changes.openedAt) await this.metrics.resetDefaultWindowBaselines(id, em);
        // A manual verification is an event like a telemetry one, written in the same transaction.
        if (changes.status && action.status === 'verified') await this.outbox.enqueue(verifiedEvent(action), em);
      }
      return Object.keys(changes).length > 0;
    });
    // Its flags as of now (overdue after a due date moved, none once closed), once the change has committed.
    if (changed) await this.flags.refresh(id);
    return this.query.get(id);
  }

  private async applyFields(action: ActionEntity, input: UpdateActionDto, now: Date, em: EntityManager): Promise<void> {
    if (input.postmortemId !== undefined && input.postmortemId !== action.postmortemId) {
      if (input.postmortemId !== null && !(await this.actions.lockPostmortem(input.postmortemId, em))) {
        throw invalidInput(`postmortemId: post-mortem ${input.postmortemId} not found`);
      }
      action.postmortemId = input.postmortemId;
    }
    if (input.title !== undefined) action.title = input.title;
    if (input.description !== undefined) action.description = input.description;
    if (input.ownerTeam !== undefined) action.ownerTeam = input.ownerTeam;
    if (input.assignee !== undefined) action.assignee = input.assignee;
    if (input.priority !== undefined) action.priority = input.priority;
    if (input.services !== undefined) action.services = [...new Set(input.services)];
    if (input.externalRef !== undefined) action.externalRef = input.externalRef;
    if (input.dueAt !== undefined) {
      action.dueAt = input.dueAt === null ? null : parseInstant(input.dueAt);
      action.dueAtFromSlo = false;
    }
    if (input.openedAt !== undefined) {
      const openedAt = parseInstant(input.openedAt);
      if (openedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalidInput('openedAt: must not be in the future');
      // An action still in its first status changed status when it was opened; keep that true.
      if (action.status === 'open' && action.statusChangedAt.getTime() === action.openedAt.getTime()) action.statusChangedAt = openedAt;
      action.openedAt = openedAt;
    }
    // A due date taken from the priority's SLO is counted from openedAt for that priority: it
    // follows either when it changes. One a person gave stays.
    const sloInputsMoved = input.openedAt !== undefined || input.priority !== undefined;
    if (action.dueAtFromSlo && sloInputsMoved) action.dueAt = defaultDueAt(action.openedAt, action.priority, this.config.remediationSlo);
  }

  private async applyStatus(action: ActionEntity, input: UpdateActionDto, now: Date, em: EntityManager): Promise<void> {
    const to = input.status;
    if (to === undefined) return;
    const implementedAt = input.implementedAt === undefined ? undefined : parseInstant(input.implementedAt);
    if (implementedAt && implementedAt > now) throw invalidInput('implementedAt: must not be in the future');
    if (to === action.status) {
      // Same status: nothing moves, but the time the fix shipped or the note may be corrected.
      if (implementedAt) Object.assign(action, { implementedAt, statusChangedAt: implementedAt });
      if (input.verificationNote !== undefined) action.verificationNote = input.verificationNote;
      return;
    }
    const metricCount = await this.metrics.countByAction(action.id, em);
    const check = checkTransition(action.status, to, { actor: 'person', metricCount, hasNote: input.verificationNote !== undefined });
    if (!check.ok) throw transitionRefusal(action.status, to, check, metricCount);
    const change = { at: now, implementedAt, verification: 'manual' as const, note: input.verificationNote };
    Object.assign(action, changeStatus(statusFieldsOf(action), to, change));
  }
}

/**
 * The order of an action's dates, checked where the request moved one (a default "now" never
 * contradicts an openedAt within the clock-skew allowance), naming the field it gave.
 */
function checkDates(action: ActionEntity, input: UpdateActionDto): void {
  const { openedAt, dueAt, implementedAt, closedAt } = action;
  const movedOpenedAt = input.openedAt !== undefined;
  if (dueAt && dueAt < openedAt && (movedOpenedAt || input.dueAt !== undefined)) {
    throw invalidInput(input.dueAt !== undefined ? 'dueAt: must not be before openedAt' : 'openedAt: must not be after dueAt');
  }
  if (implementedAt && implementedAt < openedAt && (movedOpenedAt || input.implementedAt !== undefined)) {
    throw invalidInput(
      input.implementedAt !== undefined ? 'implementedAt: must not be before openedAt' : 'openedAt: must not be after implementedAt',
    );
  }
  if (closedAt && closedAt < openedAt && movedOpenedAt) throw invalidInput('openedAt: must not be after closedAt');
}
