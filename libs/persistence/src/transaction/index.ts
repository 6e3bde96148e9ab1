export type { Tx } from './tx';
export * from './transaction-runner';
export * from './database-probe';
