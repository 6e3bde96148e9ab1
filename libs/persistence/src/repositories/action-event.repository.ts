import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionEventEntity, ActionEventType, FieldChanges } from '../entities/action-event.entity';
import { appendInOrder } from './audit-order';
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

  /** Appends an event, after the action's previous one (the writer holds the action's row lock). */
  append(event: NewActionEvent, tx: Tx): Promise<ActionEventEntity> {
    return appendInOrder(managerOf(tx).getRepository(ActionEventEntity), { actionId: event.actionId }, event);
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
