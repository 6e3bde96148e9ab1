import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { PostmortemEntity, PostmortemKind, Severity } from '../entities/postmortem.entity';
import { managerOf, type Tx } from '../transaction/tx';
import { newestFirstBySeq, type SeqPage } from './keyset-page';
import { containsPattern, TITLE_CONTAINS_SQL } from './like-pattern';

export type NewPostmortem = Omit<PostmortemEntity, 'seq'>;
export type PostmortemChanges = Partial<Omit<PostmortemEntity, 'id' | 'seq' | 'createdAt'>>;

export interface PostmortemListFilter {
  kind?: PostmortemKind;
  severity?: Severity;
  /** Only post-mortems whose services include this one. */
  service?: string;
  /** occurredAt ≥ from (inclusive). */
  from?: Date;
  /** occurredAt < to (exclusive), so consecutive ranges never count a post-mortem twice. */
  to?: Date;
  /** Title contains this text, ignoring case; `%`, `_` and `\` are literal. */
  titleContains?: string;
  /** Only the post-mortem a definitions file gave this stable id. */
  sourceId?: string;
  /** Only rows inserted before this `seq` (the page cursor). */
  beforeSeq?: string;
  limit: number;
}

export type PostmortemListPage = SeqPage<PostmortemEntity>;

@Injectable()
export class PostmortemRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(values: NewPostmortem, tx?: Tx): Promise<void> {
    const em = managerOf(tx, this.dataSource);
    await em.getRepository(PostmortemEntity).insert(values);
  }

  /** The post-mortems of these ids that exist. */
  findByIds(ids: string[], tx?: Tx): Promise<PostmortemEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return managerOf(tx, this.dataSource)
      .getRepository(PostmortemEntity)
      .findBy({ id: In(ids) });
  }

  /** With `lock`, the row is held FOR UPDATE until the surrounding transaction ends. */
  findById(id: string, tx?: Tx, lock = false): Promise<PostmortemEntity | null> {
    const em = managerOf(tx, this.dataSource);
    return em.getRepository(PostmortemEntity).findOne({
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async update(id: string, changes: PostmortemChanges, tx?: Tx): Promise<void> {
    const em = managerOf(tx, this.dataSource);
    await em.getRepository(PostmortemEntity).update({ id }, changes);
  }

  async delete(id: string, tx?: Tx): Promise<boolean> {
    const em = managerOf(tx, this.dataSource);
    const result = await em.getRepository(PostmortemEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /** The ids of the post-mortems named by id or by sourceId, by the name used: unknown names are absent. */
  async idsByIdOrSourceId(ids: string[], sourceIds: string[], tx?: Tx): Promise<Map<string, string>> {
    const where = [
      ...(ids.length ? [{ id: In(ids) }] : []),
      ...(sourceIds.length ? [{ sourceId: In(sourceIds) }] : []),
    ];
    if (where.length === 0) return new Map();
    const em = managerOf(tx, this.dataSource);
    const found = await em.getRepository(PostmortemEntity).find({ select: { id: true, sourceId: true }, where });
    const byName = new Map<string, string>();
    for (const { id, sourceId } of found) {
      if (ids.includes(id)) byName.set(id, id);
      if (sourceId !== null && sourceIds.includes(sourceId)) byName.set(sourceId, id);
    }
    return byName;
  }

  /** Corrective actions linked to the post-mortem (the foreign key that blocks its deletion). */
  async countLinkedActions(id: string, tx?: Tx): Promise<number> {
    const em = managerOf(tx, this.dataSource);
    const rows: Array<{ n: number }> = await em.query(
      'SELECT count(*)::int AS n FROM actions WHERE postmortem_id = $1',
      [id],
    );
    return rows[0]?.n ?? 0;
  }

  /** Newest first by insertion order. */
  list(filter: PostmortemListFilter, tx?: Tx): Promise<PostmortemListPage> {
    const em = managerOf(tx, this.dataSource);
    const qb = em.getRepository(PostmortemEntity).createQueryBuilder('p');
    if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
    if (filter.severity) qb.andWhere('p.severity = :severity', { severity: filter.severity });
    // Containment rather than ANY() so the GIN index on services applies.
    if (filter.service) qb.andWhere('p.services @> ARRAY[:service]::text[]', { service: filter.service });
    if (filter.from) qb.andWhere('p.occurredAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('p.occurredAt < :to', { to: filter.to });
    if (filter.titleContains)
      qb.andWhere(TITLE_CONTAINS_SQL('p.title', 'title'), { title: containsPattern(filter.titleContains) });
    if (filter.sourceId !== undefined) qb.andWhere('p.sourceId = :sourceId', { sourceId: filter.sourceId });
    return newestFirstBySeq(qb, filter.beforeSeq, filter.limit);
  }
}
