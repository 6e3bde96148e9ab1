import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ActionsModule } from '../actions/actions.module';
import { TrackerImportController } from './tracker-import.controller';
import { TrackerImportService } from './tracker-import.service';
import { TrackersModule } from './trackers.module';

/** Importing issues as actions: needs both the trackers and the actions, so it sits above both modules. */
@Module({
  imports: [PersistenceModule, TrackersModule, ActionsModule],
  controllers: [TrackerImportController],
  providers: [TrackerImportService],
})
export class TrackerImportModule {}
