import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  checkEditShape,
  editAction,
  invalidInput,
  movesDefaultBaselineWindow,
  notFound,
  type ActionEdit,
} from '@app/domain';
import {
  ActionEventRepository,
  ActionRepository,
  NotificationOutboxRepository,
  SuccessMetricRepository,
  TransactionRunner,
  type ActionEntity,
  type Tx,
} from '@app/persistence';
import { withLinkChange } from '../trackers/link-audit';
import { TrackerLinkService } from '../trackers/tracker-link.service';
import { ActionFlagsRefresher } from './action-flags.refresher';
import { ActionQueryService } from './action-query.service';
import { parseInstant } from '../http/validation/instant';
import type { ActionDto } from './dto/action.dto';
import type { UpdateActionDto } from './dto/update-action.dto';

/**
 * Changing an action: its fields and its place in the workflow. Load, apply and save happen
 * under the action's row lock, with one audit event for the whole change.
 */
@Injectable()
export class ActionUpdateService {
  constructor(
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actions: ActionRepository,
    private readonly metrics: SuccessMetricRepository,
    private readonly events: ActionEventRepository,
    private readonly query: ActionQueryService,
    private readonly outbox: NotificationOutboxRepository,
    private readonly flags: ActionFlagsRefresher,
    private readonly trackerLinks: TrackerLinkService,
  ) {}

  async update(id: string, input: UpdateActionDto, principal: Principal): Promise<ActionDto> {
    const { tracker, ...fields } = input;
    const edit = actionEdit(fields);
    checkEditShape(edit);
    // The issue is read before the transaction: a slow tracker holds no row lock.
    const issue = tracker ? await this.trackerLinks.resolve(tracker) : tracker;
    const changed = await this.transactions.run(async (tx) => {
      const action = await this.actions.findByIdForUpdate(id, tx);
      if (!action) throw notFound('action', id);
      await this.checkPostmortem(action, edit, tx);
      const metricCount =
        edit.status !== undefined && edit.status !== action.status ? await this.metrics.countByAction(id, tx) : 0;
      const now = new Date();
      const outcome = editAction(action, edit, { now, sloDays: this.config.remediationSlo, metricCount });
      const linkChange = issue === undefined ? null : await this.trackerLinks.apply(id, issue, tx, now);
      const audit = withLinkChange(outcome.audit, linkChange, now);
      if (audit.length === 0) return false;
      await this.actions.update({ ...outcome.action, updatedAt: now }, tx);
      for (const entry of audit) await this.events.append({ actionId: id, actor: principal.name, ...entry }, tx);
      if (outcome.audit.some((entry) => movesDefaultBaselineWindow(entry.changes)))
        await this.metrics.resetDefaultWindowBaselines(id, tx);
      // A manual verification is an event like a telemetry one, written in the same transaction.
      for (const event of outcome.events) await this.outbox.enqueue(event, tx);
      return true;
    });
    // Its flags as of now (overdue after a due date moved, none once closed), once the change has committed.
    if (changed) await this.flags.refresh(id);
    return this.query.get(id);
  }

  /** A post-mortem newly linked must exist; the lock keeps it until this change commits. */
  private async checkPostmortem(action: ActionEntity, edit: ActionEdit, tx: Tx): Promise<void> {
    const linked = edit.postmortemId;
    if (linked === undefined || linked === null || linked === action.postmortemId) return;
    if (!(await this.actions.lockPostmortem(linked, tx)))
      throw invalidInput(`postmortemId: post-mortem ${linked} not found`);
  }
}

function actionEdit(input: Omit<UpdateActionDto, 'tracker'>): ActionEdit {
  return {
    ...input,
    openedAt: instant(input.openedAt),
    dueAt: input.dueAt === null ? null : instant(input.dueAt),
    implementedAt: instant(input.implementedAt),
  };
}

function instant(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : parseInstant(value);
}
