// Fixes to @electric-sql/pglite-socket 0.1.3, the server that `prisma dev` puts
// in front of PGlite, for clients with connection pools (the app, the tests,
// Prisma Studio). PGlite is a single session: the server queues the protocol
// messages of every connection and runs them there one at a time. As released:
// - it hands the session to another connection in the middle of an
//   extended-protocol batch (Parse, Bind, Describe, Execute … Sync), so two
//   concurrent parameterized queries overwrite each other's unnamed statement
//   ("bind message supplies 3 parameters, but prepared statement "" requires 2",
//   or rows of the other query);
// - a message that throws stops the queue for good;
// - `prisma dev` lets 10 clients connect and drops the 11th, while the app's
//   pool alone opens 10 under load.
// Upstream: electric-sql/pglite issue #1046, pull request #977. Drop this file
// once `prisma dev` ships a pglite-socket that keeps batches together.
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** Queries are queued in one session anyway: more connections cost only sockets. */
const MAX_CONNECTIONS = 100;

/** Message types that continue an extended-protocol batch until its Sync. */
const BATCH_MESSAGES = new Set([..."PBDECH"].map((type) => type.charCodeAt(0)));
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData(data: Uint8Array): void;
  resolve(bytes: number): void;
  reject(error: unknown): void;
}

/** The parts of pglite-socket's (unexported) QueryQueueManager this file replaces or uses. */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  inBatch?: boolean;
  db: {
    isInTransaction(): boolean;
    exec(sql: string): Promise<unknown>;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

/** Runs queued messages; the connection inside a transaction or a batch keeps the session until it ends. */
async function processQueue(this: QueryQueue) {
  if (this.processing) return;
  this.processing = true;
  try {
    while (this.queue.length > 0) {
      const owner = this.inBatch || this.db.isInTransaction() ? this.lastHandlerId : null;
      const index = owner === null ? 0 : this.queue.findIndex((queued) => queued.handlerId === owner);
      // The owner's next message, when it comes, starts the queue again.
      if (index === -1) return;
      const [next] = this.queue.splice(index, 1) as [QueuedMessage];
      let bytes = 0;
      try {
        await this.db.runExclusive(() =>
          this.db.execProtocolRawStream(next.message, {
            onRawData: (data) => {
              bytes += data.length;
              next.onData(data);
            },
          }),
        );
      } catch (error) {
        next.reject(error);
        continue;
      }
      this.lastHandlerId = next.handlerId;
      this.inBatch = BATCH_MESSAGES.has(next.message[0]!);
      next.resolve(bytes);
    }
  } finally {
    this.processing = false;
  }
}

/** When a connection goes, ends its batch and rolls back its transaction, then serves the others. */
async function releaseSession(this: QueryQueue, handlerId: number) {
  if (this.lastHandlerId !== handlerId) return;
  if (this.inBatch) {
    this.inBatch = false;
    await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC, { onRawData: () => {} }));
  }
  if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
  this.lastHandlerId = null;
  await this.processQueue();
}

let applied = false;

/** Applies the fixes to every socket server started from now on. */
export function applyPgliteSocketFixes() {
  if (applied) return;
  applied = true;
  const { start } = PGLiteSocketServer.prototype;
  PGLiteSocketServer.prototype.start = function (this: PGLiteSocketServer) {
    const server = this as unknown as { maxConnections: number; queryQueue: QueryQueue };
    server.maxConnections = MAX_CONNECTIONS;
    Object.assign(server.queryQueue, { processQueue, clearTransactionIfNeeded: releaseSession });
    return start.call(this);
  };
}
