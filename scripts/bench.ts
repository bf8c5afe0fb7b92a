// `npm run bench`: how fast the organization dashboard renders when every Polar
// API call takes 100 ms. Builds and starts the app against the emulator (own
// ports, dist dir and database), signs in through the real OAuth flow in
// Chromium, connects "Acme Analytics", then times the dashboard's first byte
// and full streamed render. The panels fetch in parallel, so a full render must
// stay under 1.5× one API call; a waterfall would take several. Also prints each
// route's first-load JavaScript from the build output.
//
//   BENCH_APP_PORT (3230) BENCH_EMULATOR_PORT (4230) BENCH_RUNS (15)
//   DATABASE_URL (postgresql://postgres@127.0.0.1:5432/polar_starter_bench)
//   --no-build   reuse the last build in .next-bench
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { READY_LINE } from "polar-emulator/ready";
import { requireChromium } from "./lib/chromium.ts";
import { ensureDatabase } from "./lib/database.ts";
import { run, start, stopAll, waitForOutput } from "./lib/processes.ts";

// Before anything is built: the benchmark signs in through a real browser.
const browserPath = requireChromium();
const LATENCY_MS = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const distDir = ".next-bench";
process.env.E2E_APP_PORT ??= process.env.BENCH_APP_PORT ?? "3230";
process.env.E2E_EMULATOR_PORT ??= process.env.BENCH_EMULATOR_PORT ?? "4230";
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/polar_starter_bench";
// The same app and emulator environment as the e2e tests, on the bench's ports.
const { e2eEnv: env } = await import("../e2e/env.ts");
const appEnv = { ...env, NEXT_DIST_DIR: distDir, EMULATOR_QUIET: "1" };

/** next build records a custom distDir in tsconfig.json; keep the shared file as it was. */
async function build() {
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  try {
    await run("next", ["build"], appEnv);
  } finally {
    writeFileSync("tsconfig.json", tsconfig);
  }
}

async function control(path: string, body: unknown) {
  const response = await fetch(`${env.POLAR_EMULATOR_URL}/__emulator/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator control ${path}: ${response.status}`);
  return response.json();
}

/** Signs Ada in and connects Acme Analytics through the emulator's pages; returns the session cookie header. */
async function signInAndConnect() {
  const browser = await chromium.launch({ executablePath: browserPath, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    await page.goto(`${env.AUTH_URL}/`);
    await page.getByRole("button", { name: "Sign in with Polar" }).click();
    await page.getByRole("button", { name: "Continue as Ada Lovelace" }).click();
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole("button", { name: "Connect an organization" }).click();
    await page.getByRole("button", { name: "Continue as Ada Lovelace" }).click();
    await page.getByRole("radio", { name: "Acme Analytics" }).check();
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL(/\/dashboard\/acme-analytics$/);
    const cookies = await page.context().cookies(env.AUTH_URL);
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

/** Time to the response headers (first byte) and to the end of the streamed body. */
async function timeRequest(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: "manual" });
  const firstByte = performance.now() - started;
  const body = await response.text();
  return { status: response.status, firstByte, full: performance.now() - started, body };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);

/** First-load JS per app route: the root chunks plus the route's entry chunks, from the build manifests. */
function firstLoadJs() {
  const buildManifest = JSON.parse(readFileSync(join(distDir, "build-manifest.json"), "utf8"));
  const root: string[] = buildManifest.rootMainFiles;
  const rows: { route: string; raw: number; gzip: number }[] = [];
  const appDir = join(distDir, "server", "app");
  for (const file of readdirSync(appDir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith("page_client-reference-manifest.js") || file.startsWith("_")) continue;
    const context: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
    context.globalThis = context;
    vm.runInNewContext(readFileSync(join(appDir, file), "utf8"), context);
    for (const [page, manifest] of Object.entries(context.__RSC_MANIFEST ?? {})) {
      const chunks = new Set([...root, ...Object.values(manifest.entryJSFiles).flat()]);
      let raw = 0;
      let gzip = 0;
      for (const chunk of chunks) {
        const bytes = readFileSync(join(distDir, chunk));
        raw += bytes.length;
        gzip += gzipSync(bytes).length;
      }
      rows.push({ route: page.replace(/\/page$/, "") || "/", raw, gzip });
    }
  }
  return rows.sort((a, b) => a.route.localeCompare(b.route));
}

try {
  await ensureDatabase(env.DATABASE_URL);
  await run(process.execPath, ["scripts/db-migrate.ts"], { DATABASE_URL: env.DATABASE_URL });
  if (!process.argv.includes("--no-build")) await build();

  const emulator = start("emulator", process.execPath, ["packages/polar-emulator/src/main.ts"], appEnv);
  await waitForOutput(emulator, READY_LINE);
  await control("reset", {});
  const app = start("app", "next", ["start", "--port", env.PORT], appEnv);
  await waitForOutput(app, /Ready in/);

  const cookie = await signInAndConnect();
  const dashboard = `${env.AUTH_URL}/dashboard/acme-analytics`;
  await control("settings", { latency_ms: LATENCY_MS });

  // One API call as the app sees it: the emulator waits before it even checks the token.
  const apiCall: number[] = [];
  for (let i = 0; i < 5; i++) apiCall.push((await timeRequest(`${env.POLAR_EMULATOR_URL}/v1/organizations/`)).full);

  for (let i = 0; i < 3; i++) await timeRequest(dashboard, { cookie });
  await control("stats/reset", {});
  const firstByte: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await timeRequest(dashboard, { cookie });
    if (result.status !== 200 || !result.body.includes("Recent orders") || result.body.includes('data-problem="')) {
      throw new Error(`dashboard render ${i} was not a full, error-free page (status ${result.status})`);
    }
    firstByte.push(result.firstByte);
    full.push(result.full);
  }
  const stats = await (await fetch(`${env.POLAR_EMULATOR_URL}/__emulator/stats`)).json();
  const callsPerRender = Object.values(stats.api as Record<string, number>).reduce((a, b) => a + b, 0) / RUNS;

  const oneCall = median(apiCall);
  const ratio = median(full) / oneCall;
  console.log(`\nOrganization dashboard (${dashboard}), ${RUNS} renders, emulator latency ${LATENCY_MS} ms per API call`);
  console.log(`  one API call          median ${ms(oneCall)}`);
  console.log(`  time to first byte    median ${ms(median(firstByte))}   min ${ms(Math.min(...firstByte))}   max ${ms(Math.max(...firstByte))}`);
  console.log(`  full render           median ${ms(median(full))}   min ${ms(Math.min(...full))}   max ${ms(Math.max(...full))}`);
  console.log(`  API calls per render  ${callsPerRender.toFixed(1)} (${Object.keys(stats.api).join(", ")})`);
  console.log(`  full render / one call = ${ratio.toFixed(2)}× (limit 1.5×; sequential calls would be ~${callsPerRender.toFixed(0)}×)`);

  console.log("\nFirst-load JS per route (from the build's client reference manifests)");
  for (const { route, raw, gzip } of firstLoadJs()) {
    console.log(`  ${route.padEnd(44)} ${(raw / 1024).toFixed(1).padStart(7)} kB  ${(gzip / 1024).toFixed(1).padStart(6)} kB gzip`);
  }

  const pass = ratio < 1.5;
  console.log(`\n${pass ? "PASS" : "FAIL"}: full render ${pass ? "<" : "≥"} 1.5× one API call`);
  process.exitCode = pass ? 0 : 1;
} finally {
  stopAll();
}
