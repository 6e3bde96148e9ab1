import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionEventEntity, ActionEventType, FieldChanges } from '../entities/action-event.entity';
import { keysetPage, type EventPosition, type KeysetPage } from './keyset-page';
import { managerOf, type Tx } from '../transaction/tx';

export interface NewActionEvent {
  actionId: string;
  actor: string;
  type: ActionEventType;
  changes: FieldChanges;
  at: Date;
}

export type ActionEventPage = KeysetPage<ActionEventEntity>;

@Injectable()
export class ActionEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an event. Writers hold the action's row lock, so reading the last event here is
   * race-free; each event is stamped at least 1 ms after the previous one, so "oldest first"
   * is the order in which the changes were made even when two land within one millisecond.
   */
  async append(event: NewActionEvent, tx: Tx): Promise<ActionEventEntity> {
    const em = managerOf(tx);
    const repo = em.getRepository(ActionEventEntity);
    const last = await repo.findOne({
      where: { actionId: event.actionId },
      order: { at: 'DESC' },
      select: { id: true, at: true },
    });
    const at = last && last.at.getTime() >= event.at.getTime() ? new Date(last.at.getTime() + 1) : event.at;
    return repo.save(repo.create({ ...event, at }));
  }

  /** Oldest first; fetches one row more than asked to know whether a next page exists. */
  async page(actionId: string, after: EventPosition | null, limit: number, tx?: Tx): Promise<ActionEventPage> {
    const em = managerOf(tx, this.dataSource);
    const qb = em
      .getRepository(ActionEventEntity)
      .createQueryBuilder('e')
      .where('e.actionId = :actionId', { actionId });
    return keysetPage(qb, { by: 'at', direction: 'ASC' }, after, limit);
  }
}
