import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [PersistenceModule],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class MetricsModule {}
