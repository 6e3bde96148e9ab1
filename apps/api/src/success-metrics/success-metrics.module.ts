import { Module } from '@nestjs/common';
import { DatasourcesModule } from '@app/datasources';
import { PersistenceModule } from '@app/persistence';
import { ScoringModule } from '@app/evaluation';
import { ActionFlagsRefresher } from '../actions/action-flags.refresher';
import { SuccessMetricsController } from './success-metrics.controller';
import { SuccessMetricsService } from './success-metrics.service';

@Module({
  // DatasourcesModule: a query is checked against its datasource when it is attached. ScoringModule:
  // the action's flags are brought up to date after a change (ActionFlagsRefresher).
  imports: [PersistenceModule, DatasourcesModule, ScoringModule],
  controllers: [SuccessMetricsController],
  providers: [SuccessMetricsService, ActionFlagsRefresher],
})
export class SuccessMetricsModule {}
