import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { attachDatabasePool } from "@vercel/functions";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { encryptedTokens } from "@/lib/db/encrypted-tokens";
import { databaseEnv } from "@/lib/env";

/** A connection's error: its code and message, which name no password or connection string. */
function logConnectionError(error: Error & { code?: string }) {
  console.error(`[db] A database connection failed (${error.code ?? error.name}): ${error.message}`);
}

/**
 * The server process's connection pool. It is sized explicitly
 * (DATABASE_POOL_SIZE) and a query that finds no free connection fails after
 * DATABASE_POOL_TIMEOUT_MS instead of waiting forever (pg's default). No
 * request holds a connection while it waits on Polar or on another request's
 * token refresh (lib/grants/grant-lease.ts), so a small pool serves many
 * concurrent requests. Idle connections close after 5 s.
 */
export function createPool({ url, poolSize, poolTimeoutMs } = databaseEnv()) {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: poolTimeoutMs,
    idleTimeoutMillis: 5_000,
  });
  // An idle connection the server closes (a restart, a pooler's timeout)
  // emits 'error' on the pool, which would otherwise crash the process.
  pool.on("error", logConnectionError);
  // On Vercel, keeps a function instance alive until its idle connections
  // have closed, so none is left open at the pooler while it is suspended.
  // Anywhere else a no-op: the listener it adds to 'release'
  // (@vercel/functions 3.11.2, db-connections/index.js) returns at once unless
  // VERCEL_URL and VERCEL_REGION are set.
  attachDatabasePool(pool);
  return pool;
}

function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg(createPool(), {
      // $disconnect() ends the pool too.
      disposeExternalPool: true,
      // A connection inside a transaction that fails.
      onConnectionError: logConnectionError,
    }),
  }).$extends(encryptedTokens);
}

export type Database = ReturnType<typeof createClient>;

// One client, and so one pool, per process: Next's dev server re-evaluates
// modules on every edit, and a production build bundles this module once for
// the route handlers and once for the pages, which would each open a pool.
const globalForPrisma = globalThis as unknown as { prisma?: Database };
export const db = (globalForPrisma.prisma ??= createClient());
