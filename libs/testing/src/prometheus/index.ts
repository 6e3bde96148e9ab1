export * from './openmetrics.writer';
export * from './prometheus.fixture';
export * from './prometheus-per-file';
export * from './checkout-latency.series';
export * from './ar1-noise.series';
