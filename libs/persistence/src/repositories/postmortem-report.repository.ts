import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ActionEntity } from '../entities/action.entity';
import { SuccessMetricEntity } from '../entities/success-metric.entity';
import { managerOf, type Tx } from '../transaction/tx';

/**
 * What a post-mortem report shows of an action. `assignee` is left out on purpose: the report is
 * blameless, so the column is never even read.
 */
export type ReportActionRow = Pick<
  ActionEntity,
  | 'id'
  | 'title'
  | 'ownerTeam'
  | 'priority'
  | 'status'
  | 'openedAt'
  | 'dueAt'
  | 'implementedAt'
  | 'closedAt'
  | 'verification'
  | 'verificationNote'
>;

export type ReportMetricRow = Pick<
  SuccessMetricEntity,
  | 'id'
  | 'actionId'
  | 'name'
  | 'datasource'
  | 'query'
  | 'selector'
  | 'direction'
  | 'target'
  | 'aggregation'
  | 'baseline'
  | 'baselineValue'
>;

/** Read queries behind the shareable post-mortem report. */
@Injectable()
export class PostmortemReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The post-mortem's corrective actions, by priority (P0 first), then by when they were opened. */
  findActions(postmortemId: string, tx?: Tx): Promise<ReportActionRow[]> {
    const em = managerOf(tx, this.dataSource);
    return (
      em
        .getRepository(ActionEntity)
        .createQueryBuilder('a')
        .select([
          'a.id',
          'a.title',
          'a.ownerTeam',
          'a.priority',
          'a.status',
          'a.openedAt',
          'a.dueAt',
          'a.implementedAt',
          'a.closedAt',
          'a.verification',
          'a.verificationNote',
        ])
        .where('a.postmortemId = :postmortemId', { postmortemId })
        // P0..P3 sort as text; seq breaks ties so the order never changes between two renderings.
        .orderBy('a.priority', 'ASC')
        .addOrderBy('a.openedAt', 'ASC')
        .addOrderBy('a.seq', 'ASC')
        .getMany()
    );
  }

  /** The success metrics of the given actions, in the order they were attached. */
  async findMetrics(actionIds: string[], tx?: Tx): Promise<ReportMetricRow[]> {
    const em = managerOf(tx, this.dataSource);
    if (actionIds.length === 0) return [];
    return em.getRepository(SuccessMetricEntity).find({
      select: {
        id: true,
        actionId: true,
        name: true,
        datasource: true,
        query: true,
        selector: true,
        direction: true,
        target: true,
        aggregation: true,
        baseline: true,
        baselineValue: true,
      },
      where: { actionId: In(actionIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
