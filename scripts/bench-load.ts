// `npm run bench:load`: the organization dashboards under load, with the
// emulator at Polar's production rate limit (500 API calls a minute per OAuth
// client, its default) and 100 ms per API call. Builds and starts the app and
// the emulator (own ports and database, see lib/bench-stack.ts) with a load
// population of BENCH_LOAD_ORGANIZATIONS organizations × BENCH_LOAD_PEOPLE
// people (100 × 10), and signs every person in and connects their organization
// through the real OAuth flow over HTTP (lib/load-people.ts).
//
// The app runs as BENCH_LOAD_INSTANCES instances (2), and views go to them in
// turn, as a load balancer sends them. Node runs a server's JavaScript on one
// core, so a 2-core server runs an instance per core, as a deployment runs
// several: they share only PostgreSQL, so the budget, the grant checks and the
// cache are measured as they work across instances. BENCH_LOAD_INSTANCES=1
// shows what one instance serves on its core.
//
// Then it offers BENCH_LOAD_RATE views a second (50) for BENCH_LOAD_SECONDS
// (60), open loop: a view opens on schedule whether or not earlier ones have
// finished. Each is a person's organization overview or, half the time, one of
// its list pages (now and then page 2), read to the end of the body. People
// browse in sessions of a minute, BENCH_LOAD_VIEWS_PER_PERSON_MINUTE views (20)
// with a few seconds between them, so rate × 60 / that many are browsing at
// any moment (150), taking turns through the whole population
// (lib/load-sessions.ts). Why not a random person of all 1,000 for every view:
// the app confirms each person's grant with Polar once a minute (one
// GET /v1/organizations/{id} per active person per minute), so how many people
// are active in a minute is what a deployment's Polar budget bounds, and a
// benchmark that made all 1,000 active at once would measure something no
// deployment sees.
//
// Before the window it warms up as the traffic before it would have
// (lib/load-warm-up.ts): every organization's overview and first list pages
// are cached (pages 2 are left cold). Then the same traffic ramps up over a
// session's length (a minute), unmeasured: the lead-in. Sessions start one
// after another across it, so everyone browsing as the window opens began
// their session in it and Polar confirmed their grant at its first view, and
// the window sees sessions (and grant checks) start at an even pace, as in
// steady traffic. Pages 2 are cached where the lead-in opened them.
//
// With --abusive (or BENCH_LOAD_ABUSIVE=1) the first person of the first
// organization does not browse but fires 300 searches with distinct queries, 8
// at a time, from the window's start (lib/load-abuser.ts); their views are
// counted apart from everyone else's.
//
// Prints browsing views a minute; the people and organizations active each
// minute, and how many of those people started browsing in it (a minute sees
// those who were browsing as it began and those who took over from them: the
// second kind cost a first grant check); p50 and p95 of the browsing views and
// of the abuser's; the views with a busy or rate-limited notice (the abuser's,
// and everyone else's per organization); other notices; Polar calls a minute
// per route against the limit; the cache's peak rows (in all, and per
// organization); the database's peak connections; and the CPU the app, the
// emulator and this driver used (the app's instances together). The last line is
//
//   load: V views/min, C Polar calls/min (limit L), B busy for others[, A busy for the abuser], p95 P ms, cache peak N rows
//
// Exits with 1 if a target is missed: V ≥ 95 % of the offered views, C ≤ L,
// B = 0, p95 ≤ 1000 ms (browsing views), and every view a 200 without other
// notices.
//
//   BENCH_LOAD_ORGANIZATIONS (100) BENCH_LOAD_PEOPLE (10) BENCH_LOAD_RATE (50)
//   BENCH_LOAD_SECONDS (60) BENCH_LOAD_VIEWS_PER_PERSON_MINUTE (20)
//   BENCH_LOAD_ABUSIVE (0) BENCH_LOAD_INSTANCES (2) BENCH_APP_PORT (3240, the
//   other instances on the ports after it) BENCH_EMULATOR_PORT (4240)
//   DATABASE_URL: its server (default postgres@127.0.0.1:5432) holds the benchmark's own
//   database, polar_starter_bench_load, emptied on every run
//   --no-build   reuse the last build in .next-bench
//   --abusive    as BENCH_LOAD_ABUSIVE=1
import { performance } from "node:perf_hooks";
import { apiCalls, startBenchStack, type EmulatorStats } from "./lib/bench-stack.ts";
import { clearPolarCache, watchCacheRows, watchConnections } from "./lib/database.ts";
import { SEARCHES, CONCURRENCY } from "./lib/load-abuser.ts";
import { organizationSlugs, populationEnv, signInEveryone } from "./lib/load-people.ts";
import {
  outOfBudget,
  p95Line,
  printAbuser,
  printActivePerMinute,
  printBusyByOrganization,
  printCachePeak,
  printNotices,
  tally,
  timesLine,
} from "./lib/load-report.ts";
import { planSessions } from "./lib/load-sessions.ts";
import { loadSettings } from "./lib/load-settings.ts";
import { warmUp } from "./lib/load-warm-up.ts";
import { runSchedule } from "./lib/load-window.ts";
import { watchCpu } from "./lib/process-cpu.ts";
import { stopAll } from "./lib/processes.ts";
import { reportTargets } from "./lib/targets.ts";
import { percentile } from "./lib/timing.ts";

const LATENCY_MS = 100;
const P95_TARGET_MS = 1000;

const settings = loadSettings();
const { organizations, people, rate, seconds, viewsPerPersonMinute, instances } = settings;
const users = organizations * people;
const seconds1 = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

try {
  const { env, appUrls, control, pids } = await startBenchStack({
    appPort: 3240,
    emulatorPort: 4240,
    database: "polar_starter_bench_load",
    emulatorEnv: populationEnv(organizations, people),
    appInstances: instances,
  });
  await control("settings", { latency_ms: LATENCY_MS });
  const { rate_limit_per_minute: limit } = (await control("settings")) as { rate_limit_per_minute: number };
  const stats = async () => (await control("stats")) as EmulatorStats;

  const started = performance.now();
  console.log(`\nSigning in ${users} people (${organizations} organizations × ${people})`);
  const everyone = await signInEveryone(env.AUTH_URL, users);
  const connected = new Set(everyone.map((person) => person.slug)).size;
  console.log(
    `Signed in ${everyone.length} people in ${connected} organizations in ${seconds1(started)} s (${apiCalls(await stats())} Polar API calls)`,
  );
  if (connected < organizations)
    throw new Error(`the people connected ${connected} organizations, not ${organizations}`);

  const abuser = settings.abusive ? everyone[0] : undefined;
  const plan = planSessions(
    everyone.filter((person) => person !== abuser),
    settings,
  );
  console.log(
    `Browsing: ${plan.views.length} views, ${rate}/s for ${seconds} s over ${appUrls.length} app instance${appUrls.length > 1 ? "s" : ""}, by ${plan.concurrent} people at a time, a view each ${((plan.concurrent / rate) * 1000).toFixed(0)} ms, in sessions of ${Math.round(viewsPerPersonMinute)} views; sessions starting in the window: ${plan.sessionsStarted}`,
  );
  if (abuser)
    console.log(`Abuser: ${abuser.slug}'s first person searches ${SEARCHES} times, ${CONCURRENCY} at a time`);

  await clearPolarCache(env.DATABASE_URL);
  await control("stats/reset", {});
  const warm = await warmUp(env.AUTH_URL, plan);
  console.log(
    `Warm-up: ${warm.pages} pages of ${warm.organizations} organizations cached in ${warm.seconds.toFixed(1)} s (${warm.views} views, ${apiCalls(await stats())} Polar API calls)`,
  );
  await control("stats/reset", {});
  const leadIn = await runSchedule(appUrls, plan.leadIn);
  console.log(
    `Lead-in: ${leadIn.browsing.length} views in ${(leadIn.minutes * 60).toFixed(1)} s (${apiCalls(await stats())} Polar API calls), ${leadIn.browsing.filter(outOfBudget).length} busy; ${plan.openingPeople.length} people browsing as the window opens`,
  );

  await control("stats/reset", {});
  const connections = await watchConnections(env.DATABASE_URL);
  const cacheRows = await watchCacheRows(env.DATABASE_URL);
  const cpu = watchCpu(pids);
  const measured = await runSchedule(appUrls, plan.views, abuser);
  const { browsing, minutes, lateMs } = measured;
  const { api, rate_limited } = await stats();
  const cpuUsed = cpu.stop(browsing.length);
  const abusive = await measured.abusive;
  const [peakConnections, cache] = await Promise.all([connections.stop(), cacheRows.stop()]);

  const perMinute = (count: number) => Math.round(count / minutes);
  const viewsPerMinute = perMinute(browsing.length);
  const calls = apiCalls({ api, rate_limited });
  const callsPerMinute = perMinute(calls);
  const busyForOthers = browsing.filter(outOfBudget).length;
  const busyForAbuser = abusive.filter(outOfBudget).length;
  const all = [...browsing, ...abusive];
  const failed = all.filter((view) => view.status !== 200);
  const firstError = failed.find((view) => view.error)?.error;
  const p95 = Math.round(
    percentile(
      browsing.map((view) => view.ms),
      95,
    ),
  );

  console.log(
    `\n${browsing.length} browsing views in ${(minutes * 60).toFixed(1)} s = ${viewsPerMinute}/min (offered ${rate * 60}/min), emulator latency ${LATENCY_MS} ms per API call; the driver opened views up to ${lateMs.toFixed(0)} ms late`,
  );
  printActivePerMinute(browsing, seconds, new Set(plan.openingPeople));
  for (const kind of ["overview", "list"] as const)
    console.log(
      timesLine(
        kind,
        browsing.filter((view) => view.kind === kind),
      ),
    );
  console.log(timesLine("browsing", browsing));
  console.log(p95Line(browsing, seconds));
  if (abuser) printAbuser(abusive, minutes);
  console.log(
    `  statuses: ${tally(all.map((view) => view.status))}${firstError ? ` (first request that failed: ${firstError})` : ""}`,
  );
  printBusyByOrganization(browsing, organizations, abuser?.slug);
  const otherNotices = printNotices(all);
  console.log(
    `  Polar API calls: ${calls} = ${callsPerMinute}/min (limit ${limit}/min), ${rate_limited} answered 429`,
  );
  for (const [route, count] of Object.entries(api))
    console.log(`    ${route.padEnd(40)} ${String(perMinute(count)).padStart(5)}/min`);

  printCachePeak(cache, organizationSlugs(organizations, people), abuser?.slug);
  console.log(`  database: peak ${peakConnections} connections\n  ${cpuUsed}`);

  reportTargets([
    {
      pass: viewsPerMinute >= rate * 60 * 0.95,
      label: `${viewsPerMinute} views/min (target ≥ ${Math.ceil(rate * 60 * 0.95)}, 95 % of ${rate * 60})`,
    },
    { pass: callsPerMinute <= limit, label: `${callsPerMinute} Polar calls/min (target ≤ limit ${limit})` },
    { pass: busyForOthers === 0, label: `${busyForOthers} busy views for others (target 0)` },
    { pass: p95 <= P95_TARGET_MS, label: `p95 ${p95} ms (target ≤ ${P95_TARGET_MS} ms)` },
    {
      pass: failed.length === 0 && otherNotices === 0,
      label: `${failed.length} failed views, ${otherNotices} other notices (target 0)`,
    },
  ]);
  console.log(
    `load: ${viewsPerMinute} views/min, ${callsPerMinute} Polar calls/min (limit ${limit}), ${busyForOthers} busy for others${abuser ? `, ${busyForAbuser} busy for the abuser` : ""}, p95 ${p95} ms, cache peak ${cache.peak} rows`,
  );
} finally {
  stopAll();
}
