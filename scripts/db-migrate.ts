// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (the same as
// `prisma migrate deploy`, with no engine download).
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
// The engine leaves timers and connections behind (up to a minute): do not wait for them.
process.exit();
