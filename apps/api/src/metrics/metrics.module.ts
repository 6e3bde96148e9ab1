import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ScoringModule } from '@app/scorer-core';
import { ActionFlagsRefresher } from '../actions/action-flags.refresher';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  // ScoringModule provides the configured datasources, to check a query when it is attached.
  imports: [PersistenceModule, ScoringModule],
  controllers: [MetricsController],
  providers: [MetricsService, ActionFlagsRefresher],
})
export class MetricsModule {}
