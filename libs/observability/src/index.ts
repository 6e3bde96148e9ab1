export * from './metrics-registry';
export * from './metrics/scoring.metrics';
export * from './observability.module';
export * from './tracing/traced';
export * from './tracing/tracing.bootstrap';
export * from './metrics/metrics-http.server';
