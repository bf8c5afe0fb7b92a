// The app and the emulator as the benchmarks run them: the e2e environment on
// a benchmark's own ports and database, the app built for production into
// .next-bench (one build for every benchmark; `--no-build` reuses the last one)
// and served by `next start`, as one instance or several on consecutive ports,
// all on the one database as a deployment's instances are. Stop them with
// processes.ts's stopAll().
import { readFileSync, writeFileSync } from "node:fs";
import { READY_LINE } from "polar-emulator/ready";
import { control } from "polar-emulator/testing";
import { emptyDatabase, ensureDatabase } from "./database.ts";
import { run, start, waitForOutput } from "./processes.ts";

export const BENCH_DIST_DIR = ".next-bench";

export interface BenchStackOptions {
  /** Defaults, overridden by BENCH_APP_PORT and BENCH_EMULATOR_PORT (the emulator's API origin is the next port). */
  appPort: number;
  emulatorPort: number;
  /** The benchmark's own database, on DATABASE_URL's server (else the local one); emptied on every run. */
  database: string;
  /** More of the emulator's environment, e.g. a load-test population. */
  emulatorEnv?: Record<string, string>;
  /** Instances of the app (1), on the app's port and the ports after it; sign-ins go to the first. */
  appInstances?: number;
}

/** Part of the emulator's `stats` control. */
export interface EmulatorStats {
  /** Requests per API route ("GET /v1/orders/"), 429s included. */
  api: Record<string, number>;
  /** Requests answered 429. */
  rate_limited: number;
}

/** All API requests in `stats`. */
export const apiCalls = (stats: EmulatorStats) => Object.values(stats.api).reduce((a, b) => a + b, 0);

/** next build records a custom distDir in tsconfig.json; keep the shared file as it was. */
async function build(env: Record<string, string>) {
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  try {
    await run("next", ["build"], env);
  } finally {
    writeFileSync("tsconfig.json", tsconfig);
  }
}

/**
 * Migrates the database, builds the app unless `--no-build`, starts the
 * emulator and the app's instances, and waits until all serve; returns the
 * app's environment, its instances' origins, the emulator's controls and the
 * processes' ids.
 */
export async function startBenchStack(options: BenchStackOptions) {
  process.env.E2E_APP_PORT = process.env.BENCH_APP_PORT ?? String(options.appPort);
  process.env.E2E_EMULATOR_PORT = process.env.BENCH_EMULATOR_PORT ?? String(options.emulatorPort);
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/");
  url.pathname = `/${options.database}`;
  process.env.DATABASE_URL = url.toString();
  const { e2eEnv } = await import("../../test-support/e2e-env.ts");
  // The cache as deployed, with its defaults (the e2e run turns it off).
  const env = {
    ...e2eEnv,
    POLAR_CACHE_FRESH_SECONDS: "30",
    POLAR_CACHE_STALE_SECONDS: "300",
    NEXT_DIST_DIR: BENCH_DIST_DIR,
    EMULATOR_QUIET: "1",
  };

  await ensureDatabase(env.DATABASE_URL);
  await run(process.execPath, ["scripts/db-migrate.ts"], { DATABASE_URL: env.DATABASE_URL });
  // People signed in by an earlier run hold tokens of an emulator that is gone:
  // signing them in again would revoke those first, on Polar's per-address limit.
  await emptyDatabase(env.DATABASE_URL);
  if (!process.argv.includes("--no-build")) await build(env);
  const emulator = start("emulator", process.execPath, ["packages/polar-emulator/src/main.ts"], {
    ...env,
    ...options.emulatorEnv,
  });
  await waitForOutput(emulator, READY_LINE);
  const ports = Array.from({ length: options.appInstances ?? 1 }, (_, i) => Number(env.PORT) + i);
  const apps = ports.map((port, i) =>
    start(ports.length > 1 ? `app ${i + 1}` : "app", "next", ["start", "--port", String(port)], env),
  );
  await Promise.all(apps.map((app) => waitForOutput(app, /Ready in/)));

  /** One of the emulator's test controls, GET without a body and POST with one; its JSON answer. */
  async function emulatorControl(path: string, body?: unknown) {
    const response = await control(env.POLAR_EMULATOR_URL, path, body);
    if (!response.ok) throw new Error(`emulator control ${path}: ${response.status}`);
    return response.json();
  }
  return {
    env,
    /** Every instance's origin; the session cookies of one serve them all (cookies are per host, not port). */
    appUrls: ports.map((port) => `http://localhost:${port}`),
    control: emulatorControl,
    pids: { app: apps.map((app) => app.pid), emulator: [emulator.pid] },
  };
}
