// `npm test`: every check and test, against the real PostgreSQL at DATABASE_URL
// (created if missing), in Debian's Chromium. Ends with the total of unit and
// end-to-end tests as "N passed, N failed".
import { readFile, rm } from "node:fs/promises";
import { ensureDatabase } from "./lib/database.ts";
import { run } from "./lib/processes.ts";

const reports = ".reports";

const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/polar_starter_test");
process.env.DATABASE_URL = url.toString();

const steps: [string, string, string[]][] = [
  ["typecheck", "tsc", ["--noEmit"]],
  ["lint", "eslint", [".", "--max-warnings=0"]],
  ["migrate", process.execPath, ["scripts/db-migrate.ts"]],
  [
    "unit and integration tests",
    "vitest",
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`],
  ],
  ["end-to-end tests", "playwright", ["test"]],
];

/** Passed and failed test counts from the vitest and Playwright JSON reports. */
async function totals() {
  const read = async (file: string) => JSON.parse(await readFile(`${reports}/${file}`, "utf8").catch(() => "{}"));
  const [vitest, e2e] = await Promise.all([read("vitest.json"), read("playwright.json")]);
  return {
    passed: (vitest.numPassedTests ?? 0) + (e2e.stats?.expected ?? 0),
    failed: (vitest.numFailedTests ?? 0) + (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0),
  };
}

try {
  await ensureDatabase(url.toString());
} catch (error) {
  console.error(`Cannot reach PostgreSQL at DATABASE_URL (${url.host}): ${(error as Error).message}`);
  process.exit(1);
}

await rm(reports, { recursive: true, force: true });
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  try {
    await run(command, args);
  } catch (error) {
    console.error(`\n✖ ${name} failed: ${(error as Error).message}`);
    const { passed, failed } = await totals();
    console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(1);
  }
}
const { passed, failed } = await totals();
console.log(`\n${passed} passed, ${failed} failed`);
