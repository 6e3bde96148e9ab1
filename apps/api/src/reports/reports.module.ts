import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ReportsController } from './reports.controller';
import { ReportCache } from './report-cache';
import { ReportsService } from './reports.service';

@Module({
  imports: [PersistenceModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportCache],
  exports: [ReportCache],
})
export class ReportsModule {}
