// The driver adapter under the app's Prisma Client: Prisma 7's better-sqlite3 adapter with two
// changes that keep writes safe (issue 19, point 7). It has no option for either.
//
// 1. Write transactions take SQLite's write lock up front. The stock adapter starts every
//    transaction (interactive, batch, and Prisma's own for upserts and nested writes) with a plain
//    `BEGIN`, which is DEFERRED: it reads under a snapshot and asks for the write lock only at its
//    first write. If another connection (a second process: a CLI, `db:setup`'s seed, a second
//    server) wrote in between, the upgrade fails with SQLITE_BUSY_SNAPSHOT in the middle of the
//    transaction, whatever the busy timeout. `BEGIN IMMEDIATE` waits for the lock before reading,
//    so the busy timeout applies and the reads it makes are still current when it writes.
//    Transactions here exist to write, so making them all IMMEDIATE costs nothing.
// 2. One connection, one transaction at a time, and nothing else meanwhile. The stock adapter
//    queues transactions behind a mutex but lets queries made outside a transaction run on the
//    same connection while one is open. Such a query then joins that transaction: a write that
//    was acknowledged is undone if the transaction rolls back, and a read sees uncommitted rows.
//    Here every query outside a transaction waits for the open one to finish. (So code inside an
//    interactive `$transaction(async (tx) => …)` must use `tx`, not the outer client: a query on the
//    outer client would wait for the transaction that waits for it, until Prisma's timeout.)
//
// Connection settings applied once on connect are in CONNECTION_PRAGMAS.

import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils';

/**
 * Per-connection settings (SQLite does not store these in the file, unlike WAL).
 * synchronous=NORMAL is the setting SQLite recommends with WAL: a commit is written to the WAL but
 * not fsynced, and fsyncs happen at checkpoints. A process crash (`kill -9`) loses nothing that
 * was committed (the OS has the pages; the soak test proves it); a power cut or kernel crash may
 * lose the last commits but never corrupts the file. FULL would fsync the WAL on every commit,
 * the price of power-cut durability that learner progress does not need. better-sqlite3 is built
 * with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so NORMAL is already what a WAL file gets; saying it here
 * keeps it so if the build (or the driver) changes.
 */
export const CONNECTION_PRAGMAS = [
  'PRAGMA synchronous = NORMAL',
  // Reads the file at once, so from its first moment the connection holds the shared lock SQLite
  // keeps on an open WAL database: the sign `npm run db:restore` looks for before replacing it.
  'PRAGMA schema_version',
] as const;

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

/** A FIFO lock: one holder at a time, waiters served in arrival order. */
class Gate {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with the release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return turn;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** A transaction on the shared connection; commit/rollback SQL is sent by Prisma itself. */
class ImmediateTransaction implements Transaction {
  readonly provider: 'sqlite';
  readonly adapterName: string;
  // false: Prisma sends COMMIT/ROLLBACK through executeRaw, then calls commit()/rollback().
  readonly options = { usePhantomQuery: false };
  private released = false;

  constructor(
    private readonly connection: SqlDriverAdapter,
    private readonly release: () => void,
  ) {
    this.provider = 'sqlite';
    this.adapterName = connection.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.connection.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.connection.executeRaw(query);
  }

  commit(): Promise<void> {
    this.end();
    return Promise.resolve();
  }

  rollback(): Promise<void> {
    this.end();
    return Promise.resolve();
  }

  async createSavepoint(name: string): Promise<void> {
    await this.connection.executeRaw(statement(`SAVEPOINT ${name}`));
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.connection.executeRaw(statement(`ROLLBACK TO ${name}`));
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.connection.executeRaw(statement(`RELEASE SAVEPOINT ${name}`));
  }

  private end(): void {
    if (this.released) return;
    this.released = true;
    this.release();
  }
}

/** The stock adapter's connection, with IMMEDIATE transactions that nothing else interleaves with. */
class ImmediateTransactionsAdapter implements SqlDriverAdapter {
  readonly provider: 'sqlite';
  readonly adapterName: string;
  private readonly gate = new Gate();

  constructor(private readonly connection: SqlDriverAdapter) {
    this.provider = 'sqlite';
    this.adapterName = connection.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.gate.run(() => this.connection.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.gate.run(() => this.connection.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.gate.run(() => this.connection.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // SQLite transactions are serializable; the stock adapter refuses other levels the same way.
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') {
      throw new DriverAdapterError({ kind: 'InvalidIsolationLevel', level: isolationLevel });
    }
    const release = await this.gate.acquire();
    try {
      // Waits up to the busy timeout for another connection's write to finish.
      await this.connection.executeRaw(statement('BEGIN IMMEDIATE'));
    } catch (error) {
      release();
      throw error;
    }
    return new ImmediateTransaction(this.connection, release);
  }

  getConnectionInfo() {
    return this.connection.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose(): Promise<void> {
    return this.gate.run(() => this.connection.dispose());
  }
}

/** Wraps a SQLite adapter factory (PrismaBetterSqlite3) so its connections behave as described above. */
export function immediateTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: 'sqlite',
    adapterName: factory.adapterName,
    async connect() {
      const connection = await factory.connect();
      // queryRaw: it runs statements that answer with rows (schema_version) as well as ones that do not.
      for (const pragma of CONNECTION_PRAGMAS) await connection.queryRaw(statement(pragma));
      return new ImmediateTransactionsAdapter(connection);
    },
  };
}
