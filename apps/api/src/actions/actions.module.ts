import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ActionQueryService } from './action-query.service';
import { ActionUpdateService } from './action-update.service';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';

@Module({
  imports: [PersistenceModule],
  controllers: [ActionsController],
  providers: [ActionsService, ActionUpdateService, ActionQueryService],
})
export class ActionsModule {}
