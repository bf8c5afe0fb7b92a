// `npm test`: every check and test, against the real PostgreSQL at DATABASE_URL
// (created if missing), in Debian's Chromium.
import pg from "pg";
import { run } from "./lib/processes.ts";

const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/polar_starter_test");
process.env.DATABASE_URL = url.toString();

async function ensureDatabase() {
  const database = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

const steps: [string, string, string[]][] = [
  ["typecheck", "tsc", ["--noEmit"]],
  ["lint", "eslint", [".", "--max-warnings=0"]],
  ["migrate", process.execPath, ["scripts/db-migrate.ts"]],
  ["unit and integration tests", "vitest", ["run"]],
  ["end-to-end tests", "playwright", ["test"]],
];

try {
  await ensureDatabase();
} catch (error) {
  console.error(`Cannot reach PostgreSQL at DATABASE_URL (${url.host}): ${(error as Error).message}`);
  process.exit(1);
}

let passed = 0;
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  try {
    await run(command, args);
    passed++;
  } catch (error) {
    console.error(`\n✖ ${name} failed: ${(error as Error).message}`);
    console.log(`${passed} passed, 1 failed`);
    process.exit(1);
  }
}
console.log(`\n${passed} passed, 0 failed`);
