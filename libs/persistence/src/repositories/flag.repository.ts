import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { FlagEntity } from '../entities/flag.entity';

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
}
