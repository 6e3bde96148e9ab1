import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { defaultDueAt, invalidInput, notFound } from '@app/domain';
import { ActionEventRepository, ActionRepository } from '@app/persistence';
import { CLOCK_SKEW_MS, DEFAULT_PRIORITY } from './action.constants';
import { snapshotAction } from './action.mapper';
import { ActionQueryService } from './action-query.service';
import { diffFields } from './field-changes';
import { parseInstant } from '../http/validation/instant';
import type { ActionDto } from './dto/action.dto';
import type { CreateActionDto } from './dto/create-action.dto';

/** Opening and deleting corrective actions. */
@Injectable()
export class ActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actions: ActionRepository,
    private readonly events: ActionEventRepository,
    private readonly query: ActionQueryService,
  ) {}

  async create(input: CreateActionDto, principal: Principal): Promise<ActionDto> {
    const now = new Date();
    const openedAt = input.openedAt === undefined ? now : parseInstant(input.openedAt);
    if (openedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalidInput('openedAt: must not be in the future');
    const priority = input.priority ?? DEFAULT_PRIORITY;
    // Absent: the priority's remediation SLO; an explicit null: no due date at all.
    const dueAt =
      input.dueAt === undefined
        ? defaultDueAt(openedAt, priority, this.config.remediationSlo)
        : input.dueAt === null
          ? null
          : parseInstant(input.dueAt);
    if (dueAt && dueAt < openedAt) throw invalidInput('dueAt: must not be before openedAt');
    const postmortemId = input.postmortemId ?? null;

    return this.dataSource.transaction(async (em) => {
      if (postmortemId !== null && !(await this.actions.lockPostmortem(postmortemId, em))) {
        throw invalidInput(`postmortemId: post-mortem ${postmortemId} not found`);
      }
      const action = await this.actions.insert(
        {
          postmortemId,
          title: input.title,
          description: input.description ?? '',
          ownerTeam: input.ownerTeam,
          assignee: input.assignee ?? null,
          priority,
          services: [...new Set(input.services ?? [])],
          externalRef: input.externalRef ?? null,
          openedAt,
          dueAt,
          status: 'open',
          implementedAt: null,
          closedAt: null,
          statusChangedAt: openedAt,
          verification: null,
          verificationNote: null,
          createdAt: now,
          updatedAt: now,
        },
        em,
      );
      const changes = diffFields({}, snapshotAction(action));
      await this.events.append({ actionId: action.id, actor: principal.name, type: 'created', changes, at: now }, em);
      const [view] = await this.query.views([action], em);
      return view;
    });
  }

  /** Deletes the action with its metrics, flags and audit trail. */
  async remove(id: string): Promise<void> {
    if (!(await this.actions.delete(id))) throw notFound('action', id);
  }
}
