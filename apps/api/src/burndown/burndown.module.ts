import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ReportsModule } from '../reports/reports.module';
import { BurndownController } from './burndown.controller';
import { BurndownService } from './burndown.service';

@Module({
  imports: [PersistenceModule, ReportsModule],
  controllers: [BurndownController],
  providers: [BurndownService],
})
export class BurndownModule {}
