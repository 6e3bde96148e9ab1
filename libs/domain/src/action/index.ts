/**
 * The action aggregate. Each operation — open (or import), edit, move, verify by hand, verify by
 * telemetry — takes the action as stored and returns an ActionOutcome: the action after it, its
 * audit entries and its notification events. Services load the action, apply one operation and
 * save all three in one transaction.
 */
export * from './action';
export * from './action-dates';
export * from './action-notifications';
export * from './action-workflow';
export * from './audit-changes';
export * from './edit-action';
export * from './flag-notifications';
export * from './imported-status';
export * from './open-action';
export * from './status-change';
export * from './transition-path';
export * from './transition-refusal';
export * from './verify-by-telemetry';
