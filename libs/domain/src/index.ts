export * from './types';
export * from './domain.errors';
export * from './remediation-slo';
export * from './notification-event';
export * from './metric-name-pattern';
export * from './duration';
export * from './success-metric';
export * from './action';
