import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { encryptedTokens } from "@/lib/auth/encrypted-tokens";
import { databaseUrl } from "@/lib/env";

function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl() }),
  }).$extends(encryptedTokens);
}

export type Database = ReturnType<typeof createClient>;

// One client per process: Next's dev server re-evaluates modules on every edit.
const globalForPrisma = globalThis as unknown as { prisma?: Database };
export const db = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;
