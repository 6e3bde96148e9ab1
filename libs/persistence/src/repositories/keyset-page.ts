import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Where a page of a list ordered by (a time, id) starts: after this row. */
export interface EventPosition {
  at: Date;
  id: string;
}

export interface KeysetPage<T> {
  items: T[];
  /** Where the next page starts, or null on the last page. */
  next: EventPosition | null;
}

/**
 * One page of a list ordered by (a time column, id), oldest or newest first, after a position.
 * Keyset, not offset: a row written while someone pages is neither skipped nor shown twice. One
 * row more than asked is fetched to know whether a next page exists.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  order: { by: keyof T & string; direction: 'ASC' | 'DESC' },
  after: EventPosition | null,
  limit: number,
): Promise<KeysetPage<T>> {
  const { alias } = qb;
  const { by, direction } = order;
  qb.orderBy(`${alias}.${by}`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(limit + 1);
  if (after) {
    const beyond = direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${alias}.${by}, ${alias}.id) ${beyond} (:pageAt, :pageId::uuid)`, {
      pageAt: after.at,
      pageId: after.id,
    });
  }
  const rows = await qb.getMany();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { at: last[by] as Date, id: last.id } : null };
}

export interface SeqPage<T> {
  items: T[];
  /** The `seq` to continue after, or null on the last page. */
  nextSeq: string | null;
}

/**
 * One page of a list in insertion order, newest first: the rows before the `seq` cursor (none: the
 * first page). `seq` is never selected by default, so it is added here. One row more than asked is
 * fetched to know whether a next page exists.
 */
export async function newestFirstBySeq<T extends ObjectLiteral & { seq: string }>(
  qb: SelectQueryBuilder<T>,
  beforeSeq: string | null | undefined,
  limit: number,
): Promise<SeqPage<T>> {
  const { alias } = qb;
  qb.addSelect(`${alias}.seq`)
    .orderBy(`${alias}.seq`, 'DESC')
    .limit(limit + 1);
  if (beforeSeq) qb.andWhere(`${alias}.seq < :beforeSeq`, { beforeSeq });
  const rows = await qb.getMany();
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items, nextSeq: more ? String(items[items.length - 1].seq) : null };
}
