import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from './transaction-runner';
import { managerOf, type Tx } from './tx';

/** A data source that records how transactions were asked for and hands out one manager. */
function fakeDataSource(manager: EntityManager) {
  const calls: unknown[][] = [];
  const dataSource = {
    manager: { own: true } as unknown as EntityManager,
    transaction: (...args: unknown[]) => {
      calls.push(args.slice(0, -1));
      const work = args[args.length - 1] as (m: EntityManager) => Promise<unknown>;
      return work(manager);
    },
  } as unknown as DataSource;
  return { dataSource, calls };
}

describe('TransactionRunner', () => {
  const manager = { inTransaction: true } as unknown as EntityManager;

  it("hands the work the transaction's manager, opaque, and returns its result", async () => {
    const { dataSource, calls } = fakeDataSource(manager);
    let seen: Tx | undefined;
    const result = await new TransactionRunner(dataSource).run(async (tx) => {
      seen = tx;
      return 42;
    });
    expect(result).toBe(42);
    expect(calls).toEqual([[]]);
    expect(managerOf(seen)).toBe(manager);
  });

  it('asks for the isolation level given', async () => {
    const { dataSource, calls } = fakeDataSource(manager);
    await new TransactionRunner(dataSource).run(async () => undefined, 'REPEATABLE READ');
    expect(calls).toEqual([['REPEATABLE READ']]);
  });

  it('passes a failure of the work on (the data source rolls back)', async () => {
    const { dataSource } = fakeDataSource(manager);
    await expect(
      new TransactionRunner(dataSource).run(async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
  });
});

describe('managerOf', () => {
  it("uses the data source's own manager outside a transaction", () => {
    const { dataSource } = fakeDataSource({} as EntityManager);
    expect(managerOf(undefined, dataSource)).toBe(dataSource.manager);
  });

  it('refuses a statement that needs a transaction when none is given', () => {
    expect(() => managerOf(undefined)).toThrow('this statement must run inside a transaction');
  });
});
