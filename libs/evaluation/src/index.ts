export * from './scoring.module';
export * from './scoring-scheduler.module';
export * from './scoring.service';
export * from './backfill.service';
export * from './preview.service';
export * from './scored-check';
export * from './metric-spec';
export * from './outcome-writer';
