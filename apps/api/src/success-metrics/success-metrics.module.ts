import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ScoringModule } from '@app/evaluation';
import { ActionFlagsRefresher } from '../actions/action-flags.refresher';
import { SuccessMetricsController } from './success-metrics.controller';
import { SuccessMetricsService } from './success-metrics.service';

@Module({
  // ScoringModule provides the configured datasources, to check a query when it is attached.
  imports: [PersistenceModule, ScoringModule],
  controllers: [SuccessMetricsController],
  providers: [SuccessMetricsService, ActionFlagsRefresher],
})
export class SuccessMetricsModule {}
