export * from './types';
export * from './action-workflow';
export * from './domain.errors';
export * from './remediation-slo';
export * from './status-change';
export * from './transition-refusal';
export * from './notification-event';
export * from './metric-name-pattern';
