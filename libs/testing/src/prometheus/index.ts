export * from './openmetrics.writer';
export * from './prometheus.fixture';
