// Starts an embedded database: Prisma's embedded PostgreSQL (`prisma dev`: PGlite, in this
// process) for `npm run dev`, `npm test` and `npm run db:migrate:dev` when DATABASE_URL is not set.
// The CLI's equivalent is `prisma dev`, a long-lived server on fixed ports; this is the same server
// from @prisma/dev, started for one command, on free ports, with pglite-socket-fixes.ts applied.
// Each start is an empty in-memory database, gone once closed. It keeps a single database (CREATE
// DATABASE creates nothing to connect to) and runs one query at a time, whatever the number of
// connections; its separate shadow database is for the schema engine's diffs.
import { startPrismaDevServer } from "@prisma/dev";
import { applyPgliteSocketFixes } from "./pglite-socket-fixes.ts";

export interface EmbeddedPostgres {
  url: string;
  shadowDatabaseUrl: string;
  close(): Promise<void>;
}

/** Starts an embedded Postgres; `name` tells it apart from others (`npm run dev` uses "polar-starter"). */
export async function startEmbeddedPostgres(name: string): Promise<EmbeddedPostgres> {
  applyPgliteSocketFixes();
  const server = await startPrismaDevServer({ name });
  return {
    url: server.database.connectionString,
    shadowDatabaseUrl: server.shadowDatabase.connectionString,
    close: () => server.close(),
  };
}

/** Logs an embedded database's address with its password masked. */
export function describeEmbedded(url: string) {
  return `Embedded Postgres (prisma dev) at ${url.replace(/:[^:@/]+@/, ":***@")}`;
}
