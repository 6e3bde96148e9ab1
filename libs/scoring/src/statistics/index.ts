export * from './block-means';
export * from './block-significance';
export * from './correlation-time';
export * from './seasonality';
export * from './test-blocks';
