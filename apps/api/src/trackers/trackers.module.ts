import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { TrackerRegistry } from './tracker-registry';
import { TrackersController } from './trackers.controller';
import { OutcomeWritebackService } from './writeback/outcome-writeback.service';

/** Issue trackers: the configured ones, links of actions to issues, imports, webhooks, write-back. */
@Module({
  imports: [PersistenceModule],
  controllers: [TrackersController],
  providers: [TrackerRegistry, OutcomeWritebackService],
  exports: [TrackerRegistry, OutcomeWritebackService],
})
export class TrackersModule {}
