import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { SuccessMetricEntity } from '../entities/success-metric.entity';
import { keysetPage, type EventPosition, type KeysetPage } from './keyset-page';
import { managerOf, type Tx } from '../transaction/tx';

@Injectable()
export class SuccessMetricRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The metrics of several actions in one query, oldest first within an action. */
  listByActions(actionIds: string[], tx?: Tx): Promise<SuccessMetricEntity[]> {
    const em = managerOf(tx, this.dataSource);
    if (actionIds.length === 0) return Promise.resolve([]);
    return em
      .getRepository(SuccessMetricEntity)
      .find({ where: { actionId: In(actionIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A page of an action's metrics, oldest first; fetches one row more than asked to know whether a next page exists. */
  async pageByAction(
    actionId: string,
    after: EventPosition | null,
    limit: number,
    tx?: Tx,
  ): Promise<SuccessMetricPage> {
    const em = managerOf(tx, this.dataSource);
    const qb = em
      .getRepository(SuccessMetricEntity)
      .createQueryBuilder('m')
      .where('m.actionId = :actionId', { actionId });
    return keysetPage(qb, { by: 'createdAt', direction: 'ASC' }, after, limit);
  }

  findOne(actionId: string, metricId: string, tx?: Tx): Promise<SuccessMetricEntity | null> {
    const em = managerOf(tx, this.dataSource);
    return em.getRepository(SuccessMetricEntity).findOneBy({ id: metricId, actionId });
  }

  async countByAction(actionId: string, tx?: Tx): Promise<number> {
    const em = managerOf(tx, this.dataSource);
    const [row] = await em.query('SELECT count(*)::int AS n FROM success_metrics WHERE action_id = $1', [actionId]);
    return (row as { n: number }).n;
  }

  insert(metric: Omit<SuccessMetricEntity, 'id'>, tx: Tx): Promise<SuccessMetricEntity> {
    const em = managerOf(tx);
    const repo = em.getRepository(SuccessMetricEntity);
    return repo.save(repo.create(metric));
  }

  async update(metric: SuccessMetricEntity, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    const { id, createdAt: _createdAt, ...fields } = metric;
    await em.getRepository(SuccessMetricEntity).update({ id }, fields);
  }

  async delete(id: string, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    await em.getRepository(SuccessMetricEntity).delete({ id });
  }

  /**
   * Forgets what was measured over the baseline window of the action's metrics whose window ends at
   * the default — the post-mortem's occurredAt or the action's openedAt — after one of those moved:
   * the measured baseline and the met streak built on it (an explicit baseline stays), and the
   * model of the baseline's samples (explicit baseline or not). All are measured again over the
   * right window.
   */
  async resetDefaultWindowBaselines(actionId: string, tx: Tx): Promise<void> {
    const metrics = managerOf(tx).getRepository(SuccessMetricEntity);
    await metrics.update(
      { actionId, baselineEnd: IsNull(), baseline: IsNull() },
      { baselineValue: null, metSince: null },
    );
    await metrics.update({ actionId, baselineEnd: IsNull() }, { baselineModel: null });
  }
}

export type SuccessMetricPage = KeysetPage<SuccessMetricEntity>;
