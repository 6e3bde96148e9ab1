import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { SuccessMetricEntity } from '../entities/success-metric.entity';
import { keysetPage, type EventPosition, type KeysetPage } from './keyset-page';

@Injectable()
export class SuccessMetricRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The metrics of several actions in one query, oldest first within an action. */
  listByActions(actionIds: string[], em: EntityManager = this.dataSource.manager): Promise<SuccessMetricEntity[]> {
    if (actionIds.length === 0) return Promise.resolve([]);
    return em.getRepository(SuccessMetricEntity).find({ where: { actionId: In(actionIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A page of an action's metrics, oldest first; fetches one row more than asked to know whether a next page exists. */
  async pageByAction(actionId: string, after: EventPosition | null, limit: number, em: EntityManager = this.dataSource.manager): Promise<SuccessMetricPage> {
    const qb = em.getRepository(SuccessMetricEntity).createQueryBuilder('m').where('m.actionId = :actionId', { actionId });
    return keysetPage(qb, { by: 'createdAt', direction: 'ASC' }, after, limit);
  }

  findOne(actionId: string, metricId: string, em: EntityManager = this.dataSource.manager): Promise<SuccessMetricEntity | null> {
    return em.getRepository(SuccessMetricEntity).findOneBy({ id: metricId, actionId });
  }

  async countByAction(actionId: string, em: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await em.query('SELECT count(*)::int AS n FROM success_metrics WHERE action_id = $1', [actionId]);
    return (row as { n: number }).n;
  }

  insert(metric: Omit<SuccessMetricEntity, 'id'>, em: EntityManager): Promise<SuccessMetricEntity> {
    const repo = em.getRepository(SuccessMetricEntity);
    return repo.save(repo.create(metric));
  }

  async update(metric: SuccessMetricEntity, em: EntityManager): Promise<void> {
    const { id, createdAt: _createdAt, ...fields } = metric;
    await em.getRepository(SuccessMetricEntity).update({ id }, fields);
  }

  async delete(id: string, em: EntityManager): Promise<void> {
    await em.getRepository(SuccessMetricEntity).delete({ id });
  }

  /**
   * Forgets the measured baseline (and the met streak built on it) of the action's metrics whose
   * baseline window ends at the default — the post-mortem's occurredAt or the action's openedAt —
   * after one of those moved: the baseline will be measured again over the right window.
   */
  async resetDefaultWindowBaselines(actionId: string, em: EntityManager): Promise<void> {
    await em
      .getRepository(SuccessMetricEntity)
      .update({ actionId, baselineEnd: IsNull(), baseline: IsNull() }, { baselineValue: null, metSince: null });
  }
}

export type SuccessMetricPage = KeysetPage<SuccessMetricEntity>;
