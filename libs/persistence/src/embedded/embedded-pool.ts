import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

type Release = (err?: unknown) => void;
type ConnectCallback = (err: Error | null, client: EmbeddedClient | null, release: Release) => void;

/** A node-postgres shaped result, which is what TypeORM's postgres driver reads. */
interface PgResult {
  rows: unknown[];
  rowCount: number;
  command: string;
}

/**
 * PGlite is a single connection. TypeORM's postgres driver assumes a pool whose clients are
 * separate sessions, so two concurrent transactions would interleave their statements on the
 * one PGlite session and commit each other's work. This pool hands out that session to one
 * borrower at a time (a pool of size one, as `pg.Pool({max: 1})` would), in FIFO order, so a
 * transaction owns the database from BEGIN to release.
 */
export class EmbeddedPool extends EventEmitter {
  private readonly waiters: Array<() => void> = [];
  private busy = false;

  constructor(
    private readonly db: PGlite,
    private readonly acquireTimeoutMs: number,
    /** Runs once the database is closed (frees the data folder for the next process). */
    private readonly onClosed: () => void = () => undefined,
  ) {
    super();
  }

  connect(callback?: ConnectCallback): Promise<EmbeddedClient> | void {
    const acquired = this.acquire().then(() => {
      let released = false;
      const client = new EmbeddedClient(this.db);
      const release: Release = () => {
        if (released) return;
        released = true;
        this.handOver();
      };
      return { client, release };
    });
    if (!callback) return acquired.then(({ client }) => client);
    acquired.then(
      ({ client, release }) => callback(null, client, release),
      (err: Error) => callback(err, null, () => undefined),
    );
  }

  end(callback?: (err?: Error | null) => void): Promise<void> | void {
    const closing = (this.db.closed ? Promise.resolve() : this.db.close()).finally(this.onClosed);
    if (!callback) return closing;
    closing.then(
      () => callback(null),
      (err: Error) => callback(err),
    );
  }

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        clearTimeout(timer);
        resolve();
      };
      // A borrower waiting this long means a connection was never released (a query made
      // outside the transaction that holds the session): fail loudly instead of hanging.
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`embedded database busy for more than ${this.acquireTimeoutMs} ms`));
      }, this.acquireTimeoutMs);
      this.waiters.push(grant);
    });
  }

  private handOver(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.busy = false;
  }
}

export class EmbeddedClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[]): Promise<PgResult> {
    if (params && params.length > 0) return toPgResult(sql, await this.db.query(sql, params));
    // exec runs several statements (migrations); TypeORM reads the last statement's result.
    const results = await this.db.exec(sql);
    return toPgResult(sql, results[results.length - 1]);
  }
}

function toPgResult(sql: string, result: Results | undefined): PgResult {
  const rows = (result?.rows ?? []) as unknown[];
  return {
    rows,
    rowCount: result?.affectedRows ?? rows.length,
    command: sql.trimStart().split(/\s/, 1)[0].toUpperCase(),
  };
}
