import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { checkEditShape, editAction, invalidInput, notFound, type ActionEdit } from '@app/domain';
import {
  ActionRepository,
  SuccessMetricRepository,
  TransactionRunner,
  type ActionEntity,
  type Tx,
} from '@app/persistence';
import { withLinkChange } from '../trackers/link-audit';
import { TrackerLinkService } from '../trackers/tracker-link.service';
import { ActionChangeWriter } from './action-change.writer';
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
    private readonly writer: ActionChangeWriter,
    private readonly query: ActionQueryService,
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
      return this.writer.save({ ...outcome, audit, action: { ...outcome.action, updatedAt: now } }, principal.name, tx);
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
