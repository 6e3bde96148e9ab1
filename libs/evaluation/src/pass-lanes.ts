import { ConcurrencyLimiter } from '@app/datasources';

/**
 * The concurrency of one scoring pass, split so that no kind of work waits on another: a pool per
 * datasource for the checks (fetch and score), and one for the database work of each action (load
 * it, write its checks and outcome). No task holds a slot of one pool while it waits for another,
 * so a datasource that hangs or crawls fills only its own pool, and the checks of the others (and
 * the writes of their actions) go on (docs/operation.md, "Datasource calls").
 */
export class PassLanes {
  readonly database: ConcurrencyLimiter;
  private readonly datasources = new Map<string, ConcurrencyLimiter>();

  /** `limit`: tasks in flight per pool. */
  constructor(private readonly limit: number) {
    this.database = new ConcurrencyLimiter(limit);
  }

  /** The pool of checks on this datasource (made on first use). */
  datasource(name: string): ConcurrencyLimiter {
    let pool = this.datasources.get(name);
    if (!pool) {
      pool = new ConcurrencyLimiter(this.limit);
      this.datasources.set(name, pool);
    }
    return pool;
  }
}
