import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FieldChanges } from '@app/domain';
import { PostmortemEventEntity, type PostmortemEventType } from '../entities/postmortem-event.entity';
import { keysetPage, type EventPosition, type KeysetPage } from './keyset-page';
import { managerOf, type Tx } from '../transaction/tx';

export interface NewPostmortemEvent {
  postmortemId: string;
  actor: string;
  type: PostmortemEventType;
  changes: FieldChanges;
  at: Date;
}

/** A post-mortem's audit trail. */
@Injectable()
export class PostmortemEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an event; the writer holds the publication's row lock. Stamped at least 1 ms after the
   * previous event, so "oldest first" is the order of the changes even within one millisecond.
   */
  async append(event: NewPostmortemEvent, tx: Tx): Promise<PostmortemEventEntity> {
    const repo = managerOf(tx).getRepository(PostmortemEventEntity);
    const last = await repo.findOne({
      where: { postmortemId: event.postmortemId },
      order: { at: 'DESC' },
      select: { id: true, at: true },
    });
    const at = last && last.at.getTime() >= event.at.getTime() ? new Date(last.at.getTime() + 1) : event.at;
    return repo.save(repo.create({ ...event, at }));
  }

  /** Oldest first. */
  page(
    postmortemId: string,
    after: EventPosition | null,
    limit: number,
    tx?: Tx,
  ): Promise<KeysetPage<PostmortemEventEntity>> {
    const qb = managerOf(tx, this.dataSource)
      .getRepository(PostmortemEventEntity)
      .createQueryBuilder('e')
      .where('e.postmortemId = :postmortemId', { postmortemId });
    return keysetPage(qb, { by: 'at', direction: 'ASC' }, after, limit);
  }
}
