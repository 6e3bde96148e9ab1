import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ScoringModule } from '@app/evaluation';
import { TrackersModule } from '../trackers/trackers.module';
import { ActionChangeWriter } from './action-change.writer';
import { ActionFlagsRefresher } from './action-flags.refresher';
import { ActionImportService } from './action-import.service';
import { ActionQueryService } from './action-query.service';
import { ActionUpdateService } from './action-update.service';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';

@Module({
  imports: [PersistenceModule, ScoringModule, TrackersModule],
  controllers: [ActionsController],
  providers: [
    ActionsService,
    ActionChangeWriter,
    ActionUpdateService,
    ActionQueryService,
    ActionFlagsRefresher,
    ActionImportService,
  ],
  exports: [ActionsService, ActionQueryService, ActionFlagsRefresher],
})
export class ActionsModule {}
