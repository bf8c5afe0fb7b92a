import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { encryptedTokens } from "@/lib/db/encrypted-tokens";
import { databaseEnv } from "@/lib/env";

// The pool is sized explicitly (DATABASE_POOL_SIZE) and a query that finds no
// free connection fails after DATABASE_POOL_TIMEOUT_MS instead of waiting
// forever (pg's default). No request holds a connection while it waits on
// Polar or on another request's token refresh (lib/grants/grant-lease.ts), so a
// small pool serves many concurrent requests.
function createClient() {
  const { url, poolSize, poolTimeoutMs } = databaseEnv();
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: poolTimeoutMs,
      idleTimeoutMillis: 10_000,
    }),
  }).$extends(encryptedTokens);
}

export type Database = ReturnType<typeof createClient>;

// One client per process: Next's dev server re-evaluates modules on every edit.
const globalForPrisma = globalThis as unknown as { prisma?: Database };
export const db = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;
