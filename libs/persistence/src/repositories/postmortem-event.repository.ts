import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FieldChanges } from '@app/domain';
import { PostmortemEventEntity, type PostmortemEventType } from '../entities/postmortem-event.entity';
import { appendInOrder } from './audit-order';
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

  /** Appends an event, after the post-mortem's previous one (the writer holds its row lock). */
  append(event: NewPostmortemEvent, tx: Tx): Promise<PostmortemEventEntity> {
    return appendInOrder(
      managerOf(tx).getRepository(PostmortemEventEntity),
      { postmortemId: event.postmortemId },
      event,
    );
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
