import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type { FlagKind } from '@app/domain';
import { FlagEntity } from '../entities/flag.entity';
import { keysetPage, type EventPosition, type KeysetPage } from './keyset-page';
import { managerOf, type Tx } from '../transaction/tx';

@Injectable()
export class FlagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The active flags of several actions in one query, oldest raise first. */
  activeByActions(actionIds: string[], tx?: Tx): Promise<FlagEntity[]> {
    const em = managerOf(tx, this.dataSource);
    if (actionIds.length === 0) return Promise.resolve([]);
    return em.getRepository(FlagEntity).find({
      where: { actionId: In(actionIds), clearedAt: IsNull() },
      order: { raisedAt: 'ASC', id: 'ASC' },
    });
  }

  /** The action's flags still open at `from` or raised since, oldest raise first: what a replay from `from` may change. */
  openAtOrAfter(actionId: string, from: Date, tx: Tx): Promise<FlagEntity[]> {
    const em = managerOf(tx);
    return em
      .getRepository(FlagEntity)
      .createQueryBuilder('f')
      .where('f.actionId = :actionId', { actionId })
      .andWhere('(f.clearedAt IS NULL OR f.clearedAt >= :from)', { from })
      .orderBy('f.raisedAt', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .getMany();
  }

  /** Removes the flags raised at or after `from`: a replay from then raises them again at their true times. */
  async deleteRaisedSince(actionId: string, from: Date, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    await em.query(`DELETE FROM flags WHERE action_id = $1 AND raised_at >= $2`, [actionId, from]);
  }

  /** Sets when a flag was cleared (null: active again); the partial unique index refuses two active flags of a kind. */
  async setClearedAt(id: string, clearedAt: Date | null, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    await em.query(`UPDATE flags SET cleared_at = $2 WHERE id = $1`, [id, clearedAt]);
  }

  /** Records a flag raised at `raisedAt` (and cleared at `clearedAt`, if it already was). */
  async insert(
    actionId: string,
    flag: Pick<FlagEntity, 'kind' | 'reason' | 'raisedAt' | 'clearedAt'>,
    tx: Tx,
  ): Promise<void> {
    const em = managerOf(tx);
    await em.getRepository(FlagEntity).insert({ actionId, ...flag });
  }

  /** The action's most recently raised flag of each of these kinds. */
  async latestOfKinds(actionId: string, kinds: FlagKind[], tx?: Tx): Promise<FlagEntity[]> {
    const em = managerOf(tx, this.dataSource);
    if (kinds.length === 0) return [];
    return em
      .getRepository(FlagEntity)
      .createQueryBuilder('f')
      .distinctOn(['f.kind'])
      .where('f.actionId = :actionId AND f.kind IN (:...kinds)', { actionId, kinds })
      .orderBy('f.kind')
      .addOrderBy('f.raisedAt', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .getMany();
  }

  /** A page of flags, newest raise first, filtered; team is the action's owner team. */
  page(filter: FlagListFilter, before: EventPosition | null, limit: number, tx?: Tx): Promise<FlagPage> {
    const em = managerOf(tx, this.dataSource);
    const qb = em.getRepository(FlagEntity).createQueryBuilder('f');
    if (filter.active === true) qb.andWhere('f.clearedAt IS NULL');
    if (filter.active === false) qb.andWhere('f.clearedAt IS NOT NULL');
    if (filter.kind !== undefined) qb.andWhere('f.kind = :kind', { kind: filter.kind });
    if (filter.actionId !== undefined) qb.andWhere('f.actionId = :actionId', { actionId: filter.actionId });
    if (filter.team !== undefined) {
      qb.andWhere('EXISTS (SELECT 1 FROM actions a WHERE a.id = f.action_id AND a.owner_team = :team)', {
        team: filter.team,
      });
    }
    return keysetPage(qb, { by: 'raisedAt', direction: 'DESC' }, before, limit);
  }
}

export type FlagPage = KeysetPage<FlagEntity>;

export interface FlagListFilter {
  /** true: only active; false: only cleared; undefined: both. */
  active?: boolean;
  kind?: FlagKind;
  team?: string;
  actionId?: string;
}
