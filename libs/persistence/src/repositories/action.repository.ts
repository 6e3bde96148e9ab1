import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { ActionStatus, FlagKind, Priority } from '@app/domain';
import { ActionEntity } from '../entities/action.entity';
import { managerOf, type Tx } from '../transaction/tx';
import { newestFirstBySeq, type SeqPage } from './keyset-page';
import { containsPattern, TITLE_CONTAINS_SQL } from './like-pattern';
import { TERMINAL_STATUSES_SQL } from './terminal-statuses.sql';

export interface ActionListFilter {
  statuses?: ActionStatus[];
  ownerTeam?: string;
  priorities?: Priority[];
  service?: string;
  postmortemId?: string;
  /** Only actions with an active flag of this kind. */
  flag?: FlagKind;
  /** true: due before `now` and not terminal; false: the opposite. */
  overdue?: boolean;
  /** Title contains this text, ignoring case; `%`, `_` and `\` are literal. */
  titleContains?: string;
  /** Only the action a definitions file gave this stable id. */
  sourceId?: string;
}

export interface ActionPageRequest {
  /** Return actions inserted before this `seq` (the cursor); null for the first page. */
  beforeSeq: string | null;
  limit: number;
  now: Date;
}

export type ActionPage = SeqPage<ActionEntity>;

@Injectable()
export class ActionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, tx?: Tx): Promise<ActionEntity | null> {
    const em = managerOf(tx, this.dataSource);
    return em.getRepository(ActionEntity).findOneBy({ id });
  }

  /** The actions of these ids that exist (one read for a scoring batch instead of one per action). */
  findByIds(ids: string[], tx?: Tx): Promise<ActionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return managerOf(tx, this.dataSource)
      .getRepository(ActionEntity)
      .findBy({ id: In(ids) });
  }

  /** Reads the action and holds its row until the transaction ends, serialising every write to it. */
  findByIdForUpdate(id: string, tx: Tx): Promise<ActionEntity | null> {
    const em = managerOf(tx);
    return em.getRepository(ActionEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  exists(id: string, tx?: Tx): Promise<boolean> {
    const em = managerOf(tx, this.dataSource);
    return em.getRepository(ActionEntity).existsBy({ id });
  }

  /** The ids of the actions that already carry these sourceIds, by sourceId. */
  async idsBySourceId(sourceIds: string[], tx?: Tx): Promise<Map<string, string>> {
    if (sourceIds.length === 0) return new Map();
    const em = managerOf(tx, this.dataSource);
    const found = await em
      .getRepository(ActionEntity)
      .find({ select: { id: true, sourceId: true }, where: { sourceId: In(sourceIds) } });
    return new Map(found.map((action) => [action.sourceId!, action.id]));
  }

  /**
   * Whether the post-mortem exists; the key-share lock keeps it from being deleted before the
   * transaction that links an action to it commits.
   */
  async lockPostmortem(id: string, tx: Tx): Promise<boolean> {
    const em = managerOf(tx);
    const rows: unknown[] = await em.query('SELECT 1 FROM postmortems WHERE id = $1 FOR KEY SHARE', [id]);
    return rows.length > 0;
  }

  insert(action: Omit<ActionEntity, 'seq'>, tx: Tx): Promise<ActionEntity> {
    const em = managerOf(tx);
    const repo = em.getRepository(ActionEntity);
    return repo.save(repo.create(action));
  }

  async update(action: Omit<ActionEntity, 'seq'> & { seq?: string }, tx: Tx): Promise<void> {
    const em = managerOf(tx);
    const { id, seq: _seq, createdAt: _createdAt, ...fields } = action;
    await em.getRepository(ActionEntity).update({ id }, fields);
  }

  async delete(id: string, tx?: Tx): Promise<boolean> {
    const em = managerOf(tx, this.dataSource);
    const result = await em.getRepository(ActionEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /** Newest first by insertion order. */
  page(filter: ActionListFilter, page: ActionPageRequest, tx?: Tx): Promise<ActionPage> {
    const em = managerOf(tx, this.dataSource);
    const qb = em.getRepository(ActionEntity).createQueryBuilder('a');
    if (filter.statuses?.length) qb.andWhere('a.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.priorities?.length) qb.andWhere('a.priority IN (:...priorities)', { priorities: filter.priorities });
    if (filter.ownerTeam !== undefined) qb.andWhere('a.ownerTeam = :ownerTeam', { ownerTeam: filter.ownerTeam });
    // Containment rather than ANY(), so the GIN index on services serves it.
    if (filter.service !== undefined) qb.andWhere('a.services @> ARRAY[:service]::text[]', { service: filter.service });
    if (filter.postmortemId !== undefined)
      qb.andWhere('a.postmortemId = :postmortemId', { postmortemId: filter.postmortemId });
    if (filter.titleContains)
      qb.andWhere(TITLE_CONTAINS_SQL('a.title', 'title'), { title: containsPattern(filter.titleContains) });
    if (filter.sourceId !== undefined) qb.andWhere('a.sourceId = :sourceId', { sourceId: filter.sourceId });
    if (filter.flag !== undefined) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM flags f WHERE f.action_id = a.id AND f.kind = :flag AND f.cleared_at IS NULL)',
        {
          flag: filter.flag,
        },
      );
    }
    if (filter.overdue === true) {
      qb.andWhere(`a.dueAt < :now AND a.status NOT IN ${TERMINAL_STATUSES_SQL}`, { now: page.now });
    } else if (filter.overdue === false) {
      qb.andWhere(`(a.dueAt IS NULL OR a.dueAt >= :now OR a.status IN ${TERMINAL_STATUSES_SQL})`, { now: page.now });
    }
    return newestFirstBySeq(qb, page.beforeSeq, page.limit);
  }
}
