// `npm run bench:load`: the organization dashboards under load, with the
// emulator at Polar's production rate limit (500 API calls a minute per OAuth
// client, its default) and 100 ms per API call. Builds and starts the app and
// the emulator (own ports and database, see lib/bench-stack.ts) with a load
// population of 100 users in 10 organizations, signs each user in and connects
// their organization through the real OAuth flow over HTTP, once, opens every
// page of each organization until all are cached (a warm-up, as traffic before
// the window would; the cold start is what `npm run bench` measures), then for
// BENCH_LOAD_SECONDS opens 20 views a second (open loop: one every 50 ms,
// finished or not), each a random user's organization overview or, half the
// time, one of its list pages (now and then page 2), read to the end of the
// body. Prints the views' p50 and p95 times, their statuses and problem
// notices, Polar calls a minute against the limit, and the database's peak
// connections. The last line is
//
//   load: V views/min, C Polar calls/min (limit L), R rate-limited views, p95 P ms
//
// where a rate-limited view showed a rate-limited or busy notice. Exits with 1
// if a target is missed: V ≥ 1000, C ≤ L, R = 0, p95 ≤ 1000 ms, and every
// view a 200 without other notices.
//
//   BENCH_LOAD_SECONDS (60) BENCH_APP_PORT (3240) BENCH_EMULATOR_PORT (4240)
//   DATABASE_URL (postgresql://postgres@127.0.0.1:5432/polar_starter_bench_load)
//   --no-build   reuse the last build in .next-bench
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { loadUserEmail } from "polar-emulator/load-population";
import { signInToApp, type AppSession } from "./lib/app-sign-in.ts";
import { apiCalls, startBenchStack, type EmulatorStats } from "./lib/bench-stack.ts";
import { LIST_PAGES, problemKinds } from "./lib/dashboard-views.ts";
import { watchConnections } from "./lib/database.ts";
import { stopAll } from "./lib/processes.ts";
import { reportTargets } from "./lib/targets.ts";
import { ms, percentile, timeRequest } from "./lib/timing.ts";

const USERS = 100;
const ORGANIZATIONS = 10;
const SIGN_IN_CONCURRENCY = 8;
const LATENCY_MS = 100;
const VIEWS_PER_SECOND = 20;
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const VIEWS_TARGET = 1000;
const P95_TARGET_MS = 1000;
/** Notices that say the app is out of Polar budget: rate limited by Polar, or its own budget spent with nothing cached. */
const RATE_LIMITED = new Set(["rate-limited", "busy"]);

interface View {
  kind: "overview" | "list";
  status: number;
  ms: number;
  problems: string[];
  error?: string;
}

/** Signs every load user in, SIGN_IN_CONCURRENCY at a time. */
async function signInAll(appUrl: string) {
  const sessions: AppSession[] = [];
  let next = 1;
  const signInNext = async () => {
    while (next <= USERS)
      sessions.push(await signInToApp(appUrl, { userEmail: loadUserEmail(next++, USERS) }));
  };
  await Promise.all(Array.from({ length: SIGN_IN_CONCURRENCY }, signInNext));
  return sessions;
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

/** One view of a random user's dashboard, timed to the end of its body; a request that fails has status 0. */
async function view(appUrl: string, sessions: AppSession[]): Promise<View> {
  const { cookie, slug } = pick(sessions);
  const kind = Math.random() < 0.5 ? "overview" : "list";
  const path =
    kind === "overview"
      ? `/dashboard/${slug}`
      : `/dashboard/${slug}/${pick(LIST_PAGES)}${Math.random() < 0.25 ? "?page=2" : ""}`;
  const started = performance.now();
  try {
    const result = await timeRequest(`${appUrl}${path}`, { cookie });
    return { kind, status: result.status, ms: result.full, problems: problemKinds(result.body) };
  } catch (error) {
    return {
      kind,
      status: 0,
      ms: performance.now() - started,
      problems: [],
      error: (error as Error).message,
    };
  }
}

/** Opens VIEWS_PER_SECOND views a second for SECONDS on a fixed schedule; the window runs until the last view ends. */
async function drive(appUrl: string, sessions: AppSession[]) {
  const started = performance.now();
  const views: Promise<View>[] = [];
  for (let i = 0; i < SECONDS * VIEWS_PER_SECOND; i++) {
    const wait = started + (i * 1000) / VIEWS_PER_SECOND - performance.now();
    if (wait > 0) await sleep(wait);
    views.push(view(appUrl, sessions));
  }
  const done = await Promise.all(views);
  return { views: done, minutes: (performance.now() - started) / 60_000 };
}

/**
 * Fills the cache as traffic before the window would: one user of each
 * organization opens its overview and every list page (page 1 and 2), again
 * until a whole pass shows no busy notice. The request budget paces it.
 */
async function warmUp(appUrl: string, sessions: AppSession[]) {
  const started = performance.now();
  const paths = ["", ...LIST_PAGES.flatMap((list) => [`/${list}`, `/${list}?page=2`])];
  const firsts = [...new Map(sessions.map((session) => [session.slug, session])).values()];
  for (let pass = 1; ; pass++) {
    const busy = await Promise.all(
      firsts.map(async ({ cookie, slug }) => {
        let pages = 0;
        for (const path of paths) {
          const { body } = await timeRequest(`${appUrl}/dashboard/${slug}${path}`, { cookie });
          if (problemKinds(body).length > 0) pages++;
        }
        return pages;
      }),
    );
    if (busy.every((pages) => pages === 0))
      return { passes: pass, seconds: (performance.now() - started) / 1000 };
    if (pass === 10) throw new Error("the warm-up still saw problem notices after 10 passes");
  }
}

/** How many of `items` fall under each key, as "key × n" pairs. */
function tally(items: (string | number)[]) {
  const counts = new Map<string | number, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([key, n]) => `${key} × ${n}`).join(", ") || "none";
}

try {
  const { env, control } = await startBenchStack({
    appPort: 3240,
    emulatorPort: 4240,
    database: "polar_starter_bench_load",
    emulatorEnv: { EMULATOR_LOAD_USERS: String(USERS), EMULATOR_LOAD_ORGANIZATIONS: String(ORGANIZATIONS) },
  });
  await control("settings", { latency_ms: LATENCY_MS });
  const { rate_limit_per_minute: limit } = (await control("settings")) as { rate_limit_per_minute: number };

  const signInStarted = performance.now();
  const sessions = await signInAll(env.AUTH_URL);
  const organizations = new Set(sessions.map((session) => session.slug)).size;
  const signInCalls = apiCalls((await control("stats")) as EmulatorStats);
  const signInSeconds = (performance.now() - signInStarted) / 1000;
  console.log(
    `\nSigned in ${sessions.length} users in ${organizations} organizations in ${signInSeconds.toFixed(1)} s (${signInCalls} Polar API calls)`,
  );
  if (organizations < ORGANIZATIONS)
    throw new Error(`the users connected ${organizations} organizations, not ${ORGANIZATIONS}`);

  await control("stats/reset", {});
  const warm = await warmUp(env.AUTH_URL, sessions);
  const warmCalls = apiCalls((await control("stats")) as EmulatorStats);
  console.log(
    `Warm-up: every page of every organization cached in ${warm.seconds.toFixed(1)} s, ${warm.passes === 1 ? "one pass" : `${warm.passes} passes`} (${warmCalls} Polar API calls)`,
  );

  await control("stats/reset", {});
  const connections = await watchConnections(env.DATABASE_URL);
  const { views, minutes } = await drive(env.AUTH_URL, sessions);
  const peakConnections = await connections.stop();
  const stats = (await control("stats")) as EmulatorStats;

  const perMinute = (count: number) => Math.round(count / minutes);
  const viewsPerMinute = perMinute(views.length);
  const calls = apiCalls(stats);
  const callsPerMinute = perMinute(calls);
  const rateLimited = views.filter((v) => v.problems.some((kind) => RATE_LIMITED.has(kind))).length;
  const failed = views.filter((v) => v.status !== 200);
  const otherProblems = views.flatMap((v) => v.problems.filter((kind) => !RATE_LIMITED.has(kind)));
  const p95 = Math.round(
    percentile(
      views.map((v) => v.ms),
      95,
    ),
  );

  console.log(
    `\n${views.length} views in ${(minutes * 60).toFixed(1)} s, ${sessions.length} users, emulator latency ${LATENCY_MS} ms per API call`,
  );
  for (const kind of ["overview", "list"] as const) {
    const ofKind = views.filter((v) => v.kind === kind).map((v) => v.ms);
    console.log(
      `  ${kind.padEnd(8)} ${String(ofKind.length).padStart(5)} views   p50 ${ms(percentile(ofKind, 50))}   p95 ${ms(percentile(ofKind, 95))}`,
    );
  }
  const times = views.map((v) => v.ms);
  console.log(
    `  all      ${String(views.length).padStart(5)} views   p50 ${ms(percentile(times, 50))}   p95 ${ms(percentile(times, 95))}   max ${ms(Math.max(...times))}`,
  );
  console.log(
    `  statuses: ${tally(views.map((v) => v.status))}${failed[0]?.error ? ` (first failure: ${failed[0].error})` : ""}`,
  );
  console.log(
    `  rate-limited views (rate-limited or busy notice): ${rateLimited}; notices: ${tally(views.flatMap((v) => v.problems))}`,
  );
  console.log(
    `  Polar API calls: ${calls} = ${callsPerMinute}/min (limit ${limit}/min), ${stats.rate_limited} answered 429`,
  );
  for (const [route, count] of Object.entries(stats.api))
    console.log(`    ${route.padEnd(40)} ${String(perMinute(count)).padStart(5)}/min`);
  console.log(`  database: peak ${peakConnections} connections`);

  reportTargets([
    { pass: viewsPerMinute >= VIEWS_TARGET, label: `${viewsPerMinute} views/min (target ≥ ${VIEWS_TARGET})` },
    { pass: callsPerMinute <= limit, label: `${callsPerMinute} Polar calls/min (target ≤ limit ${limit})` },
    { pass: rateLimited === 0, label: `${rateLimited} rate-limited views (target 0)` },
    { pass: p95 <= P95_TARGET_MS, label: `p95 ${p95} ms (target ≤ ${P95_TARGET_MS} ms)` },
    {
      pass: failed.length === 0 && otherProblems.length === 0,
      label: `${failed.length} failed views, ${otherProblems.length} other notices (target 0)`,
    },
  ]);
  console.log(
    `load: ${viewsPerMinute} views/min, ${callsPerMinute} Polar calls/min (limit ${limit}), ${rateLimited} rate-limited views, p95 ${p95} ms`,
  );
} finally {
  stopAll();
}
