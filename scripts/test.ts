// `npm test`: every check and test. The database is the PostgreSQL at
// DATABASE_URL (created if missing) or, when DATABASE_URL is not set, an
// embedded Postgres started for this run and stopped after it; the browser is
// the one scripts/lib/chromium.ts finds. `npm test -- unit [vitest arguments]`
// and `npm test -- e2e [playwright arguments]` run one kind of test.
// Ends with the total of unit and end-to-end tests as "N passed, N failed".
import { readFile, rm } from "node:fs/promises";
import { requireChromium } from "./lib/chromium.ts";
import { ensureDatabase } from "./lib/database.ts";
import { describeEmbedded, startEmbeddedPostgres, type EmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { run, stopAll } from "./lib/processes.ts";

const reports = ".reports";

type Kind = "check" | "unit" | "e2e";
const steps: { name: string; kind: Kind; command: string; args: string[] }[] = [
  { name: "typecheck", kind: "check", command: "tsc", args: ["--noEmit"] },
  { name: "lint", kind: "check", command: "eslint", args: [".", "--max-warnings=0"] },
  { name: "format", kind: "check", command: "prettier", args: ["--check", "."] },
  { name: "migrate", kind: "check", command: process.execPath, args: ["scripts/db-migrate.ts"] },
  {
    name: "unit and integration tests",
    kind: "unit",
    command: "vitest",
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`],
  },
  { name: "end-to-end tests", kind: "e2e", command: "playwright", args: ["test"] },
];

const [only, ...extraArgs] = process.argv.slice(2);
if (only !== undefined && only !== "unit" && only !== "e2e") {
  console.error(`Usage: npm test [-- unit|e2e [arguments for vitest or playwright]] (got "${only}")`);
  process.exit(1);
}
const selected = steps
  .filter((step) => !only || step.kind === only || step.name === "migrate")
  .map((step) => (step.kind === only ? { ...step, args: [...step.args, ...extraArgs] } : step));

/** Passed and failed test counts from the vitest and Playwright JSON reports. */
async function totals() {
  const read = async (file: string) =>
    JSON.parse(await readFile(`${reports}/${file}`, "utf8").catch(() => "{}"));
  const [vitest, e2e] = await Promise.all([read("vitest.json"), read("playwright.json")]);
  return {
    passed: (vitest.numPassedTests ?? 0) + (e2e.stats?.expected ?? 0),
    failed: (vitest.numFailedTests ?? 0) + (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0),
  };
}

// Before anything is built: without a browser the end-to-end tests cannot run.
if (selected.some((step) => step.kind === "e2e")) {
  process.env.CHROMIUM_PATH = requireChromium();
  console.log(`Browser: ${process.env.CHROMIUM_PATH}`);
}

// Stopping: a terminal's Ctrl-C reaches every process of the run, and vitest
// and Playwright wind down on their own (Playwright stops its web servers);
// a SIGTERM reaches only this process, which passes it on as that SIGINT. The
// run then ends as after a failed step: the database stops last.
let interrupted: NodeJS.Signals | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupted ??= signal;
    if (signal === "SIGTERM") stopAll("SIGINT");
  });
}

let embedded: EmbeddedPostgres | undefined;
if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  try {
    await ensureDatabase(url.toString());
  } catch (error) {
    console.error(`Cannot reach PostgreSQL at DATABASE_URL (${url.host}): ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`Database: ${url.host}${url.pathname} (DATABASE_URL)`);
} else {
  embedded = await startEmbeddedPostgres("polar-starter-test");
  process.env.DATABASE_URL = embedded.url;
  console.log(`Database: ${describeEmbedded(embedded.url)}, for this run only`);
}

await rm(reports, { recursive: true, force: true });
let failure: string | undefined;
try {
  for (const { name, command, args } of selected) {
    if (interrupted) break;
    console.log(`\n▶ ${name}`);
    try {
      await run(command, args);
    } catch (error) {
      failure = `${name} failed: ${(error as Error).message}`;
      break;
    }
  }
} finally {
  await embedded?.close();
}
if (interrupted) {
  console.error(`\n✖ stopped by ${interrupted}`);
  process.exit(interrupted === "SIGINT" ? 130 : 143);
}
if (failure) console.error(`\n✖ ${failure}`);
const { passed, failed } = await totals();
console.log(`\n${passed} passed, ${failure ? Math.max(failed, 1) : failed} failed`);
process.exitCode = failure ? 1 : 0;
