import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ScoringModule } from '@app/scorer-core';
import { ScoringRequestsService } from './scoring-requests.service';
import { ScoringController } from './scoring.controller';

@Module({
  imports: [PersistenceModule, ScoringModule],
  controllers: [ScoringController],
  providers: [ScoringRequestsService],
})
export class ScoringApiModule {}
