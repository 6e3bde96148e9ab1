export * from './success-metric-definition';
export * from './success-metric.rules';
export * from './metric-selector.rules';
export * from './selector-to-promql';
export * from './selector-query';
export * from './measurement';
export * from './promql-cost.rules';
