// `npm run db:migrate:dev` on a copy of prisma/ with a model added: it writes a
// migration that creates the model's table, applies it, and a second run finds
// nothing left to do. The repository's own prisma/ folder is left as it was.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFile, cp, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, beforeEach, expect, it, type TestContext } from "vitest";

const exec = promisify(execFile);
const NOTE_MODEL = "\nmodel Note {\n  id   String @id\n  body String\n}\n";
const NOTE_TABLE = `CREATE TABLE "Note" (
    "id" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "Note_pkey" PRIMARY KEY ("id")
);`;

let copy: string;
let repositoryBefore: string[];

const repositoryState = async () => [
  ...(await readdir("prisma/migrations")),
  await readFile("prisma/schema.prisma", "utf8"),
];

beforeEach(async () => {
  repositoryBefore = await repositoryState();
  copy = await mkdtemp(path.join(tmpdir(), "polar-migrate-dev-"));
  await cp("prisma", path.join(copy, "prisma"), { recursive: true });
  await appendFile(path.join(copy, "prisma/schema.prisma"), NOTE_MODEL);
});

afterEach(async () => {
  await rm(copy, { recursive: true, force: true });
  expect(await repositoryState()).toEqual(repositoryBefore);
});

/** Runs the script on the copy, with DATABASE_URL as given (unset when undefined). */
async function migrateDev(databaseUrl: string | undefined, name: string) {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  if (!databaseUrl) delete env.DATABASE_URL;
  const schema = path.join(copy, "prisma/schema.prisma");
  const { stdout } = await exec(process.execPath, ["scripts/db-migrate-dev.ts", "--schema", schema, name], {
    env,
  });
  return stdout;
}

/** The repository's migrations by name, oldest first (without their timestamps). */
async function committedMigrations() {
  const entries = await readdir("prisma/migrations", { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return names.sort().map((name) => name.replace(/^\d{14}_/, ""));
}

/** The SQL of the copy's migrations named `*_<name>`. */
async function migrationsNamed(name: string) {
  const dir = path.join(copy, "prisma/migrations");
  const matching = (await readdir(dir)).filter((entry) => entry.endsWith(`_${name}`));
  return Promise.all(matching.map((entry) => readFile(path.join(dir, entry, "migration.sql"), "utf8")));
}

it("creates and applies a migration on an embedded Postgres when DATABASE_URL is not set", async () => {
  const first = await migrateDev(undefined, "add notes");
  expect(first).toContain("Embedded Postgres (prisma dev)");
  expect(first).toMatch(/Applied \d{14}_add_notes/);
  const sql = await migrationsNamed("add_notes");
  expect(sql).toHaveLength(1);
  expect(sql[0]).toContain(NOTE_TABLE);

  // A fresh embedded database applies every migration, the new one included,
  // and then matches the schema.
  const second = await migrateDev(undefined, "again");
  const pending = [...(await committedMigrations()), "add_notes"].map((name) => `\\d{14}_${name}`).join(", ");
  expect(second).toMatch(new RegExp(`Applied pending migration\\(s\\): ${pending}\\n`));
  expect(second).toContain("Already in sync");
  expect(await migrationsNamed("again")).toEqual([]);
}, 60_000);

/** A new database on DATABASE_URL's server, or null if that server keeps a single database. */
async function scratchDatabase() {
  const name = `migrate_dev_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const { rows } = await client.query("SELECT current_database() AS name");
  const drop = async () => {
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.end();
  };
  if (rows[0].name !== name) {
    await drop();
    return null;
  }
  return { url: url.toString(), client, drop };
}

it("creates and applies a migration on the database at DATABASE_URL", async (context: TestContext) => {
  const scratch = await scratchDatabase();
  if (!scratch) return context.skip("DATABASE_URL is an embedded Postgres, which keeps a single database");
  try {
    expect(await migrateDev(scratch.url, "add_notes")).toMatch(/Applied \d{14}_add_notes/);
    expect((await migrationsNamed("add_notes"))[0]).toContain(NOTE_TABLE);

    const { rows } = await scratch.client.query("SELECT migration_name FROM _prisma_migrations ORDER BY 1");
    expect(rows.map((row) => row.migration_name.replace(/^\d{14}_/, ""))).toEqual([
      ...(await committedMigrations()),
      "add_notes",
    ]);
    await scratch.client.query(`INSERT INTO "Note" (id, body) VALUES ('n1', 'a note')`);

    expect(await migrateDev(scratch.url, "again")).toContain("Already in sync");
  } finally {
    await scratch.drop();
  }
}, 60_000);
