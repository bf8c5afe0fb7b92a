// Prisma's schema engine (what `prisma migrate` runs) as WebAssembly from npm, through the pg
// driver adapter, for db-migrate.ts and db-migrate-dev.ts. Prisma 7's CLI runs it only as a native
// binary downloaded from binaries.prisma.sh, with no option to take this build (prisma 7.10.1). It
// records `_prisma_migrations` exactly as `prisma migrate deploy` does, so the CLI and these
// scripts can take over from each other on one database.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { parseIntoClientConfig } from "pg-connection-string";

const root = path.resolve(import.meta.dirname, "../..");

/** The project's schema, or another one; its migrations live in `migrations` beside it. */
export function schemaLocation(schemaPath = path.join(root, "prisma/schema.prisma")) {
  return {
    schemaPath: path.resolve(schemaPath),
    migrationsDir: path.join(path.dirname(path.resolve(schemaPath)), "migrations"),
  };
}

/**
 * The engine's module, its WebAssembly instantiated here (what the package's entry point does).
 * Works around: that entry point imports the .wasm file as an ES module, which Node 22 refuses
 * without --experimental-wasm-modules and Node 24.22 runs with an ExperimentalWarning on every
 * command (@prisma/schema-engine-wasm 8.1.0-2.59be4fda).
 * Delete when package.json's engines.node only allows versions where
 * `node -e 'import("@prisma/schema-engine-wasm")'` prints no warning: then import that instead.
 */
async function loadEngineModule() {
  const glue = "@prisma/schema-engine-wasm/schema_engine_bg";
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(new URL("schema_engine_bg.wasm", import.meta.resolve(glue)));
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
  bg.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return bg;
}

type PgResult = { fields: { dataTypeID: number }[] };
let charAsText = false;
/**
 * Monkeypatch: adapter-pg reports Postgres's internal `"char"` type (oid 18) as text, which it is.
 * Works around: adapter-pg has no column type for it, and the engine's catalog introspection reads
 * it, so `npm run db:migrate:dev` fails with "Column type 'char' could not be deserialized from the
 * database" (@prisma/adapter-pg 7.10.1; the same failure for `name`, oid 19, is prisma/orm#27403,
 * and 7.10.1 maps `name` to text but not `"char"`).
 * Delete when `npx vitest run scripts/db-migrate-dev.test.ts` passes without it.
 */
function readCharAsText(adapter: object) {
  if (charAsText) return;
  charAsText = true;
  // The adapter's prototype's prototype is PgQueryable, which its transactions share.
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as {
    performIO: (...args: unknown[]) => Promise<PgResult>;
  };
  const performIO = queryable.performIO;
  queryable.performIO = async function (this: unknown, ...args: unknown[]) {
    const result = await performIO.apply(this, args);
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
}

type ClientConfig = ReturnType<typeof parseIntoClientConfig>;

async function connect(config: ClientConfig) {
  const adapter = await new PrismaPg(config).connect();
  readCharAsText(adapter);
  return adapter;
}

/**
 * A throwaway database beside the main one for replaying migrations, dropped after. A server that
 * keeps a single database (Prisma's embedded Postgres) would hand back the main database under the
 * new name, and replaying there would wreck it: that is refused.
 * Works around: adapter-pg's own `connectToShadowDb` drops the database while its pool is still
 * connected, so `npm run db:migrate:dev` fails with 'database "prisma_migrate_shadow_db_…" is being
 * accessed by other users' and leaves it behind (@prisma/adapter-pg 7.10.1; given a connection
 * string, it also connects to the main database, not the new one).
 * Delete, keeping the single-database check, when `npx vitest run scripts/db-migrate-dev.test.ts`
 * passes with `connectToShadowDb: () => pg.connectToShadowDb()` and leaves no such database.
 */
async function createShadowDatabase(config: ClientConfig) {
  const main = await connect(config);
  const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
  await main.executeScript(`CREATE DATABASE "${database}"`);
  const shadow = await connect({ ...config, database });
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose();
    await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
    await main.dispose();
  };
  const { rows } = await shadow.queryRaw({ sql: "SELECT current_database()", args: [], argTypes: [] });
  if (rows[0]?.[0] !== database) {
    await shadow.dispose();
    throw new Error(
      "This PostgreSQL server keeps a single database (is it `prisma dev`?): it cannot host a shadow database. " +
        "Set SHADOW_DATABASE_URL to a separate, empty database.",
    );
  }
  return shadow;
}

/**
 * A given shadow database, emptied (as `prisma migrate dev` soft-resets a `shadowDatabaseUrl`).
 * Works around: the WebAssembly engine replays the migrations into the shadow database as it finds
 * it, and connects twice in one devDiagnostic, so the second replay fails with "Migration `…_init`
 * failed to apply cleanly to the shadow database … relation "User" already exists"
 * (@prisma/schema-engine-wasm 8.1.0-2.59be4fda).
 * Delete when the embedded test of `npx vitest run scripts/db-migrate-dev.test.ts` passes without
 * the DROP SCHEMA.
 */
async function emptiedShadowDatabase(url: string) {
  const shadow = await connect(parseIntoClientConfig(url));
  await shadow.executeScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  return shadow;
}

/** The engine on `connectionString`'s database. */
export async function openSchemaEngine(
  connectionString: string,
  {
    schemaPath = schemaLocation().schemaPath,
    shadowDatabaseUrl,
  }: { schemaPath?: string; shadowDatabaseUrl?: string } = {},
) {
  if (shadowDatabaseUrl === connectionString)
    throw new Error("The shadow database must not be the database itself.");
  const bg = await loadEngineModule();
  const datamodel = await readFile(schemaPath, "utf8");
  const config = parseIntoClientConfig(connectionString);
  const pg = new PrismaPg(config);
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: () => connect(config),
    connectToShadowDb: () =>
      shadowDatabaseUrl ? emptiedShadowDatabase(shadowDatabaseUrl) : createShadowDatabase(config),
  });
  return bg.SchemaEngine.new({ datamodels: [["schema.prisma", datamodel]] }, () => {}, factory);
}

/**
 * The migrations folder as the engine takes it: the list the Prisma CLI builds for its own engine
 * (`listMigrations` in @prisma/migrate, bundled into prisma's CLI and not exported).
 */
export async function readMigrationsList(migrationsDir = schemaLocation().migrationsDir) {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: await readFile(lockPath, "utf8").catch(() => null),
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: {
            tag: "ok" as const,
            value: await readFile(path.join(migrationsDir, dir, "migration.sql"), "utf8"),
          },
        },
      })),
    ),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };
