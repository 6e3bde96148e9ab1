import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { FlagKind } from '@app/domain';
import { FlagEntity } from '../entities/flag.entity';
import type { EventPosition } from './action-event.repository';

@Injectable()
export class FlagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The active flags of several actions in one query, oldest raise first. */
  activeByActions(actionIds: string[], em: EntityManager = this.dataSource.manager): Promise<FlagEntity[]> {
    if (actionIds.length === 0) return Promise.resolve([]);
    return em.getRepository(FlagEntity).find({
      where: { actionId: In(actionIds), clearedAt: IsNull() },
      order: { raisedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Flags by id, active or cleared (a row that is gone is left out). */
  findByIds(ids: string[], em: EntityManager = this.dataSource.manager): Promise<FlagEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return em.getRepository(FlagEntity).find({ where: { id: In(ids) }, order: { raisedAt: 'ASC', id: 'ASC' } });
  }

  /** Raises a flag at `at`; the partial unique index refuses a second active flag of a kind. */
  async raise(actionId: string, kind: FlagKind, reason: string, at: Date, em: EntityManager): Promise<void> {
    await em.getRepository(FlagEntity).insert({ actionId, kind, reason, raisedAt: at, clearedAt: null });
  }

  /** Clears the active flag of a kind; never before it was raised (a replay may run behind it). */
  async clear(actionId: string, kind: FlagKind, at: Date, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE flags SET cleared_at = GREATEST(raised_at, $3) WHERE action_id = $1 AND kind = $2 AND cleared_at IS NULL`,
      [actionId, kind, at],
    );
  }

  /**
   * A page of flags, newest raise first, filtered; team is the action's owner team. Fetches one row
   * more than asked to know whether a next page exists.
   */
  async page(filter: FlagListFilter, before: EventPosition | null, limit: number, em: EntityManager = this.dataSource.manager): Promise<FlagPage> {
    const qb = em
      .getRepository(FlagEntity)
      .createQueryBuilder('f')
      .orderBy('f.raisedAt', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(limit + 1);
    if (before) qb.andWhere('(f.raisedAt, f.id) < (:beforeAt, :beforeId::uuid)', { beforeAt: before.at, beforeId: before.id });
    if (filter.active === true) qb.andWhere('f.clearedAt IS NULL');
    if (filter.active === false) qb.andWhere('f.clearedAt IS NOT NULL');
    if (filter.kind !== undefined) qb.andWhere('f.kind = :kind', { kind: filter.kind });
    if (filter.actionId !== undefined) qb.andWhere('f.actionId = :actionId', { actionId: filter.actionId });
    if (filter.team !== undefined) {
      qb.andWhere('EXISTS (SELECT 1 FROM actions a WHERE a.id = f.action_id AND a.owner_team = :team)', { team: filter.team });
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit ? { at: last.raisedAt, id: last.id } : null };
  }
}

export interface FlagPage {
  items: FlagEntity[];
  /** Where the next page starts (the last raise shown), or null on the last page. */
  next: EventPosition | null;
}

export interface FlagListFilter {
  /** true: only active; false: only cleared; undefined: both. */
  active?: boolean;
  kind?: FlagKind;
  team?: string;
  actionId?: string;
}
