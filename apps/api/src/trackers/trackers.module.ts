import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { TrackerLinkService } from './tracker-link.service';
import { TrackerRegistry } from './tracker-registry';
import { TrackersController } from './trackers.controller';

/** Issue trackers: the configured ones, links of actions to issues, imports, webhooks, write-back. */
@Module({
  imports: [PersistenceModule],
  controllers: [TrackersController],
  providers: [TrackerRegistry, TrackerLinkService],
  exports: [TrackerRegistry, TrackerLinkService],
})
export class TrackersModule {}
