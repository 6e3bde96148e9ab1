import { Injectable } from '@nestjs/common';
import { notFound } from '@app/domain';
import { ActionRepository, EvaluationRepository } from '@app/persistence';
import { DEFAULT_PAGE_SIZE } from '../actions/action.constants';
import { decodeEventCursor, encodeEventCursor } from '../actions/page-cursor';
import type { PageQueryDto } from '../actions/dto/page-query.dto';
import { toMetricEvaluationDto } from './evaluation.mapper';
import type { EvaluationPageDto } from './dto/evaluation-page.dto';

/** An action's scored checks, newest first. */
@Injectable()
export class EvaluationsService {
  constructor(
    private readonly actions: ActionRepository,
    private readonly evaluations: EvaluationRepository,
  ) {}

  async page(actionId: string, query: PageQueryDto): Promise<EvaluationPageDto> {
    // An (at, id) position, like the audit trail's cursor, walked the other way.
    const before = query.cursor === undefined ? null : decodeEventCursor(query.cursor);
    if (!(await this.actions.exists(actionId))) throw notFound('action', actionId);
    const page = await this.evaluations.pageByAction(actionId, before, query.limit ?? DEFAULT_PAGE_SIZE);
    return {
      items: page.items.map(toMetricEvaluationDto),
      nextCursor: page.next === null ? null : encodeEventCursor(page.next),
    };
  }
}
