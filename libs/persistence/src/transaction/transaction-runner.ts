import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { txOf, type Tx } from './tx';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Runs a unit of work in one transaction: committed when `work` resolves, rolled back when it
 * throws. Every statement of the work goes through `tx`; on the embedded database the transaction
 * holds the one connection from BEGIN to the end (see embedded/embedded-pool.ts), so a query made
 * outside `tx` meanwhile would wait for it.
 */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (isolation) return this.dataSource.transaction(isolation, (manager) => work(txOf(manager)));
    return this.dataSource.transaction((manager) => work(txOf(manager)));
  }
}
