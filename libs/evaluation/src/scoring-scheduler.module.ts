import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ScoringModule } from './scoring.module';
import { ScoringScheduler } from './scoring.scheduler';

/** The scoring tick, for processes that score on their own (the one-process service, the scorer worker). */
@Module({
  imports: [ScheduleModule.forRoot(), ScoringModule],
  providers: [ScoringScheduler],
})
export class ScoringSchedulerModule {}
