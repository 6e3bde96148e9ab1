export type { Tx } from './tx';
export * from './transaction-runner';
