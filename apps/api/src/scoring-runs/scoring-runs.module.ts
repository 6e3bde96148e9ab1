import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ScoringModule } from '@app/evaluation';
import { ScoringRunsService } from './scoring-runs.service';
import { ScoringRunsController } from './scoring-runs.controller';

@Module({
  imports: [PersistenceModule, ScoringModule],
  controllers: [ScoringRunsController],
  providers: [ScoringRunsService],
})
export class ScoringRunsModule {}
