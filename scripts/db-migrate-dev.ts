// `npm run db:migrate:dev -- <name>`: after an edit to prisma/schema.prisma, creates the migration
// that takes the database there (prisma/migrations/<timestamp>_<name>/migration.sql), applies it
// to DATABASE_URL and regenerates the client. With internet, `prisma migrate dev --name <name>`
// and then `prisma generate` do the same; this runs the same engine as WebAssembly
// (lib/schema-engine.ts), so nothing is downloaded. With no DATABASE_URL it works on an embedded
// Postgres, as `npm run dev` does.
//
//   --schema <file>   another schema; its migrations folder is beside it
import { spawnSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { describeEmbedded, startEmbeddedPostgres, type EmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { noFilters, openSchemaEngine, readMigrationsList, schemaLocation } from "./lib/schema-engine.ts";

const { values, positionals } = parseArgs({
  options: { schema: { type: "string" } },
  allowPositionals: true,
});
const { schemaPath, migrationsDir } = schemaLocation(values.schema);

async function ask(question: string) {
  if (!process.stdin.isTTY) return "";
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(question)).trim();
  } finally {
    prompt.close();
  }
}

/** A reason to stop that the user can act on (not a crash). */
class Stop extends Error {}

type SchemaEngine = Awaited<ReturnType<typeof openSchemaEngine>>;

async function createAndApply(engine: SchemaEngine, onEmbedded: boolean) {
  const schema = { files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }] };
  const apply = async () =>
    (
      await engine.applyMigrations({
        migrationsList: await readMigrationsList(migrationsDir),
        filters: noFilters,
      })
    ).appliedMigrationNames;

  const pending = await apply();
  if (pending.length) console.log(`Applied pending migration(s): ${pending.join(", ")}`);
  // Replays the migrations on the shadow database to compare them with this
  // one. The engine's Wasm build reaches a shadow database only here and in
  // diff; evaluateDataLoss and createMigration reuse what this replay cached.
  const migrationsList = await readMigrationsList(migrationsDir);
  const { action } = await engine.devDiagnostic({ migrationsList, filters: noFilters });
  if (action.tag === "reset") {
    throw new Stop(
      `${action.reason}\nThe database and ${path.relative(process.cwd(), migrationsDir)} disagree; nothing was changed. ` +
        "Point DATABASE_URL at an empty database (or drop this one's tables) and run this again.",
    );
  }
  const evaluation = await engine.evaluateDataLoss({ migrationsList, schema, filters: noFilters });
  const list = (feedback: { message: string }[]) => feedback.map((item) => `  • ${item.message}`).join("\n");
  if (evaluation.unexecutableSteps.length) {
    throw new Stop(
      `This change cannot be applied to the database as it is:\n${list(evaluation.unexecutableSteps)}`,
    );
  }
  if (evaluation.migrationSteps === 0) {
    console.log(`Already in sync: ${path.relative(process.cwd(), schemaPath)} needs no new migration.`);
    return;
  }
  if (evaluation.warnings.length) {
    console.log(`\n⚠ This migration may lose data:\n${list(evaluation.warnings)}\n`);
    if ((await ask("Create and apply it anyway? [y/N] ")).toLowerCase() !== "y")
      throw new Stop("Nothing was changed.");
  }
  const name = (positionals[0] ?? (await ask("Name of the migration (e.g. add_projects): ")))
    .replace(/[^a-z0-9_]+/gi, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  if (!name) throw new Stop("Name the migration: npm run db:migrate:dev -- <name>");
  const { generatedMigrationName, migrationScript } = await engine.createMigration({
    migrationName: name,
    draft: false,
    migrationsList,
    schema,
    filters: noFilters,
  });
  if (migrationScript === null) throw new Stop("The schema engine produced no migration.");
  const dir = path.join(migrationsDir, generatedMigrationName);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), migrationScript);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  const applied = (await apply()).join(", ");
  console.log(
    `Applied ${applied}${onEmbedded ? " (to the embedded database; `npm run dev` applies it to its own when it starts)" : ""}`,
  );
}

let embedded: EmbeddedPostgres | undefined;
let engine: SchemaEngine | undefined;
// Not process.exitCode. Works around: closing the embedded database sets process.exitCode to 0
// (@electric-sql/pglite 0.4.3, fixed by electric-sql/pglite#1059).
// Delete when `process.exitCode = 1; await (await startEmbeddedPostgres("x")).close()` leaves it 1.
let succeeded = false;
try {
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres("polar-starter-migrate");
    console.log(`${describeEmbedded(embedded.url)}, for this command only`);
  }
  engine = await openSchemaEngine(embedded?.url ?? process.env.DATABASE_URL!, {
    schemaPath,
    shadowDatabaseUrl: embedded?.shadowDatabaseUrl ?? process.env.SHADOW_DATABASE_URL,
  });
  await createAndApply(engine, Boolean(embedded));
  succeeded = true;
} catch (error) {
  console.error(
    error instanceof Stop
      ? error.message
      : `Migration failed: ${error instanceof Error ? error.message : error}`,
  );
} finally {
  engine?.free();
  await embedded?.close();
}

if (succeeded) {
  const generate = spawnSync(
    process.execPath,
    [path.join(import.meta.dirname, "prisma-generate.ts"), "--schema", schemaPath],
    {
      stdio: "inherit",
    },
  );
  succeeded = generate.status === 0;
}
// The engine leaves its pools open, as in db-migrate.ts: do not wait for them.
process.exit(succeeded ? 0 : 1);
