import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { PostmortemsController } from './postmortems.controller';
import { PostmortemsService } from './postmortems.service';
import { PostmortemReportService } from './report/postmortem-report.service';

@Module({
  imports: [PersistenceModule],
  controllers: [PostmortemsController],
  providers: [PostmortemsService, PostmortemReportService],
  exports: [PostmortemReportService],
})
export class PostmortemsModule {}
