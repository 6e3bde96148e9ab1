import { Module } from '@nestjs/common';
import { ScoringModule } from '@app/scorer-core';
import { ScoringRequestsService } from './scoring-requests.service';
import { ScoringController } from './scoring.controller';

@Module({
  imports: [ScoringModule],
  controllers: [ScoringController],
  providers: [ScoringRequestsService],
})
export class ScoringApiModule {}
