import type { DataSource, EntityManager } from 'typeorm';

declare const TX: unique symbol;

/**
 * A transaction in progress, as code outside this library holds it: something to hand to
 * repositories, which run their statements in it. Only TransactionRunner makes one.
 */
export interface Tx {
  readonly [TX]: 'Tx';
}

export function txOf(manager: EntityManager): Tx {
  return manager as unknown as Tx;
}

/**
 * The EntityManager a repository runs on: the transaction's, or without one the data source's own
 * (each statement then commits alone).
 */
export function managerOf(tx: Tx | undefined, dataSource?: DataSource): EntityManager {
  if (tx) return tx as unknown as EntityManager;
  if (!dataSource) throw new Error('this statement must run inside a transaction');
  return dataSource.manager;
}
