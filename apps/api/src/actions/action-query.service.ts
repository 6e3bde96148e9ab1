import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { notFound } from '@app/domain';
import {
  ActionEntity,
  ActionEventRepository,
  ActionRepository,
  EvaluationRepository,
  FlagRepository,
  SuccessMetricRepository,
  TrackerLinkRepository,
  type Tx,
} from '@app/persistence';
import { toMetricEvaluationDto } from '../evaluations/evaluation.mapper';
import { toSuccessMetricDto } from '../success-metrics/metric.mapper';
import { DEFAULT_PAGE_SIZE } from './action.constants';
import { toActionDto, toActionEventDto } from './action.mapper';
import { decodeEventCursor, decodeSeqCursor, encodeEventCursor, encodeSeqCursor } from './page-cursor';
import type { ActionEventPageDto } from './dto/action-event-page.dto';
import type { ActionPageDto } from './dto/action-page.dto';
import type { ActionDto } from './dto/action.dto';
import type { ListActionsQueryDto } from './dto/list-actions-query.dto';
import type { PageQueryDto } from './dto/page-query.dto';

/** Reading actions: one, a filtered page, the audit trail; and the full view of actions just written. */
@Injectable()
export class ActionQueryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actions: ActionRepository,
    private readonly metrics: SuccessMetricRepository,
    private readonly flags: FlagRepository,
    private readonly auditTrail: ActionEventRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly links: TrackerLinkRepository,
  ) {}

  async get(id: string): Promise<ActionDto> {
    const action = await this.actions.findById(id);
    if (!action) throw notFound('action', id);
    const [view] = await this.views([action]);
    return view;
  }

  async list(query: ListActionsQueryDto): Promise<ActionPageDto> {
    const beforeSeq = query.cursor === undefined ? null : decodeSeqCursor(query.cursor);
    const page = await this.actions.page(
      {
        statuses: query.status,
        ownerTeam: query.team,
        priorities: query.priority,
        service: query.service,
        postmortemId: query.postmortemId,
        flag: query.flag,
        overdue: query.overdue,
        titleContains: query.q,
        sourceId: query.sourceId,
      },
      { beforeSeq, limit: query.limit ?? DEFAULT_PAGE_SIZE, now: new Date() },
    );
    return {
      items: await this.views(page.items),
      nextCursor: page.nextSeq === null ? null : encodeSeqCursor(page.nextSeq),
    };
  }

  async events(id: string, query: PageQueryDto): Promise<ActionEventPageDto> {
    const after = query.cursor === undefined ? null : decodeEventCursor(query.cursor);
    if (!(await this.actions.exists(id))) throw notFound('action', id);
    const page = await this.auditTrail.page(id, after, query.limit ?? DEFAULT_PAGE_SIZE);
    return {
      items: page.items.map(toActionEventDto),
      nextCursor: page.next === null ? null : encodeEventCursor(page.next),
    };
  }

  /** Actions with their active flags, metrics, latest checks and tracker links: one query for each, whatever the number of actions. */
  async views(actions: ActionEntity[], tx?: Tx): Promise<ActionDto[]> {
    const ids = actions.map((a) => a.id);
    const metrics = await this.metrics.listByActions(ids, tx);
    const flags = await this.flags.activeByActions(ids, tx);
    const links = await this.links.findByActions(ids, tx);
    const latest = new Map(
      (
        await this.evaluations.latestByMetrics(
          metrics.map((m) => m.id),
          tx,
        )
      ).map((e) => [e.metricId, e]),
    );
    return actions.map((action) =>
      toActionDto(
        action,
        flags.filter((f) => f.actionId === action.id),
        metrics
          .filter((m) => m.actionId === action.id)
          .map((m) => {
            const evaluation = latest.get(m.id);
            return toSuccessMetricDto(
              m,
              evaluation ? toMetricEvaluationDto(evaluation) : null,
              this.config.datasources,
            );
          }),
        links.get(action.id) ?? null,
      ),
    );
  }
}
