import type { FindOptionsOrder, FindOptionsSelect, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';

/**
 * Saves an audit event stamped at least 1 ms after the newest one of the same subject, so "oldest
 * first" is the order in which the changes were made even when two land within one millisecond.
 * The writer holds the subject's row lock, so reading the newest event here is race-free.
 */
export async function appendInOrder<E extends ObjectLiteral & { id: string; at: Date }>(
  repo: Repository<E>,
  subject: FindOptionsWhere<E>,
  event: Omit<E, 'id'>,
): Promise<E> {
  const last = await repo.findOne({
    where: subject,
    order: { at: 'DESC' } as FindOptionsOrder<E>,
    select: { id: true, at: true } as FindOptionsSelect<E>,
  });
  const at = last && last.at.getTime() >= event.at.getTime() ? new Date(last.at.getTime() + 1) : event.at;
  return repo.save(repo.create({ ...event, at } as unknown as E));
}
