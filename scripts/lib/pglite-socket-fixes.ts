// Fixes to @electric-sql/pglite-socket 0.1.3, the server that `prisma dev` (@prisma/dev 0.24.17)
// puts in front of PGlite, for clients with connection pools (the app, the tests, Prisma Studio).
// PGlite is a single session: the server queues the protocol messages of every connection and runs
// them there one at a time. scripts/lib/embedded-postgres.test.ts has one test per fix; delete this
// file when that test passes with `applyPgliteSocketFixes()` removed from embedded-postgres.ts.
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * Connections the server accepts. Queries are queued in one session anyway: more connections cost
 * only sockets.
 * Works around: `prisma dev` fixes the server's limit at 10 (its `connectionLimit`, not an option
 * of @prisma/dev 0.24.17) and the server drops the 11th connection (the client sees ECONNRESET),
 * while the app's pool alone opens 10 under load.
 * Delete when the test "accepts more connections than one pool opens" passes without it.
 */
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
 * Replaces QueryQueueManager.processQueue. The connection inside a batch or a transaction owns the
 * session until it ends: the queue serves only its messages and keeps PGlite locked in between,
 * so nothing else runs there meanwhile; a message that fails fails alone.
 * Works around electric-sql/pglite#1046: the queue lets other messages into the session in the
 * middle of an extended-protocol batch (Parse, Bind, Describe, Execute … Sync): another
 * connection's, or prisma dev's own queries (its WAL feed runs after every write). They replace
 * the batch's unnamed statement, and its Bind fails ("bind message supplies 2 parameters, but
 * prepared statement "" requires 0") or reads another query's rows. And a message that throws
 * stops the queue for good. Seen in 0.1.3; #1046 reports both in 0.2.7 too; proposed fixes:
 * electric-sql/pglite#977 and #1094.
 * Delete, with releaseSession, when the test "keeps each connection's parameterized queries whole,
 * whatever else runs in the session" passes without it.
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
      if (!BATCH_MESSAGES.has(next.message[0]!) && !this.db.isInTransaction()) {
        this.unlock();
        this.unlock = undefined;
      }
    }
  } finally {
    this.processing = false;
  }
}

/**
 * Replaces QueryQueueManager.clearTransactionIfNeeded: when the connection that owns the session
 * goes, ends its batch and rolls back its transaction through the queue.
 * Works around: the original runs its ROLLBACK under PGlite's lock, which processQueue above
 * holds for the owner, so every connection would wait forever; it does not end a batch either.
 * Delete with processQueue; the test "rolls back the transaction of a connection that goes away,
 * and serves the others" covers it.
 */
async function releaseSession(this: QueryQueue, handlerId: number) {
  if (this.lastHandlerId !== handlerId || !this.unlock) return;
  for (const message of [SYNC, ROLLBACK]) {
    this.queue.push({ handlerId, message, onData: () => {}, resolve: () => {}, reject: () => {} });
  }
  await this.processQueue();
}

let applied = false;

/**
 * Monkeypatch: applies the fixes above to every socket server started from now on. `prisma dev`
 * constructs the server, and pglite-socket does not export its queue, so they go in at `start()`.
 */
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
