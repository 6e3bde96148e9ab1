import { Module } from '@nestjs/common';
import { ScoringModule } from '@app/evaluation';
import { PersistenceModule } from '@app/persistence';
import { ActionChangeWriter } from '../actions/action-change.writer';
import { ActionFlagsRefresher } from '../actions/action-flags.refresher';
import { TrackerLinkService } from './tracker-link.service';
import { TrackerPollController } from './tracker-poll.controller';
import { TrackerPollScheduler } from './tracker-poll.scheduler';
import { TrackerPollService } from './tracker-poll.service';
import { TrackerRegistry } from './tracker-registry';
import { TrackerStatusSync } from './tracker-status.sync';
import { TrackerWebhookController } from './tracker-webhook.controller';
import { TrackerWebhookService } from './tracker-webhook.service';
import { TrackersController } from './trackers.controller';
import { WebhookRateLimitGuard } from './webhook-rate-limit.guard';
import { OutcomeWritebackService } from './writeback/outcome-writeback.service';

/** Issue trackers: the configured ones, links of actions to issues, imports, webhooks, write-back. */
@Module({
  imports: [PersistenceModule, ScoringModule],
  controllers: [TrackersController, TrackerWebhookController, TrackerPollController],
  providers: [
    TrackerRegistry,
    TrackerLinkService,
    // Stateless writers shared with the actions module (which imports this one), provided here too.
    ActionChangeWriter,
    ActionFlagsRefresher,
    TrackerStatusSync,
    TrackerWebhookService,
    WebhookRateLimitGuard,
    TrackerPollService,
    TrackerPollScheduler,
    OutcomeWritebackService,
  ],
  exports: [TrackerRegistry, TrackerLinkService, OutcomeWritebackService],
})
export class TrackersModule {}
