// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL and records them in
// _prisma_migrations. With internet, `prisma migrate deploy` does the same; this runs the same
// engine as WebAssembly (lib/schema-engine.ts), so nothing is downloaded.
import { openSchemaEngine, readMigrationsList, noFilters } from "./lib/schema-engine.ts";

// Migrations take a session-level advisory lock, which a transaction pooler
// (PgBouncer, Neon's pooler, Supabase's port 6543) breaks: they use the direct
// connection when one is given.
const url = process.env.DATABASE_URL_UNPOOLED || process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: point it at a PostgreSQL database (see .env.example).");
  process.exit(1);
}

const engine = await openSchemaEngine(url);
try {
  const { appliedMigrationNames } = await engine.applyMigrations({
    migrationsList: await readMigrationsList(),
    filters: noFilters,
  });
  console.log(
    appliedMigrationNames.length
      ? `Applied ${appliedMigrationNames.length} migration(s): ${appliedMigrationNames.join(", ")}`
      : "Database schema is up to date.",
  );
} catch (error) {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  engine.free();
}
// Works around: engine.free() does not close the pg pools the engine opened, whose connections
// and timers keep Node alive for 10 s after the work (@prisma/schema-engine-wasm 8.1.0-2.59be4fda).
// Delete when `time npm run db:migrate` ends as soon as it has printed without this line.
process.exit();
