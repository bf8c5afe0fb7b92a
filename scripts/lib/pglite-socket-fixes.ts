// Fixes to @electric-sql/pglite-socket 0.1.3, the server that `prisma dev` puts
// in front of PGlite, for clients with connection pools (the app, the tests,
// Prisma Studio). PGlite is a single session: the server queues the protocol
// messages of every connection and runs them there one at a time. As released:
// - it lets other messages into the session in the middle of an
//   extended-protocol batch (Parse, Bind, Describe, Execute … Sync): another
//   connection's, or prisma dev's own queries (its WAL feed runs after every
//   write). They replace the batch's unnamed statement, and its Bind fails
//   ("bind message supplies 2 parameters, but prepared statement "" requires
//   0") or reads another query's rows;
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
const ROLLBACK = new Uint8Array([0x51, 0, 0, 0, 13, ...new TextEncoder().encode("ROLLBACK"), 0]);

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData(data: Uint8Array): void;
  resolve(bytes: number): void;
  reject(error: unknown): void;
}

interface Session {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(
    message: Uint8Array,
    options: { onRawData(data: Uint8Array): void },
  ): Promise<unknown>;
}

/** The parts of pglite-socket's (unexported) QueryQueueManager this file replaces or uses. */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  inBatch?: boolean;
  /** Ends this queue's hold on PGlite's lock, while a connection owns the session. */
  unlock?: () => void;
  db: Session;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

/** Takes PGlite's lock (the one its own queries take) until the returned function is called. */
function lock(session: Session) {
  return new Promise<() => void>((locked) => {
    void session.runExclusive(() => new Promise<void>((unlock) => locked(unlock)));
  });
}

/**
 * Runs queued messages. The connection inside a batch or a transaction owns
 * the session until it ends: the queue serves only its messages and keeps
 * PGlite locked in between, so nothing else runs there meanwhile.
 */
async function processQueue(this: QueryQueue) {
  if (this.processing) return;
  this.processing = true;
  try {
    while (this.queue.length > 0) {
      const owner = this.unlock ? this.lastHandlerId : null;
      const index = owner === null ? 0 : this.queue.findIndex((queued) => queued.handlerId === owner);
      // The owner's next message, when it comes, starts the queue again.
      if (index === -1) return;
      const [next] = this.queue.splice(index, 1) as [QueuedMessage];
      this.unlock ??= await lock(this.db);
      let bytes = 0;
      try {
        await this.db.execProtocolRawStream(next.message, {
          onRawData: (data) => {
            bytes += data.length;
            next.onData(data);
          },
        });
        next.resolve(bytes);
      } catch (error) {
        next.reject(error);
      }
      this.lastHandlerId = next.handlerId;
      this.inBatch = BATCH_MESSAGES.has(next.message[0]!);
      if (!this.inBatch && !this.db.isInTransaction()) {
        this.unlock();
        this.unlock = undefined;
      }
    }
  } finally {
    this.processing = false;
  }
}

/** When the connection that owns the session goes, ends its batch and rolls back its transaction. */
async function releaseSession(this: QueryQueue, handlerId: number) {
  if (this.lastHandlerId !== handlerId || !this.unlock) return;
  for (const message of [SYNC, ROLLBACK]) {
    this.queue.push({ handlerId, message, onData: () => {}, resolve: () => {}, reject: () => {} });
  }
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
