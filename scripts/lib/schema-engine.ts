// Prisma's own schema engine, compiled to WebAssembly, driven through the pg
// driver adapter. `prisma migrate` needs a native engine binary that Prisma
// downloads on first use; this runs the same engine from npm with nothing to
// download, and records `_prisma_migrations` exactly as `migrate deploy` does.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
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

async function loadEngineModule() {
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
  bg.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return bg;
}

// adapter-pg 7.10 has no column type for Postgres's internal `"char"` (oid 18),
// which the engine's catalog introspection reads (diffing against migrations
// needs it); report it as text, which is what it is.
type PgResult = { fields: { dataTypeID: number }[] };
function readCharAsText(adapter: object) {
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as {
    performIO: (...args: unknown[]) => Promise<PgResult>;
    charAsText?: true;
  };
  if (queryable.charAsText) return;
  const performIO = queryable.performIO;
  queryable.performIO = async function (this: unknown, ...args: unknown[]) {
    const result = await performIO.apply(this, args);
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  queryable.charAsText = true;
}

type ClientConfig = ReturnType<typeof parseIntoClientConfig>;

async function connect(config: ClientConfig) {
  const adapter = await new PrismaPg(config).connect();
  readCharAsText(adapter);
  return adapter;
}

/**
 * A throwaway database beside the main one, for replaying migrations. A server
 * that keeps a single database (Prisma's embedded Postgres) would hand back the
 * main database under the new name, and replaying there would wreck it; such a
 * server needs its own shadow database (`shadowDatabaseUrl`).
 */
async function createShadowDatabase(config: ClientConfig) {
  const main = await connect(config);
  const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
  await main.executeScript(`CREATE DATABASE "${database}"`);
  // adapter-pg's own shadow database ignores `database` when the config has a
  // connection string, and drops it while its pool is still connected.
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

/** A given shadow database, emptied: the engine replays the migrations into it as it is. */
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
