// `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>
// with the SQL that takes the committed migrations to prisma/schema.prisma.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  migrationsDir,
  noFilters,
  openSchemaEngine,
  readMigrationsList,
  schemaPath,
} from "./lib/schema-engine.ts";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(1);
}
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: the engine needs a database to replay migrations on.");
  process.exit(1);
}

const engine = await openSchemaEngine(url);
try {
  const { stdout } = await engine.diff({
    from: { tag: "migrations", ...(await readMigrationsList()) },
    to: {
      tag: "schemaDatamodel",
      files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }],
    },
    script: true,
    exitCode: null,
    filters: noFilters,
  });
  const sql = stdout ?? "";
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log("Schema and migrations already agree: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  engine.free();
}
