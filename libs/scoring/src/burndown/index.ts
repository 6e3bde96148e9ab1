export * from './burndown-buckets';
export * from './burndown-forecast';
export * from './ideal-line';
export * from './time-zone';
